package dev.bulwark.spring.security;

import dev.bulwark.core.Bulwark;
import dev.bulwark.spring.internal.SecurityProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers Spring Security's 403 as Bulwark answers a token that lacks what a route requires: the
 * same {@code application/problem+json} document (or the configured block response for
 * {@code forbidden}) with an incident id, and a security event with that id. The starter provides
 * it as a bean; plug it in with {@code http.exceptionHandling(e -> e.accessDeniedHandler(handler))}.
 */
public final class BulwarkAccessDeniedHandler implements AccessDeniedHandler {

    private final SecurityProblems problems;

    public BulwarkAccessDeniedHandler(Bulwark bulwark) {
        this.problems = new SecurityProblems(bulwark);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        problems.accessDenied(request, response);
    }
}
