package dev.bulwark.core.internal.parse;

import dev.bulwark.core.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a header value of the form {@code value; name=token; name="quoted"} (RFC 9110, section
 * 5.6.6), as used by {@code Content-Type} and {@code Content-Disposition}, strictly: where parsers
 * in the wild read the same bytes differently, this one refuses.
 * <ul>
 *   <li>A parameter name is a token, compared without case; a repeated name is malformed (which of
 *       two {@code name} parameters wins differs between parsers). Whitespace between a name and
 *       its {@code =} is malformed: Jetty then does not see the parameter at all ({@code filename ="a"}
 *       is no file name to it, {@code name ="a"} no name), while Tomcat trims it away.</li>
 *   <li>A quoted value ends at the next {@code "}. Browsers do not escape backslashes in file
 *       names, while RFC-minded parsers read {@code \"} as an escaped quote, so a backslash before a
 *       quote is malformed; any other backslash is kept as it is.</li>
 *   <li>An unquoted value is a non-empty run without {@code ;}, whitespace or {@code "}.</li>
 * </ul>
 */
final class HeaderParameters {

    /**
     * @param value the part before the first {@code ;}, trimmed
     * @param parameters the parameters by lower-case name, in order, unquoted
     */
    record Parsed(String value, Map<String, String> parameters) {
    }

    private HeaderParameters() {
    }

    static Parsed parse(String header, String reason, Location location) throws MalformedRequestException {
        int n = header.length();
        int semicolon = header.indexOf(';');
        int valueEnd = semicolon < 0 ? n : semicolon;
        int valueStart = skipWhitespace(header, 0, valueEnd);
        String value = header.substring(valueStart, trimEnd(header, valueStart, valueEnd));
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = valueEnd;
        while (i < n) {
            i = skipWhitespace(header, i + 1, n); // past the ';'
            if (i >= n) {
                break;
            }
            if (header.charAt(i) == ';') {
                continue;
            }
            int nameStart = i;
            while (i < n && isTokenChar(header.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                throw new MalformedRequestException(reason, location, "parameter name expected at " + i);
            }
            String name = header.substring(nameStart, i).toLowerCase(Locale.ROOT);
            if (i < n && isWhitespace(header.charAt(i))) {
                throw new MalformedRequestException(reason, location,
                        "whitespace before '=' of " + name + " is read differently by different parsers");
            }
            if (i >= n || header.charAt(i) != '=') {
                throw new MalformedRequestException(reason, location, "'=' expected after parameter " + name);
            }
            i = skipWhitespace(header, i + 1, n);
            String parameter;
            if (i < n && header.charAt(i) == '"') {
                StringBuilder quoted = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new MalformedRequestException(reason, location, "unterminated quoted value of " + name);
                    }
                    char c = header.charAt(i);
                    if (c == '"') {
                        i++;
                        break;
                    }
                    if (c == '\\' && i + 1 < n && header.charAt(i + 1) == '"') {
                        throw new MalformedRequestException(reason, location,
                                "backslash before a quote in " + name + " is read differently by different parsers");
                    }
                    quoted.append(c);
                    i++;
                }
                parameter = quoted.toString();
            } else {
                int start = i;
                while (i < n && header.charAt(i) != ';' && !isWhitespace(header.charAt(i))) {
                    if (header.charAt(i) == '"') {
                        throw new MalformedRequestException(reason, location, "stray quote in " + name);
                    }
                    i++;
                }
                if (i == start) {
                    throw new MalformedRequestException(reason, location, "empty value of " + name);
                }
                parameter = header.substring(start, i);
            }
            i = skipWhitespace(header, i, n);
            if (i < n && header.charAt(i) != ';') {
                throw new MalformedRequestException(reason, location, "';' expected after parameter " + name);
            }
            if (parameters.put(name, parameter) != null) {
                throw new MalformedRequestException(reason, location, "parameter " + name + " repeated");
            }
        }
        return new Parsed(value, Collections.unmodifiableMap(parameters));
    }

    /** Whether {@code c} is a {@code tchar} of RFC 9110. */
    static boolean isTokenChar(int c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return c < 128 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private static int skipWhitespace(String s, int from, int to) {
        while (from < to && isWhitespace(s.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }
}
