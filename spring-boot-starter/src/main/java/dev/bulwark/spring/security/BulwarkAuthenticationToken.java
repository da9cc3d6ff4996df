package dev.bulwark.spring.security;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * The authentication of a request whose token Bulwark verified: the principal and the name are
 * the token's subject, {@link #getClaims()} its claims. Authenticated from the start, as the
 * token was verified before Spring Security saw the request; it carries no credentials.
 */
public final class BulwarkAuthenticationToken extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final String subject;
    private final Map<String, Object> claims;

    public BulwarkAuthenticationToken(String subject, Map<String, Object> claims,
            Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.subject = Objects.requireNonNull(subject, "subject");
        this.claims = Map.copyOf(claims);
        setAuthenticated(true);
    }

    /** The token's subject. */
    @Override
    public String getPrincipal() {
        return subject;
    }

    @Override
    public String getName() {
        return subject;
    }

    /** None: the token was verified before, and is not kept. */
    @Override
    public Object getCredentials() {
        return null;
    }

    /** The verified token's claims. */
    public Map<String, Object> getClaims() {
        return claims;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BulwarkAuthenticationToken token && super.equals(other)
                && subject.equals(token.subject) && claims.equals(token.claims);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), subject, claims);
    }
}
