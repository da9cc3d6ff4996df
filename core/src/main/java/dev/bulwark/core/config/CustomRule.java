package dev.bulwark.core.config;

import dev.bulwark.core.Mode;
import java.util.Objects;

/**
 * A deny rule of the service's own: blocks a request when a value selected by {@code selector}
 * exists (and, when the selector has a value matcher, matches it) in a request that meets
 * {@code when}. For example: block any parameter named {@code debug}, or a header value matching a
 * known exploit pattern before a vendor patch is out (a virtual patch).
 *
 * @param id stable id for logs, e.g. {@code CUSTOM-NO-DEBUG}
 * @param key rule key for exceptions and metrics; default {@code CUSTOM}
 * @param description one line for the log
 * @param selector the values it looks at
 * @param when request conditions
 * @param mode {@code null} to follow the global mode
 */
public record CustomRule(String id, String key, String description, ValueSelector selector, RequestCondition when, Mode mode) {

    public CustomRule {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        if (key == null || key.isBlank()) {
            key = "CUSTOM";
        }
        if (description == null) {
            description = "custom rule " + id;
        }
        Objects.requireNonNull(selector, "selector");
        if (selector.name() == null && selector.value() == null) {
            throw new IllegalArgumentException("custom rule " + id + " needs a name or value matcher");
        }
        if (when == null) {
            when = RequestCondition.always();
        }
    }
}
