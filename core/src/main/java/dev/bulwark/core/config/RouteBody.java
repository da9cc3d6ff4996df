package dev.bulwark.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a route accepts as a body beyond what Bulwark can inspect ({@code body:} of a route), so that
 * a service with an upload endpoint need not weaken the global {@code uninspectable} policy.
 *
 * <p>Binary content, that is a body or a {@code multipart/form-data} file that starts with the
 * signature of a known binary format (PNG, JPEG, PDF, ZIP, ...) or whose bytes are not text under a
 * binary media type, passes uninspected on the route when its declared media type falls in one of
 * {@code binary}, and is logged as {@code UNINSPECTED}. Anything else that cannot be inspected
 * follows {@code uninspectable}. Text stays inspected whatever type it declares: an "image" that is
 * really a script is inspected as text.
 *
 * @param binary media ranges, {@code type/subtype}, {@code type/*} or <code>&#42;/&#42;</code>, matched without
 *     case and without parameters; empty when the route accepts no binary bodies
 */
public record RouteBody(List<String> binary) {

    /** A route that accepts no binary bodies beyond the global policy. */
    public static final RouteBody NONE = new RouteBody(List.of());

    public RouteBody {
        List<String> ranges = new ArrayList<>();
        for (String range : Objects.requireNonNull(binary, "binary")) {
            ranges.add(mediaRange(range));
        }
        binary = List.copyOf(ranges);
    }

    /** Whether binary content declared as {@code mediaType} (lower case, no parameters; may be {@code null}) passes. */
    public boolean acceptsBinary(String mediaType) {
        if (mediaType == null) {
            return false;
        }
        for (String range : binary) {
            if (range.equals("*/*") || range.equals(mediaType)
                    || (range.endsWith("/*") && mediaType.startsWith(range.substring(0, range.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A media range in lower case, validated.
     *
     * @throws IllegalArgumentException when it is not {@code type/subtype}, {@code type/*} or <code>&#42;/&#42;</code> of token characters
     */
    static String mediaRange(String written) {
        String range = Objects.requireNonNull(written, "media range").trim().toLowerCase(Locale.ROOT);
        int slash = range.indexOf('/');
        String type = slash < 0 ? "" : range.substring(0, slash);
        String subtype = slash < 0 ? "" : range.substring(slash + 1);
        boolean valid = isToken(type) && isToken(subtype) || type.equals("*") && subtype.equals("*")
                || isToken(type) && subtype.equals("*");
        if (!valid) {
            throw new IllegalArgumentException("'" + written + "' is not a media range such as application/octet-stream or image/*");
        }
        return range;
    }

    private static boolean isToken(String text) {
        if (text.isEmpty() || text.equals("*")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean token = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$&-^_.+".indexOf(c) >= 0;
            if (!token) {
                return false;
            }
        }
        return true;
    }
}
