package dev.bulwark.spring.security;

import dev.bulwark.core.Bulwark;
import dev.bulwark.spring.internal.BulwarkAuthenticationFilter;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * Adds the token Bulwark verified to a {@link HttpSecurity}: right after the security context is
 * loaded, the {@link BulwarkAuthenticationConverter} bean's authentication becomes the request's,
 * so {@code authenticated()}, {@code hasAuthority("SCOPE_orders:write")}, {@code @PreAuthorize}
 * and {@code getUserPrincipal()} see the token without a second verification.
 *
 * <p>Spring Security applies it to every {@code HttpSecurity} it creates (it is listed in
 * {@code META-INF/spring.factories}); it adds nothing unless the starter (or the application)
 * defined a {@link BulwarkAuthenticationConverter} bean, which the starter does when
 * {@code bulwark.jwt} names an issuer and {@code bulwark.spring-security.enabled} is not
 * {@code false}.
 */
public final class BulwarkHttpConfigurer extends AbstractHttpConfigurer<BulwarkHttpConfigurer, HttpSecurity> {

    @Override
    public void configure(HttpSecurity http) {
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        if (context == null) {
            return;
        }
        BulwarkAuthenticationConverter converter = context.getBeanProvider(BulwarkAuthenticationConverter.class).getIfUnique();
        if (converter == null || !verifiesTokens(context)) {
            return;
        }
        http.addFilterAfter(new BulwarkAuthenticationFilter(converter, getSecurityContextHolderStrategy()),
                SecurityContextHolderFilter.class);
    }

    private static boolean verifiesTokens(ApplicationContext context) {
        Bulwark bulwark = context.getBeanProvider(Bulwark.class).getIfUnique();
        return bulwark != null && bulwark.config().jwt().enabled();
    }
}
