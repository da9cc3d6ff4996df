package dev.bulwark.core.internal.jwt;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import java.security.Key;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A token whose signature and time claims were verified, as kept in the cache.
 *
 * @param issuer the configured issuer that signed it
 * @param header the token's header, to find its key again in the issuer's current key set
 * @param key the key that verified the signature
 * @param claims the verified claims
 * @param claimMap the claims as plain Java values, for the application; read-only to any depth, because one
 *     cached token's map is handed to every request that carries the token, and a change made by one
 *     request must not reach the {@code claims:} requirements judged on the next
 * @param expiresAt {@code exp}, or {@code null} when the token has none
 * @param scopes the scopes it grants ({@code scope} and {@code scp}), read once when it is verified
 *     rather than on every request that needs a scope
 */
record VerifiedToken(String issuer, JWSHeader header, Key key, JWTClaimsSet claims, Map<String, Object> claimMap,
        Instant expiresAt, Set<String> scopes) {

    VerifiedToken {
        claimMap = readOnlyMap(claimMap);
    }

    /** A verified token granting the scopes its claims name. */
    VerifiedToken(String issuer, JWSHeader header, Key key, JWTClaimsSet claims, Map<String, Object> claimMap,
            Instant expiresAt) {
        this(issuer, header, key, claims, claimMap, expiresAt, Set.copyOf(Scopes.granted(claimMap)));
    }

    private static Map<String, Object> readOnlyMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>(map.size() * 2);
        map.forEach((name, value) -> copy.put(String.valueOf(name), readOnly(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object readOnly(Object value) {
        if (value instanceof Map<?, ?> map) {
            return readOnlyMap(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(readOnly(element)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
