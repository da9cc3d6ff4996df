package dev.bulwark.core.internal.decode;

import dev.bulwark.core.DecodingFlag;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a raw request path into the form that path rules inspect, the way a lenient server would
 * resolve it, and records every step as a flag:
 * <ol>
 *   <li>percent-decoding (without plus-as-space), so that {@code %2e%2e%2f} is seen as {@code ../};</li>
 *   <li>a backslash is read as a slash ({@code BACKSLASH_IN_PATH}), as IIS and some Java containers
 *       do;</li>
 *   <li>empty segments ({@code //}) are collapsed ({@code EMPTY_SEGMENTS}); a trailing slash is
 *       kept;</li>
 *   <li>{@code .} and {@code ..} segments are removed as in RFC 3986, section 5.2.4
 *       ({@code DOT_SEGMENTS}); a {@code ..} at the root is dropped and flagged
 *       {@code PATH_ABOVE_ROOT}.</li>
 * </ol>
 *
 * <p>Path parameters ({@code ;jsessionid=...}) stay in the segment text: stripping them would hide
 * what they carry. A segment whose part before the first {@code ;} is {@code .} or {@code ..} is a
 * dot-segment, because Tomcat and others resolve {@code /app/..;/admin} to {@code /admin}.
 *
 * <p>Linear in the length of the path. Immutable and thread-safe.
 */
public final class PathNormalizer {

    private final PercentDecoder decoder;

    public PathNormalizer(PercentDecoder decoder) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    /**
     * A normalised path.
     *
     * @param path the decoded, normalised path; always starts with {@code /}
     * @param segments the decoded segments of {@code path}, in order, without empty ones
     * @param flags what decoding and normalisation found; unmodifiable
     */
    public record NormalizedPath(String path, List<String> segments, Set<DecodingFlag> flags) {

        public NormalizedPath {
            Objects.requireNonNull(path, "path");
            segments = List.copyOf(segments);
            flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        }
    }

    /** Decodes and normalises {@code rawPath} (the path of the request target, still encoded). */
    public NormalizedPath normalize(String rawPath) {
        DecodedText decoded = decoder.decode(rawPath, false);
        int bits = FlagBits.of(decoded.flags());
        String path = decoded.text();
        if (path.indexOf('\\') >= 0) {
            path = path.replace('\\', '/');
            bits |= FlagBits.BACKSLASH_IN_PATH;
        }

        List<String> segments = new ArrayList<>();
        boolean trailingSlash = false;
        int n = path.length();
        int start = n > 0 && path.charAt(0) == '/' ? 1 : 0;
        while (start <= n) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = n;
            }
            boolean last = end == n;
            String segment = path.substring(start, end);
            switch (dots(segment)) {
                case 1 -> {
                    bits |= FlagBits.DOT_SEGMENTS;
                    trailingSlash = last;
                }
                case 2 -> {
                    bits |= FlagBits.DOT_SEGMENTS;
                    if (segments.isEmpty()) {
                        bits |= FlagBits.PATH_ABOVE_ROOT;
                    } else {
                        segments.remove(segments.size() - 1);
                    }
                    trailingSlash = last;
                }
                default -> {
                    if (segment.isEmpty()) {
                        if (last) {
                            trailingSlash = true;
                        } else {
                            bits |= FlagBits.EMPTY_SEGMENTS;
                        }
                    } else {
                        segments.add(segment);
                        trailingSlash = false;
                    }
                }
            }
            start = end + 1;
        }

        StringBuilder normalized = new StringBuilder(n + 1);
        for (String segment : segments) {
            normalized.append('/').append(segment);
        }
        if (segments.isEmpty() || trailingSlash) {
            normalized.append('/');
        }
        return new NormalizedPath(normalized.toString(), segments, FlagBits.toSet(bits));
    }

    /** 1 for a {@code .} segment, 2 for {@code ..}, 0 otherwise; path parameters are ignored. */
    private static int dots(String segment) {
        int semicolon = segment.indexOf(';');
        int length = semicolon < 0 ? segment.length() : semicolon;
        if (length == 1 && segment.charAt(0) == '.') {
            return 1;
        }
        if (length == 2 && segment.charAt(0) == '.' && segment.charAt(1) == '.') {
            return 2;
        }
        return 0;
    }
}
