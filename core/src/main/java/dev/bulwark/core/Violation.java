package dev.bulwark.core;

import java.util.Objects;

/**
 * A contract violation that may be shown to the client (OpenAPI enforcement lists them so API
 * clients can fix their requests): a stable key and where in the request. Never holds request
 * values.
 *
 * @param key the validator's stable message key, e.g. {@code validation.request.body.schema.required}
 * @param location where, e.g. {@code query:limit} or {@code body:/items/0/quantity}
 */
public record Violation(String key, String location) {

    public Violation {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(location, "location");
    }
}
