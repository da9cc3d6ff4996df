package dev.bulwark.spring.security;

import dev.bulwark.core.Decision;
import dev.bulwark.spring.internal.ScopeAuthenticationConverter;
import org.springframework.security.core.Authentication;

/**
 * Turns what Bulwark verified about a request into Spring Security's authentication of it. The
 * starter's bean, {@link #scopes}, maps the token's scopes as the OAuth2 resource server does;
 * declare a bean of this type to map differently (roles from a claim, say).
 */
@FunctionalInterface
public interface BulwarkAuthenticationConverter {

    /**
     * The authentication for a request Bulwark allowed; {@code null} when the decision holds no
     * verified token, which leaves the request to Spring Security's other means.
     */
    Authentication convert(Decision decision);

    /**
     * A {@link BulwarkAuthenticationToken} named after the subject, with an authority
     * {@code authorityPrefix + scope} for each scope in the claim {@code authoritiesClaimName} (a
     * space-separated string or a list of strings), or in {@code scope} and then {@code scp} when
     * that is {@code null}: the mapping of Spring Security's {@code JwtGrantedAuthoritiesConverter}.
     */
    static BulwarkAuthenticationConverter scopes(String authoritiesClaimName, String authorityPrefix) {
        return new ScopeAuthenticationConverter(authoritiesClaimName, authorityPrefix);
    }
}
