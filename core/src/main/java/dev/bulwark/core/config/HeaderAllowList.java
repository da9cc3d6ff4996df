package dev.bulwark.core.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which request headers the application may see ({@code headers.request.allow:}): {@code all} (the
 * default), {@code standard} (the well-known headers of HTTP, browsers, CORS, WebSocket and trace
 * context, see {@link #STANDARD_HEADERS}), or an explicit list whose entries are header names,
 * matchers such as {@code {prefix: X-Acme-}}, or the word {@code standard} for the standard list.
 * Names are compared without regard to case.
 *
 * <p>Framing headers ({@code Host}, {@code Content-Length}, {@code Content-Type},
 * {@code Transfer-Encoding}) are never removed. Forwarding headers from trusted proxies are governed
 * by {@link ClientIpConfig}, not by this list.
 *
 * @param allowsAll whether every header is allowed
 * @param includesStandard whether the standard headers are allowed
 * @param names further allowed names, compared without regard to case
 */
public record HeaderAllowList(boolean allowsAll, boolean includesStandard, List<StringMatcher> names) {

    /** The well-known request headers {@code standard} allows, in lower case. */
    public static final Set<String> STANDARD_HEADERS = Set.of(
            "accept", "accept-charset", "accept-encoding", "accept-language", "access-control-request-headers",
            "access-control-request-method", "authorization", "baggage", "cache-control", "connection",
            "content-encoding", "content-language", "content-length", "content-type", "cookie", "date", "dnt",
            "early-data", "expect", "from", "host", "http2-settings", "if-match", "if-modified-since", "if-none-match",
            "if-range", "if-unmodified-since", "keep-alive", "last-event-id", "max-forwards", "origin", "pragma",
            "prefer", "priority", "purpose", "range", "referer", "save-data", "sec-fetch-dest", "sec-fetch-mode",
            "sec-fetch-site", "sec-fetch-user", "sec-gpc", "sec-purpose", "sec-websocket-extensions",
            "sec-websocket-key", "sec-websocket-protocol", "sec-websocket-version", "te", "traceparent", "tracestate",
            "trailer", "transfer-encoding", "upgrade", "upgrade-insecure-requests", "user-agent", "via",
            "x-request-id", "x-requested-with");

    /** Headers that are never removed: without them the request cannot be read. */
    public static final Set<String> FRAMING_HEADERS = Set.of("host", "content-length", "content-type", "transfer-encoding");

    private static final HeaderAllowList ALL = new HeaderAllowList(true, false, List.of());
    private static final HeaderAllowList STANDARD = new HeaderAllowList(false, true, List.of());

    public HeaderAllowList {
        names = names.stream().map(StringMatcher::ignoringCase).toList();
        if (allowsAll && (includesStandard || !names.isEmpty())) {
            throw new IllegalArgumentException("'all' cannot be combined with other entries");
        }
    }

    /** Every header. */
    public static HeaderAllowList all() {
        return ALL;
    }

    /** The standard headers. */
    public static HeaderAllowList standard() {
        return STANDARD;
    }

    /** The standard headers and these. */
    public static HeaderAllowList standardAnd(String... names) {
        return new HeaderAllowList(false, true, List.of(names).stream().map(StringMatcher::exact).toList());
    }

    /** Whether a header of this name may reach the application. */
    public boolean allows(String name) {
        if (allowsAll) {
            return true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (FRAMING_HEADERS.contains(lower)) {
            return true;
        }
        if (includesStandard && (STANDARD_HEADERS.contains(lower) || lower.startsWith("sec-ch-"))) {
            return true;
        }
        for (StringMatcher matcher : names) {
            if (matcher.matches(lower)) {
                return true;
            }
        }
        return false;
    }
}
