package dev.bulwark.core.internal.jwt;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Reads granted scopes from {@code scope} (RFC 8693, space-separated) or {@code scp} (string or array). */
final class Scopes {

    private Scopes() {
    }

    static Set<String> granted(Map<String, Object> claims) {
        Set<String> scopes = new HashSet<>();
        add(scopes, claims.get("scope"));
        add(scopes, claims.get("scp"));
        return scopes;
    }

    private static void add(Set<String> scopes, Object claim) {
        if (claim instanceof String text) {
            for (String scope : text.split(" ")) {
                if (!scope.isEmpty()) {
                    scopes.add(scope);
                }
            }
        } else if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                if (value instanceof String text) {
                    scopes.add(text);
                }
            }
        }
    }
}
