/**
 * Spring Security and Bulwark together: a token Bulwark verified becomes the request's
 * {@link org.springframework.security.core.Authentication} (a {@link
 * dev.bulwark.spring.security.BulwarkAuthenticationToken}, mapped by a {@link
 * dev.bulwark.spring.security.BulwarkAuthenticationConverter}), added to every
 * {@code HttpSecurity} by {@link dev.bulwark.spring.security.BulwarkHttpConfigurer}; and
 * Spring Security's 401 and 403 answered with Bulwark's problem document by
 * {@link dev.bulwark.spring.security.BulwarkAuthenticationEntryPoint} and
 * {@link dev.bulwark.spring.security.BulwarkAccessDeniedHandler}.
 *
 * <p>Parameters and return values are non-null unless documented otherwise.
 */
package dev.bulwark.spring.security;
