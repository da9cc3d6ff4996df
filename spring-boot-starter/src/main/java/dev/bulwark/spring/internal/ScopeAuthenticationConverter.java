package dev.bulwark.spring.internal;

import dev.bulwark.core.Decision;
import dev.bulwark.spring.security.BulwarkAuthenticationConverter;
import dev.bulwark.spring.security.BulwarkAuthenticationToken;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Maps a verified token's scopes to authorities as Spring Security's resource server does: the
 * claim {@code scope}, else {@code scp} (or the configured claim), as a space-separated string or
 * a list of strings, each scope prefixed with {@code SCOPE_} (or the configured prefix).
 */
public final class ScopeAuthenticationConverter implements BulwarkAuthenticationConverter {

    /** The claims the resource server reads scopes from, in order, when no claim is configured. */
    static final List<String> WELL_KNOWN_CLAIMS = List.of("scope", "scp");

    private final List<String> claimNames;
    private final String prefix;

    /**
     * @param authoritiesClaimName the claim with the authorities; {@code null} or blank for
     *     {@code scope}, then {@code scp}
     * @param authorityPrefix the prefix of every authority; {@code null} for none
     */
    public ScopeAuthenticationConverter(String authoritiesClaimName, String authorityPrefix) {
        this.claimNames = authoritiesClaimName == null || authoritiesClaimName.isBlank()
                ? WELL_KNOWN_CLAIMS : List.of(authoritiesClaimName.trim());
        this.prefix = Objects.requireNonNullElse(authorityPrefix, "");
    }

    @Override
    public Authentication convert(Decision decision) {
        return decision.principal()
                .map(subject -> new BulwarkAuthenticationToken(subject, decision.claims(), authorities(decision.claims())))
                .orElse(null);
    }

    private Collection<GrantedAuthority> authorities(Map<String, Object> claims) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String scope : scopes(claims)) {
            authorities.add(new SimpleGrantedAuthority(prefix + scope));
        }
        return authorities;
    }

    /** The scopes of the first of the claims that is present; a value of another type holds none. */
    private List<String> scopes(Map<String, Object> claims) {
        for (String name : claimNames) {
            Object value = claims.get(name);
            if (value instanceof String text) {
                // Split on single spaces, as the resource server does (one char: no regular expression).
                return Arrays.stream(text.split(" ")).filter(scope -> !scope.isEmpty()).toList();
            }
            if (value instanceof Collection<?> values) {
                return values.stream().filter(String.class::isInstance).map(String.class::cast)
                        .filter(scope -> !scope.isBlank()).toList();
            }
        }
        return List.of();
    }
}
