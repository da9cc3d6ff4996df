package dev.bulwark.core.config;

/**
 * What to do with a request that asks for another method than its request line
 * ({@code method-override:}): an {@code X-HTTP-Method-Override}, {@code X-HTTP-Method} or
 * {@code X-Method-Override} header, or a {@code _method} query, form, multipart or JSON field.
 * Frameworks such as Spring's {@code HiddenHttpMethodFilter}, JAX-RS's
 * {@code HttpMethodOverrideFilter}, Rails, Laravel and Symfony turn such a {@code POST} into a
 * {@code PUT}, {@code PATCH} or {@code DELETE} after Bulwark has judged the request, so a policy
 * written for {@code DELETE} would never see it.
 */
public enum MethodOverridePolicy {
    /**
     * Refuse every request that carries an override, whatever its value (400). The default: most
     * services honour none, and refusing costs them nothing.
     */
    REFUSE,
    /**
     * Judge the request by the method the application will act on: a {@code POST} with one
     * override of {@code PUT}, {@code PATCH} or {@code DELETE} (any case; every field that names
     * one must agree) is judged as that method by every method-based policy (allowed methods, allow
     * rules, routes, deny-rule exceptions, OpenAPI, CSRF). An override on another method, to
     * another method, or overrides that disagree are refused (400): the application could read them
     * differently from Bulwark.
     */
    ALLOW
}
