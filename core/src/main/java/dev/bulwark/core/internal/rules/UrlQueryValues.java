package dev.bulwark.core.internal.rules;

import dev.bulwark.core.Component;
import dev.bulwark.core.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * The query values of a URL that a header carries whole ({@code Referer:
 * https://shop.example/?q=...}, {@code X-Original-URL: /search?q=...}): analytics, logging,
 * "back" links and URL-rewriting servers hand them to code as parameters, so a detector that judges a header value as header text (where a command or
 * statement at the start is weaker evidence) reads them again as the query values they are.
 */
public final class UrlQueryValues {

    /** Most values read from one header; a longer query is read up to there. */
    private static final int MAX_VALUES = 32;

    private UrlQueryValues() {
    }

    /**
     * The values of the query of {@code header} as query-value targets named after their
     * parameters, decoded as an application reads them ({@code +} as a blank, then {@code %XX}
     * escapes, {@link Text#percentDecodedOrSelf}: a browser sends {@code ?q=ls%20-la}, not a
     * blank), or none when the target is not a header value holding a URL (see
     * {@link #queryStart}) with a query.
     */
    public static List<ScanTarget> of(ScanTarget header) {
        if (header.source() != Source.HEADER || header.component() != Component.VALUE || !header.profile().has('?')) {
            return List.of();
        }
        String text = header.text();
        int question = queryStart(text);
        if (question < 0) {
            return List.of();
        }
        int end = text.indexOf('#', question);
        if (end < 0) {
            end = text.length();
        }
        List<ScanTarget> values = new ArrayList<>(4);
        int from = question + 1;
        while (from < end && values.size() < MAX_VALUES) {
            int to = text.indexOf('&', from);
            if (to < 0 || to > end) {
                to = end;
            }
            int equals = indexOf(text, '=', from, to);
            boolean named = equals >= 0;
            int valueFrom = named ? equals + 1 : from;
            if (valueFrom < to) {
                String name = named ? text.substring(from, equals) : "";
                values.add(new ScanTarget(Text.percentDecodedOrSelf(text.substring(valueFrom, to).replace('+', ' ')),
                        Source.QUERY, Component.VALUE, name));
            }
            from = to + 1;
        }
        return values;
    }

    /**
     * The first index of {@code c} in {@code text[from, to)}, or -1. Bounded by the pair: a search
     * to the end of the text for every pair would read a query of many empty pairs ({@code ?&&&...})
     * once per pair.
     */
    private static int indexOf(String text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where the query of the URL that is {@code text} begins, or -1: an absolute {@code http(s)://}
     * URL, or a path from the root ({@code X-Original-URL: /admin?q=...}, which some servers route
     * as the request's own).
     */
    private static int queryStart(String text) {
        int pathStart;
        if (Ascii.matchesAt(text, 0, "https://")) {
            pathStart = 8;
        } else if (Ascii.matchesAt(text, 0, "http://")) {
            pathStart = 7;
        } else if (text.startsWith("/")) {
            pathStart = 1;
        } else {
            return -1;
        }
        for (int i = pathStart; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '?') {
                return i;
            }
            if (c == '#' || Ascii.isSpace(c)) {
                return -1;
            }
        }
        return -1;
    }
}
