package dev.bulwark.core.internal.decode;

import dev.bulwark.core.DecodingFlag;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a raw request path into two forms, one for inspection and one for matching.
 *
 * <p><b>The inspected form</b> ({@link NormalizedPath#path()}) is what deny rules scan: the path the
 * way a lenient server would resolve it, with every step recorded as a flag:
 * <ol>
 *   <li>percent-decoding (without plus-as-space, repeated up to the decoder's depth), so that
 *       {@code %2e%2e%2f} is seen as {@code ../};</li>
 *   <li>a backslash is read as a slash ({@code BACKSLASH_IN_PATH}), as IIS and some Java containers
 *       do;</li>
 *   <li>empty segments ({@code //}) are collapsed ({@code EMPTY_SEGMENTS}); a trailing slash is
 *       kept;</li>
 *   <li>{@code .} and {@code ..} segments are removed as in RFC 3986, section 5.2.4
 *       ({@code DOT_SEGMENTS}); a {@code ..} at the root is dropped and flagged
 *       {@code PATH_ABOVE_ROOT}.</li>
 * </ol>
 * Path parameters ({@code ;jsessionid=...}) stay in the segment text of this form: stripping them
 * would hide what they carry. A segment whose part before the first {@code ;} is {@code .} or
 * {@code ..} is a dot-segment, because Tomcat and others resolve {@code /app/..;/admin} to
 * {@code /admin}. Since such a segment disappears from this form, the parameters of every segment,
 * dropped or not, are also listed on their own ({@link NormalizedPath#parameters()}).
 *
 * <p><b>The routing form</b> ({@link NormalizedPath#routingPath()}) is the path as a Servlet 6
 * container and Spring route it (Servlet 6.0, section 3.5.2): the raw path is split at {@code /},
 * the path parameters are cut from every segment, each segment is percent-decoded once, empty
 * segments are collapsed (as Tomcat does) and dot-segments resolved. Routes, allow rules, IP rules,
 * deny-rule exceptions and OpenAPI base paths match this form. On the way it notes the sequences
 * that section 3.5.2 tells a container to reject with 400, because containers and proxies disagree
 * on what they mean ({@link NormalizedPath#suspicious()}, see {@link SuspiciousPath}).
 *
 * <p>Linear in the length of the path. Immutable and thread-safe.
 */
public final class PathNormalizer {

    /** Containers decode a path once: {@code %252e} names a segment {@code %2e}, not a dot-segment. */
    private static final PercentDecoder ONCE = new PercentDecoder(1);
    /** The characters of a {@linkplain #plain plain} path besides {@code /}, by code. */
    private static final boolean[] PLAIN = plainCharacters();

    private final PercentDecoder decoder;

    public PathNormalizer(PercentDecoder decoder) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    /**
     * The parameters of one path segment: everything after its first {@code ;}.
     *
     * @param segment the position of the segment in the raw path, counting from 0 after the leading slash
     * @param raw the parameters as sent, still percent-encoded
     * @param decoded the parameters decoded as other values are (repeatedly, up to the decoder's depth)
     * @param flags what decoding found
     */
    public record PathParameter(int segment, String raw, String decoded, Set<DecodingFlag> flags) {

        public PathParameter {
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(decoded, "decoded");
            flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        }
    }

    /**
     * A normalised path.
     *
     * @param path the decoded, normalised path; always starts with {@code /}
     * @param segments the decoded segments of {@code path}, in order, without empty ones
     * @param flags what decoding and normalisation found; unmodifiable
     * @param routingPath the path as containers route it: parameters cut, decoded once, empty
     *     segments collapsed, dot-segments resolved; always starts with {@code /}
     * @param parameters the non-empty path parameters of every segment, dot-segments included
     * @param suspicious the first sequence a container should reject, or {@code null} for none
     * @param unresolved the raw path decoded as {@code path} is, before slashes and dot-segments are
     *     resolved: what the application sees of {@code getRequestURI()}
     */
    public record NormalizedPath(String path, List<String> segments, Set<DecodingFlag> flags, String routingPath,
            List<PathParameter> parameters, SuspiciousPath suspicious, DecodedText unresolved) {

        public NormalizedPath {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(unresolved, "unresolved");
            Objects.requireNonNull(routingPath, "routingPath");
            segments = List.copyOf(segments);
            flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
            parameters = List.copyOf(parameters);
        }
    }

    /** Decodes and normalises {@code rawPath} (the path of the request target, still encoded). */
    public NormalizedPath normalize(String rawPath) {
        NormalizedPath plain = plain(rawPath);
        return plain != null ? plain : resolve(rawPath);
    }

    /** {@link #normalize} step by step, for any path: decoded, then each form resolved. */
    NormalizedPath resolve(String rawPath) {
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
        Routing routing = route(rawPath);
        return new NormalizedPath(normalized.toString(), segments, FlagBits.toSet(bits), routing.path,
                routing.parameters, routing.suspicious, decoded);
    }

    /**
     * {@code rawPath} as {@link #normalize} gives it when it holds nothing to decode or resolve,
     * else {@code null}. Such a path (the usual {@code /api/v1/orders}) is its own inspected and
     * routing form: it starts with a slash; holds only printable ASCII other than {@code %},
     * {@code \} and {@code ;} (nothing to decode, no backslash, no path parameters, no control
     * character); and has no empty segment but a trailing one and no {@code .} or {@code ..}
     * segment. Decoding and both normalisations would return it unchanged, without flags and
     * with nothing suspicious, so one scan stands in for them.
     */
    private static NormalizedPath plain(String rawPath) {
        int n = rawPath.length();
        if (n == 0 || rawPath.charAt(0) != '/') {
            return null;
        }
        int segmentCount = 0;
        int start = 1;
        for (int i = 1; i <= n; i++) {
            char c = i < n ? rawPath.charAt(i) : '/';
            if (c != '/') {
                if (c >= PLAIN.length || !PLAIN[c]) {
                    return null;
                }
                continue;
            }
            int length = i - start;
            if (length == 0 && i < n
                    || length == 1 && rawPath.charAt(start) == '.'
                    || length == 2 && rawPath.charAt(start) == '.' && rawPath.charAt(start + 1) == '.') {
                return null;
            }
            if (length > 0) {
                segmentCount++;
            }
            start = i + 1;
        }
        String[] segments = new String[segmentCount];
        int next = 0;
        start = 1;
        while (start < n) {
            int end = rawPath.indexOf('/', start);
            if (end < 0) {
                end = n;
            }
            segments[next++] = rawPath.substring(start, end);
            start = end + 1;
        }
        return new NormalizedPath(rawPath, List.of(segments), Set.of(), rawPath, List.of(), null,
                DecodedText.of(rawPath));
    }

    private static boolean[] plainCharacters() {
        boolean[] plain = new boolean[0x7f];
        for (char c = 0x21; c < 0x7f; c++) {
            plain[c] = c != '%' && c != '\\' && c != ';' && c != '/';
        }
        return plain;
    }

    /** Only the routing form of {@code rawPath} (see {@link NormalizedPath#routingPath()}). */
    public String routingPath(String rawPath) {
        return route(rawPath).path;
    }

    private record Routing(String path, List<PathParameter> parameters, SuspiciousPath suspicious) {
    }

    /** The routing form of {@code rawPath}, its parameters and the first suspicious sequence in it. */
    private Routing route(String rawPath) {
        List<String> names = new ArrayList<>();
        List<PathParameter> parameters = List.of();
        SuspiciousPath suspicious = null;
        boolean trailingSlash = false;
        boolean previousEmpty = false;
        int n = rawPath.length();
        int start = n > 0 && rawPath.charAt(0) == '/' ? 1 : 0;
        for (int index = 0; start <= n; index++) {
            int end = rawPath.indexOf('/', start);
            if (end < 0) {
                end = n;
            }
            boolean last = end == n;
            int nameEnd = start;
            while (nameEnd < end && rawPath.charAt(nameEnd) != ';') {
                nameEnd++;
            }
            if (nameEnd < end && nameEnd + 1 < end) {
                if (parameters.isEmpty()) {
                    parameters = new ArrayList<>(2);
                }
                String raw = rawPath.substring(nameEnd + 1, end);
                DecodedText decoded = decoder.decode(raw, false);
                parameters.add(new PathParameter(index, raw, decoded.text(), decoded.flags()));
            }
            String rawName = rawPath.substring(start, nameEnd);
            String name = ONCE.decode(rawName, false).text();
            SuspiciousPath problem = problem(rawName, name, nameEnd < end, previousEmpty);
            if (suspicious == null) {
                suspicious = problem;
            }
            int dots = dotCount(name);
            if (dots == 1) {
                trailingSlash = last;
            } else if (dots == 2) {
                if (names.isEmpty()) {
                    if (suspicious == null) {
                        suspicious = SuspiciousPath.ABOVE_ROOT;
                    }
                } else {
                    names.remove(names.size() - 1);
                }
                trailingSlash = last;
            } else if (name.isEmpty()) {
                trailingSlash = last;
            } else {
                names.add(name);
                trailingSlash = false;
            }
            previousEmpty = name.isEmpty();
            start = end + 1;
        }
        StringBuilder path = new StringBuilder(n + 1);
        for (String name : names) {
            path.append('/').append(name);
        }
        if (names.isEmpty() || trailingSlash) {
            path.append('/');
        }
        return new Routing(path.toString(), parameters, suspicious);
    }

    /** What section 3.5.2 of Servlet 6.0 finds suspicious in one segment, or {@code null}. */
    private static SuspiciousPath problem(String rawName, String name, boolean hasParameters, boolean previousEmpty) {
        if (name.indexOf('/') >= 0) {
            return SuspiciousPath.ENCODED_SLASH;
        }
        if (name.indexOf('\\') >= 0) {
            return SuspiciousPath.BACKSLASH;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return SuspiciousPath.CONTROL_CHARACTER;
            }
        }
        int dots = dotCount(name);
        if (dots == 0) {
            return null;
        }
        if (hasParameters) {
            return SuspiciousPath.DOT_SEGMENT_WITH_PARAMETERS;
        }
        if (rawName.indexOf('%') >= 0) {
            return SuspiciousPath.ENCODED_DOT_SEGMENT;
        }
        if (dots == 2 && previousEmpty) {
            return SuspiciousPath.DOT_DOT_AFTER_EMPTY_SEGMENT;
        }
        return null;
    }

    /** 1 for {@code .}, 2 for {@code ..}, 0 otherwise. */
    private static int dotCount(String name) {
        if (name.equals(".")) {
            return 1;
        }
        return name.equals("..") ? 2 : 0;
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
