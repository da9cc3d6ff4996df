package dev.bulwark.core.config;

import dev.bulwark.core.Level;
import dev.bulwark.core.Mode;
import java.util.Objects;

/**
 * Settings for the requests that meet {@code when} ({@code routes:} in the configuration). The first
 * route whose conditions hold applies; its non-null settings replace the global ones for that
 * request.
 *
 * @param when the requests this route covers
 * @param mode block or log only; {@code null} to keep the global mode
 * @param denyRulesLevel deny-rule level; {@code null} to keep the global level
 * @param uninspectable what to do with bodies that cannot be inspected; {@code null} to keep
 * @param jwt token requirements; {@code null} to keep the global ones
 * @param openapi whether OpenAPI validation runs for this route; {@code null} to keep the global setting
 * @param openapiMode block or log only for OpenAPI violations on this route; {@code null} to keep
 */
public record Route(RequestCondition when, Mode mode, Level denyRulesLevel, UninspectablePolicy uninspectable,
        JwtRequirement jwt, Boolean openapi, Mode openapiMode) {

    public Route {
        Objects.requireNonNull(when, "when");
    }

    /** A route with conditions and the settings that do not concern tokens. */
    public Route(RequestCondition when, Mode mode, Level denyRulesLevel, UninspectablePolicy uninspectable) {
        this(when, mode, denyRulesLevel, uninspectable, null, null, null);
    }
}
