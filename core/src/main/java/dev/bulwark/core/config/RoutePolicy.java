package dev.bulwark.core.config;

import dev.bulwark.core.Mode;

/**
 * The request-policy settings of a route: what it changes of the global allowed methods, allow
 * rules, IP rules, CSRF check and request header filtering. Every {@code null} keeps the global
 * setting.
 *
 * @param allowedMethods the methods this route allows instead of the global ones
 * @param allowRules {@code false} to exempt the route from the allow rules
 * @param allowRulesMode block or log only for allow rules on this route
 * @param ipRules IP rules of this route (see {@link IpRules} for how they combine with the global ones)
 * @param csrf whether the CSRF check runs on this route
 * @param csrfMode block or log only for the CSRF check on this route
 * @param requestHeaders request header filtering of this route (see {@link RequestHeaders})
 */
public record RoutePolicy(AllowedMethods allowedMethods, Boolean allowRules, Mode allowRulesMode, IpRules ipRules,
        Boolean csrf, Mode csrfMode, RequestHeaders requestHeaders) {

    /** A route that changes no policy. */
    public static final RoutePolicy NONE = new RoutePolicy(null, null, null, null, null, null, null);
}
