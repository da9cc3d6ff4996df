package dev.bulwark.core.config;

import dev.bulwark.core.Level;
import dev.bulwark.core.Mode;
import java.util.List;
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
 * @param policy allowed methods, allow rules, IP rules, CSRF and header filtering of this route;
 *     {@link RoutePolicy#NONE} to keep the global ones
 * @param body the binary bodies this route accepts uninspected; {@link RouteBody#NONE} for none
 * @param limits the limits on the requests of this route, e.g. a larger body size on an upload
 *     endpoint only; {@code null} to keep the global ones. Of these, the route's limits on the body
 *     apply ({@code body-size}, {@code parameters}, {@code json}, {@code multipart}, {@code xml});
 *     the path, query, header, cookie and body-read limits are checked before a route is known and
 *     are always the global ones. The configuration file sets only the keys a route changes; the
 *     others take the global values.
 * @param rateLimits the route's own rate limits, counted besides the global ones; empty for none
 */
public record Route(RequestCondition when, Mode mode, Level denyRulesLevel, UninspectablePolicy uninspectable,
        JwtRequirement jwt, Boolean openapi, Mode openapiMode, RoutePolicy policy, RouteBody body, Limits limits,
        List<RateLimit> rateLimits) {

    public Route {
        Objects.requireNonNull(when, "when");
        if (policy == null) {
            policy = RoutePolicy.NONE;
        }
        if (body == null) {
            body = RouteBody.NONE;
        }
        rateLimits = rateLimits == null ? List.of() : List.copyOf(rateLimits);
        RateLimitsConfig.checkUniqueNames(rateLimits);
    }

    /** A route with the global limits and without rate limits of its own. */
    public Route(RequestCondition when, Mode mode, Level denyRulesLevel, UninspectablePolicy uninspectable,
            JwtRequirement jwt, Boolean openapi, Mode openapiMode, RoutePolicy policy, RouteBody body) {
        this(when, mode, denyRulesLevel, uninspectable, jwt, openapi, openapiMode, policy, body, null, List.of());
    }

    /** A route that accepts no binary bodies. */
    public Route(RequestCondition when, Mode mode, Level denyRulesLevel, UninspectablePolicy uninspectable,
            JwtRequirement jwt, Boolean openapi, Mode openapiMode, RoutePolicy policy) {
        this(when, mode, denyRulesLevel, uninspectable, jwt, openapi, openapiMode, policy, RouteBody.NONE);
    }

    /** A route that changes no request policy. */
    public Route(RequestCondition when, Mode mode, Level denyRulesLevel, UninspectablePolicy uninspectable,
            JwtRequirement jwt, Boolean openapi, Mode openapiMode) {
        this(when, mode, denyRulesLevel, uninspectable, jwt, openapi, openapiMode, RoutePolicy.NONE);
    }

    /** A route with conditions and the settings that do not concern tokens. */
    public Route(RequestCondition when, Mode mode, Level denyRulesLevel, UninspectablePolicy uninspectable) {
        this(when, mode, denyRulesLevel, uninspectable, null, null, null, RoutePolicy.NONE);
    }

    /** This route with other request-policy settings. */
    public Route withPolicy(RoutePolicy newPolicy) {
        return new Route(when, mode, denyRulesLevel, uninspectable, jwt, openapi, openapiMode, newPolicy, body, limits,
                rateLimits);
    }

    /** This route accepting other binary bodies. */
    public Route withBody(RouteBody newBody) {
        return new Route(when, mode, denyRulesLevel, uninspectable, jwt, openapi, openapiMode, policy, newBody, limits,
                rateLimits);
    }

    /** This route with other rate limits of its own. */
    public Route withRateLimits(List<RateLimit> newRateLimits) {
        return new Route(when, mode, denyRulesLevel, uninspectable, jwt, openapi, openapiMode, policy, body, limits,
                newRateLimits);
    }

    /** This route with its own limits; {@code null} for the global ones. */
    public Route withLimits(Limits newLimits) {
        return new Route(when, mode, denyRulesLevel, uninspectable, jwt, openapi, openapiMode, policy, body, newLimits,
                rateLimits);
    }
}
