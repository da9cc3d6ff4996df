package dev.bulwark.core.suggest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Groups raw paths into route patterns when no router named the route: a segment that looks like
 * an identifier becomes a variable, so that {@code /orders/1234/items} and {@code /orders/98/items}
 * share the pattern {@code /orders/{id}/items}.
 *
 * <p>A segment is an identifier when it is all digits, a UUID ({@code 8-4-4-4-12} hex digits), at
 * least 16 hex digits, or at least 20 characters of letters, digits, {@code -} and {@code _} with
 * both letters and digits (a generated token). Everything else stays literal: a pattern that is too
 * narrow only means another suggestion, one that is too wide would except more than was seen.
 */
public final class RoutePatterns {

    private static final int LONG_HEX = 16;
    private static final int LONG_TOKEN = 20;

    private RoutePatterns() {
    }

    /** The pattern of a routed path, e.g. {@code /pets/{id}} for {@code /pets/42}; variables are {@code {id}}, {@code {id2}}, ... */
    public static String of(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return path.isEmpty() ? "/" : path;
        }
        StringBuilder pattern = new StringBuilder(path.length());
        int variables = 0;
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String segment = path.substring(start, end);
            pattern.append('/');
            if (isIdentifier(segment)) {
                variables++;
                pattern.append(variables == 1 ? "{id}" : "{id" + variables + "}");
            } else {
                pattern.append(segment);
            }
            start = end + 1;
        }
        return pattern.toString();
    }

    /**
     * The pattern of a raw path as sent: segments split at {@code /}, path parameters
     * ({@code ;...}) cut, each segment percent-decoded once (as UTF-8), empty and {@code .}
     * segments dropped and {@code ..} resolved, the way servlet containers route it, then
     * {@link #of}. A path that does not decode is kept as sent.
     */
    public static String ofRawPath(String rawPath) {
        int query = rawPath.indexOf('?');
        String path = query < 0 ? rawPath : rawPath.substring(0, query);
        ArrayDeque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            int semicolon = segment.indexOf(';');
            String bare = semicolon < 0 ? segment : segment.substring(0, semicolon);
            String decoded;
            try {
                decoded = URLDecoder.decode(bare.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = bare;
            }
            if (decoded.isEmpty() || decoded.equals(".")) {
                continue;
            }
            if (decoded.equals("..")) {
                segments.pollLast();
                continue;
            }
            segments.addLast(decoded);
        }
        String routed = "/" + String.join("/", segments);
        return of(path.endsWith("/") && !segments.isEmpty() ? routed + "/" : routed);
    }

    /** Whether a segment looks generated rather than named: see the class comment. */
    static boolean isIdentifier(String segment) {
        int length = segment.length();
        if (length == 0) {
            return false;
        }
        boolean digits = true;
        boolean hex = true;
        boolean token = true;
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < length; i++) {
            char c = segment.charAt(i);
            boolean isDigit = c >= '0' && c <= '9';
            boolean isLetter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            digit |= isDigit;
            letter |= isLetter;
            digits &= isDigit;
            hex &= isDigit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            token &= isDigit || isLetter || c == '-' || c == '_';
        }
        return digits || isUuid(segment) || (hex && length >= LONG_HEX)
                || (token && length >= LONG_TOKEN && letter && digit);
    }

    private static boolean isUuid(String segment) {
        if (segment.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = segment.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
