package dev.bulwark.core.config;

import dev.bulwark.core.Mode;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Request header filtering ({@code headers.request:}): which headers the application sees. Bulwark
 * inspects the request as sent; filtering changes only what the application gets.
 *
 * <p>In {@code log-only} mode nothing is removed and a log-only finding names what block mode would
 * remove. In a route, {@code allow} replaces the global list, {@code remove} adds to it, and
 * {@code proxy-only} cannot be changed.
 *
 * @param allow which headers may reach the application; default {@link HeaderAllowList#all()}; in a
 *     route, {@code null} to keep the global list
 * @param remove lower-case names of headers that never reach the application, e.g. {@code x-debug}
 * @param proxyOnly lower-case names of identity headers (such as {@code x-authenticated-user}) that
 *     reach the application only from a trusted proxy (see {@link ClientIpConfig}), in addition to
 *     the built-in forwarding, client-address and identity headers; compared with case and
 *     {@code _}/{@code -} folded
 * @param mode block (remove) or log only; {@code null} to follow the global (or route) mode
 */
public record RequestHeaders(HeaderAllowList allow, Set<String> remove, Set<String> proxyOnly, Mode mode) {

    private static final RequestHeaders DEFAULTS = new RequestHeaders(HeaderAllowList.all(), Set.of(), Set.of(), null);

    public RequestHeaders {
        remove = lowerCase(remove);
        proxyOnly = lowerCase(proxyOnly);
        for (String name : remove) {
            if (HeaderAllowList.FRAMING_HEADERS.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' cannot be removed: the request cannot be read without it");
            }
        }
    }

    /** Every header reaches the application, except forwarding headers from untrusted peers. */
    public static RequestHeaders defaults() {
        return DEFAULTS;
    }

    private static Set<String> lowerCase(Set<String> names) {
        for (String name : names) {
            if (!ClientIpConfig.isHeaderName(name.trim())) {
                throw new IllegalArgumentException("invalid header name '" + name + "'");
            }
        }
        Set<String> lower = new LinkedHashSet<>();
        for (String name : names) {
            lower.add(name.trim().toLowerCase(Locale.ROOT));
        }
        return Collections.unmodifiableSet(lower);
    }
}
