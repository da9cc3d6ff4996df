package dev.bulwark.spring.internal;

import dev.bulwark.core.Decision;
import dev.bulwark.servlet.BulwarkFilter;
import dev.bulwark.spring.security.BulwarkAuthenticationConverter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * In Spring Security's filter chain, right after the security context is loaded: makes the
 * token Bulwark verified for this request (the {@link Decision} the Bulwark filter left in
 * {@value BulwarkFilter#DECISION_ATTRIBUTE}) the request's authentication. It runs on every
 * dispatch the chain runs on, as the context is loaded and cleared on each. The token stands for
 * this request only: the context is not saved to the session.
 */
public final class BulwarkAuthenticationFilter implements Filter {

    private final BulwarkAuthenticationConverter converter;
    private final SecurityContextHolderStrategy contexts;

    public BulwarkAuthenticationFilter(BulwarkAuthenticationConverter converter, SecurityContextHolderStrategy contexts) {
        this.converter = converter;
        this.contexts = contexts;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(BulwarkFilter.DECISION_ATTRIBUTE) instanceof Decision decision && !decision.blocked()) {
            Authentication authentication = converter.convert(decision);
            if (authentication != null) {
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(authentication);
                contexts.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }
}
