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
     * {@link #queryStart}) with a query. A pair without {@code =} is read as a value: a server
     * hands it to code too. Made on the first call for a target and kept on it, so that every
     * family that reads them shares one reading.
     */
    public static List<ScanTarget> of(ScanTarget header) {
        List<ScanTarget> values = header.urlQueryValues;
        if (values == null) {
            values = read(header);
            header.urlQueryValues = values;
        }
        return values;
    }

    private static List<ScanTarget> read(ScanTarget header) {
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
        FormPairs pairs = new FormPairs(text, question + 1, end);
        while (values.size() < MAX_VALUES && pairs.next()) {
            boolean named = pairs.hasValue();
            int valueFrom = named ? pairs.valueStart() : pairs.start();
            if (valueFrom < pairs.end()) {
                String name = named ? text.substring(pairs.start(), pairs.nameEnd()) : "";
                values.add(new ScanTarget(Text.percentDecodedOrSelf(text.substring(valueFrom, pairs.end()).replace('+', ' ')),
                        Source.QUERY, Component.VALUE, name));
            }
        }
        return values;
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
