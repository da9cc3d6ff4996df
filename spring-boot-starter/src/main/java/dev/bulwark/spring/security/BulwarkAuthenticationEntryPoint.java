package dev.bulwark.spring.security;

import dev.bulwark.core.Bulwark;
import dev.bulwark.spring.internal.SecurityProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers Spring Security's 401 as Bulwark answers a missing or invalid token: the same
 * {@code application/problem+json} document (or the configured block response for {@code token})
 * with an incident id, {@code WWW-Authenticate: Bearer}, and a security event with that id. The
 * starter provides it as a bean; plug it in with
 * {@code http.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))}.
 */
public final class BulwarkAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final SecurityProblems problems;

    public BulwarkAuthenticationEntryPoint(Bulwark bulwark) {
        this.problems = new SecurityProblems(bulwark);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        problems.unauthenticated(request, response);
    }
}
