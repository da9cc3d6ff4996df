package dev.bulwark.servlet.internal;

import dev.bulwark.core.Decision;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.Optional;

/**
 * The request as seen by the application once a token was verified: {@code getUserPrincipal()}
 * names the token's subject, {@code getRemoteUser()} returns it and {@code getAuthType()} is
 * {@value #AUTH_TYPE}. Without a verified subject the request is left as it is, and the
 * container's own authentication (if any) answers.
 */
public final class AuthenticatedRequest extends HttpServletRequestWrapper {

    /** What {@link #getAuthType()} returns for a request authenticated by its token. */
    public static final String AUTH_TYPE = "Bearer";

    private final TokenPrincipal principal;

    private AuthenticatedRequest(HttpServletRequest request, TokenPrincipal principal) {
        super(request);
        this.principal = principal;
    }

    /** {@code request} with the subject the decision verified; {@code request} itself when there is none. */
    public static HttpServletRequest wrap(HttpServletRequest request, Decision decision) {
        Optional<String> subject = decision.principal();
        return subject.isPresent() ? new AuthenticatedRequest(request, new TokenPrincipal(subject.get())) : request;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.getName();
    }

    @Override
    public String getAuthType() {
        return AUTH_TYPE;
    }

    /** The subject of a verified token. */
    record TokenPrincipal(String name) implements Principal {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String toString() {
            return "TokenPrincipal[" + name + "]";
        }
    }
}
