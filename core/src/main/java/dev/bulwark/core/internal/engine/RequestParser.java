package dev.bulwark.core.internal.engine;

import dev.bulwark.core.Component;
import dev.bulwark.core.DecodingFlag;
import dev.bulwark.core.Headers;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.Limits;
import dev.bulwark.core.config.RoutingPath;
import dev.bulwark.core.internal.decode.PathNormalizer;
import dev.bulwark.core.internal.decode.PercentDecoder;
import dev.bulwark.core.internal.decode.SuspiciousPath;
import dev.bulwark.core.internal.graphql.GraphQlReader;
import dev.bulwark.core.internal.graphql.GraphQlRequest;
import dev.bulwark.core.internal.parse.BasicCredentials;
import dev.bulwark.core.internal.parse.BinaryFormat;
import dev.bulwark.core.internal.parse.ContentSniffer;
import dev.bulwark.core.internal.parse.CookieParser;
import dev.bulwark.core.internal.parse.JsonBodyParser;
import dev.bulwark.core.internal.parse.LimitExceededException;
import dev.bulwark.core.internal.parse.MalformedRequestException;
import dev.bulwark.core.internal.parse.MultipartParser;
import dev.bulwark.core.internal.parse.ParameterParser;
import dev.bulwark.core.internal.parse.UninspectedContent;
import dev.bulwark.core.internal.parse.ValueSink;
import dev.bulwark.core.internal.parse.XmlBodyParser;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a request into inspectable values: the normalised path, its segments and path parameters,
 * query parameters, headers, cookies, and the body by its media type or, for a media type without a
 * parser, by its content (see {@link #parseUndeclared}: every body that is not binary is inspected as
 * text). Returns what could not be inspected (binary content, a compressed content encoding, an
 * unknown charset) for the engine to block or log. Enforces the count limits that span
 * parsers (parameters in query, form and multipart together). A request on a GraphQL path is read
 * as GraphQL instead of by its body's media type (see {@link GraphQlReader}).
 */
final class RequestParser {

    /** Where the body as a whole is found. */
    private static final Location BODY = Location.value(Source.BODY, "");
    private static final Location PATH = Location.value(Source.PATH, "");
    /** The locations of the first path segments and their parameters, made once rather than per request. */
    private static final Location[] SEGMENTS = locations(Source.PATH_SEGMENT, 16);
    private static final Location[] SEGMENT_PARAMETERS = locations(Source.PATH_PARAMETER, 16);

    private final Limits limits;
    private final PercentDecoder decoder;
    private final PathNormalizer pathNormalizer;
    private final ParameterParser parameterParser;
    private final CookieParser cookieParser;
    private final JsonBodyParser jsonParser;
    private final MultipartParser multipartParser;
    private final XmlBodyParser xmlParser;
    /** {@code null} when GraphQL protection is off. */
    private final GraphQlReader graphQl;
    /** Shared by the engine's parsers: decoding a header value depends on nothing a route sets. */
    private final RecentHeaderValues headerValues;

    RequestParser(BulwarkConfig config) {
        this(config, config.limits(), new RecentHeaderValues(new PercentDecoder(config.decodingPasses())));
    }

    /**
     * A parser that holds bodies to {@code limits}, a route's instead of the global ones, and
     * remembers header values in {@code headerValues}, which the engine's other parsers share.
     */
    RequestParser(BulwarkConfig config, Limits limits, RecentHeaderValues headerValues) {
        this.limits = limits;
        this.headerValues = headerValues;
        this.decoder = new PercentDecoder(config.decodingPasses());
        this.pathNormalizer = new PathNormalizer(decoder);
        this.parameterParser = new ParameterParser(limits, decoder);
        this.cookieParser = new CookieParser(limits);
        this.jsonParser = new JsonBodyParser(limits);
        this.multipartParser = new MultipartParser(limits, decoder);
        this.xmlParser = new XmlBodyParser(limits);
        this.graphQl = config.graphql().enabled() ? new GraphQlReader(config.graphql(), limits) : null;
    }

    /**
     * Parses the request into {@code values}; {@code path} is its path as {@link #normalize} gives it.
     *
     * @return the path value, its routing form, and what of the body was not inspected
     */
    Parsed parse(HttpRequest request, PathNormalizer.NormalizedPath path, List<RequestValue> values)
            throws LimitExceededException, MalformedRequestException {
        RequestValue pathValue = new RequestValue(PATH, request.rawPath(), path.path(), path.flags());
        values.add(pathValue);
        List<String> segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (!segment.isEmpty()) {
                values.add(new RequestValue(indexed(SEGMENTS, i), segment, segment, Set.of()));
            }
        }
        for (PathNormalizer.PathParameter parameter : path.parameters()) {
            values.add(new RequestValue(indexed(SEGMENT_PARAMETERS, parameter.segment()), parameter.raw(),
                    parameter.decoded(), parameter.flags()));
        }
        if (path.flags().contains(DecodingFlag.DOT_SEGMENTS)) {
            // The application reads getRequestURI() before dot-segments are resolved: a payload that
            // spans a dropped segment (/t/..;${jndi:ldap://h/a}/y) is whole only in that reading.
            values.add(new RequestValue(PATH, request.rawPath(), path.unresolved().text(),
                    path.unresolved().flags()));
        }
        CountingSink sink = new CountingSink(values, limits.parameterCount());
        if (request.rawQuery() != null && !request.rawQuery().isEmpty()) {
            parameterParser.parse(request.rawQuery(), Source.QUERY, sink);
        }
        for (Headers.Header header : request.headers().all()) {
            String lower = header.lowerCaseName();
            if (!isSkipped(lower)) {
                // Header values are percent-decoded for inspection: Referer and friends carry URLs.
                values.add(headerValues.decode(lower, header.value()));
                if (lower.equals("authorization")) {
                    BasicCredentials.addTo(header.value(), values);
                }
            }
        }
        cookieParser.parse(request.headers(), sink);
        List<UninspectedContent> uninspected = new ArrayList<>(1);
        GraphQlRequest graphQlRequest = null;
        RoutingPath routingPath = RoutingPath.of(path.routingPath());
        if (graphQl != null && graphQl.covers(routingPath)) {
            graphQlRequest = graphQl.read(request, values, sink);
        } else {
            parseBody(request, sink, uninspected);
        }
        parseEmbeddedJson(values, sink);
        return new Parsed(pathValue, routingPath, path.suspicious(), List.copyOf(uninspected), graphQlRequest);
    }

    private static Location[] locations(Source source, int count) {
        Location[] locations = new Location[count];
        for (int i = 0; i < count; i++) {
            locations[i] = Location.value(source, Integer.toString(i));
        }
        return locations;
    }

    /** The location named by {@code index} among {@code made}, or a new one past them. */
    private static Location indexed(Location[] made, int index) {
        return index < made.length ? made[index] : Location.value(made[0].source(), Integer.toString(index));
    }

    /**
     * The normalised path, as routes match it, before the rest of the request is parsed; every
     * parser of one configuration normalises alike, so its result can be handed to any of them.
     */
    PathNormalizer.NormalizedPath normalize(String rawPath) {
        return pathNormalizer.normalize(rawPath);
    }

    /**
     * Whether a header's values are parsed elsewhere ({@code Cookie}) or are pure framing
     * ({@code Content-Length}, {@code Host}). Compared directly rather than looked up in a set:
     * the names of a request are new strings, and a set would hash every one of them.
     */
    private static boolean isSkipped(String lowerCaseName) {
        return lowerCaseName.equals("cookie") || lowerCaseName.equals("host") || lowerCaseName.equals("content-length");
    }

    /** The routed form of a raw path (see {@link PathNormalizer}). */
    String routingPath(String rawPath) {
        return pathNormalizer.routingPath(rawPath);
    }

    /**
     * @param path the path as inspected
     * @param routingPath the path as routed, in both its spellings
     * @param suspicious the first sequence a container should reject, or {@code null}
     * @param uninspected the body, or the file parts of a multipart body, that were not inspected
     * @param graphQl the GraphQL request on a GraphQL path; {@code null} elsewhere
     */
    record Parsed(RequestValue path, RoutingPath routingPath, SuspiciousPath suspicious,
            List<UninspectedContent> uninspected, GraphQlRequest graphQl) {
    }

    /**
     * Parses the body by its declared media type when Bulwark has a parser for it (form, JSON,
     * multipart, XML), and otherwise by what the content is; see {@link #parseUndeclared}. A body
     * under a {@code Content-Encoding} other than {@code identity} and a textual body in a charset
     * the JDK does not know cannot be read, so they are returned as uninspected, never passed as if
     * inspected.
     */
    private void parseBody(HttpRequest request, CountingSink sink, List<UninspectedContent> uninspected)
            throws LimitExceededException, MalformedRequestException {
        if (request.bodyLength() == 0) {
            return;
        }
        String mediaType = request.mediaType();
        String coding = contentCoding(request.headers());
        if (coding != null) {
            uninspected.add(new UninspectedContent(BODY, mediaType, "content encoding " + coding, false));
            return;
        }
        if (mediaType != null && (mediaType.equals("application/json") || mediaType.endsWith("+json"))) {
            jsonParser.parse(request.body(), sink);
            return;
        }
        if ("multipart/form-data".equals(mediaType)) {
            uninspected.addAll(multipartParser.parse(request.body(), request.contentType(), sink));
            return;
        }
        if (mediaType != null && (mediaType.equals("application/xml") || mediaType.equals("text/xml")
                || mediaType.endsWith("+xml"))) {
            xmlParser.parse(request.bodyStream(), sink);
            return;
        }
        Charset charset = charset(request.contentType());
        if (charset == null) {
            uninspected.add(new UninspectedContent(BODY, mediaType, "unknown charset in " + request.contentType(), false));
            return;
        }
        if ("application/x-www-form-urlencoded".equals(mediaType)) {
            parameterParser.parse(decodeText(request.body(), charset), Source.FORM, sink);
            return;
        }
        if (!declaresCharset(request.contentType())) {
            Charset marked = ContentSniffer.byteOrderMark(request.body());
            if (marked != null) {
                charset = marked;
            }
        }
        parseUndeclared(request.body(), mediaType, charset, sink, uninspected);
    }

    /** Whether a content type names a charset (a byte order mark is then not looked for). */
    private static boolean declaresCharset(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("charset=");
    }

    /**
     * A body of a media type Bulwark has no parser for (or none at all) is judged by its content,
     * because the declared type is the client's word and applications often read a body whatever
     * it is labelled:
     * <ol>
     *   <li>without a declared charset, the charset a byte order mark names is the body's
     *       (a UTF-16 CSV from a spreadsheet is read as UTF-16, not as UTF-8 with NUL bytes);</li>
     *   <li>content that starts with the signature of a {@link BinaryFormat} (PNG, PDF, ZIP, ...) is
     *       binary, and so is content that does not read as text under a binary media type such as
     *       {@code application/octet-stream} or {@code image/png}: both are returned uninspected;</li>
     *   <li>anything else is text, whatever it claims to be (an "image" that is text is text), and
     *       is inspected whole as one {@link Source#BODY} value;</li>
     *   <li>text that looks like JSON, XML or a form is also parsed as such, with the same parsers
     *       and limits as a body declared that way (so the hardened XML parser sees an XML body sent
     *       as {@code application/octet-stream}), and its values are inspected too. Text of one JSON
     *       document per line (NDJSON, JSON Lines) is parsed line by line. The shape is a guess:
     *       when the parser refutes it, by a syntax error or a limit, its values are dropped and
     *       the request is not rejected, because nothing declared it to be JSON, XML or a form;
     *       the whole text is inspected either way. JSON in which the parser meets an escape that
     *       leaves a UTF-16 surrogate unpaired is the exception: that is no wrong guess but a
     *       string parsers read in different ways, and the body is refused as a declared one is.
     *       Only the parameter count spans parsers: the fields of text that does parse as a form
     *       count against it like any form's.</li>
     * </ol>
     * Each step is one pass over the body.
     */
    private void parseUndeclared(ByteBuffer body, String mediaType, Charset charset, CountingSink sink,
            List<UninspectedContent> uninspected) throws LimitExceededException, MalformedRequestException {
        // The signature only names the format: text behind one (a script after the eight bytes of a
        // PNG signature) is still text, and is inspected.
        BinaryFormat format = BinaryFormat.detect(body);
        byte[] raw = ContentSniffer.startsBinary(body, charset) ? null : bytes(body);
        String text = raw == null ? null : new String(raw, charset);
        if (text == null || !ContentSniffer.looksTextual(text)) {
            uninspected.add(new UninspectedContent(BODY, mediaType,
                    format == null ? "binary content" : format.description(), true));
            return;
        }
        ContentSniffer.Shape shape = ContentSniffer.shape(text);
        if (shape != ContentSniffer.Shape.TEXT) {
            // The parsers read UTF-8 (XML also what its declaration names): text in another charset is re-encoded.
            byte[] utf8 = charset.equals(StandardCharsets.UTF_8) ? raw : text.getBytes(StandardCharsets.UTF_8);
            switch (shape) {
                case JSON -> {
                    if (!speculatively(sink, found -> jsonParser.parse(ByteBuffer.wrap(utf8), found))
                            && text.indexOf('\n') >= 0) {
                        speculatively(sink, found -> parseJsonLines(text, found));
                    }
                }
                case XML -> speculatively(sink, found -> xmlParser.parse(new ByteArrayInputStream(utf8), found));
                default -> speculatively(sink, found -> parameterParser.parse(text, Source.FORM, found));
            }
        }
        // After the parsed values, so that a finding names the field when the parse found one.
        addText(text, sink);
        if (!ContentSniffer.readsAsciiAsAscii(charset)) {
            // An application that ignores the label or byte order mark reads the bytes as UTF-8:
            // inspect that reading too when it is text (real UTF-16 text is not, in UTF-8).
            String utf8 = new String(raw, StandardCharsets.UTF_8);
            if (ContentSniffer.looksTextual(utf8)) {
                sink.accept(new RequestValue(BODY, utf8, utf8, EnumSet.noneOf(DecodingFlag.class)));
            }
        }
    }

    /**
     * The keys and strings of the parameters, multipart parts (files and fields), headers and
     * cookies whose text looks like JSON, as JSON values named by their pointers under the value
     * that carries them ({@code json:query:filter/p}). An application that reads such a value as
     * JSON ({@code ?filter={...}}, Spring's {@code @RequestPart}, a cookie of preferences) decodes
     * its escapes, and the text alone hides <code>..&#92;u002f..&#92;u002fetc&#92;u002fpasswd</code>
     * from a detector that does not. Only text with a backslash is read so: without an escape,
     * every string stands in the text as the application reads it, and the detectors see it there.
     * Each is parsed as a body that only looks like JSON is: on a guess, which a syntax error or a
     * limit refutes, except for an escape that leaves a surrogate unpaired, which refuses the
     * request. The element limit {@code json.elements} holds for all of them together. Values the
     * body's own JSON or XML reading gave, and a body read whole, are not read again.
     */
    private void parseEmbeddedJson(List<RequestValue> values, CountingSink sink)
            throws LimitExceededException, MalformedRequestException {
        List<RequestValue> carriers = null;
        for (int i = 0, end = values.size(); i < end; i++) {
            RequestValue value = values.get(i);
            Location location = value.location();
            if (location.component() == Component.VALUE && mayCarryJson(location.source())
                    && ContentSniffer.opensJson(value.decoded()) && value.decoded().indexOf('\\') >= 0) {
                if (carriers == null) {
                    carriers = new ArrayList<>(2);
                }
                carriers.add(value);
            }
        }
        if (carriers == null) {
            return;
        }
        int[] elements = {0};
        for (RequestValue carrier : carriers) {
            // The value's characters as they are: no trip through UTF-8 and its strict decoder.
            char[] text = carrier.decoded().toCharArray();
            // Named under their carrier (json:query:filter/p), so that an exception written for a
            // pointer of the body (json: {pointer: /p}) does not reach JSON read from elsewhere.
            String prefix = carrier.location().source().name().toLowerCase(Locale.ROOT) + ':' + carrier.location().name();
            try {
                speculatively(sink, found -> jsonParser.parse(text, 0, text.length, withinElementLimit(elements,
                        value -> found.accept(new RequestValue(under(prefix, value.location()), value.raw(),
                                value.decoded(), value.flags())))));
            } catch (MalformedRequestException e) {
                throw e.at(under(prefix, e.location()));
            }
        }
    }

    /**
     * {@code sink}, refusing the value that takes the count in {@code used} past {@code json.elements}:
     * for parses whose documents share one limit (the lines of NDJSON, the JSON inside values).
     */
    private ValueSink withinElementLimit(int[] used, ValueSink sink) {
        return value -> {
            if (++used[0] > limits.jsonElements()) {
                throw new LimitExceededException("json.elements", value.location(), limits.jsonElements(), 400);
            }
            sink.accept(value);
        };
    }

    /** {@code location}, a JSON pointer's, named under the value {@code prefix} names. */
    private static Location under(String prefix, Location location) {
        return new Location(Source.JSON, prefix + location.name(), location.component());
    }

    private static boolean mayCarryJson(Source source) {
        return source == Source.QUERY || source == Source.FORM || source == Source.MULTIPART
                || source == Source.HEADER || source == Source.COOKIE;
    }

    /**
     * Each non-blank line of {@code text} as a JSON document. The element limit {@code json.elements}
     * holds for all lines together, each line counting as one element besides the keys and strings
     * it holds, so that many short lines cost no more parsing and inspection than one document may.
     * The lines are parsed in place in one copy of the text.
     */
    private void parseJsonLines(String text, ValueSink sink) throws LimitExceededException, MalformedRequestException {
        int[] values = {0};
        ValueSink counting = withinElementLimit(values, sink);
        char[] chars = text.toCharArray();
        int start = 0;
        while (start < chars.length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = chars.length;
            }
            if (!isBlank(chars, start, end)) {
                if (++values[0] > limits.jsonElements()) {
                    throw new LimitExceededException("json.elements", BODY, limits.jsonElements(), 400);
                }
                jsonParser.parse(chars, start, end - start, counting);
            }
            start = end + 1;
        }
    }

    /** Whether {@code chars[start, end)} is empty or white space only, as {@link String#isBlank()} judges. */
    private static boolean isBlank(char[] chars, int start, int end) {
        for (int i = start; i < end; ) {
            int codePoint = Character.codePointAt(chars, i, end);
            if (!Character.isWhitespace(codePoint)) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    /** A parse of content whose shape was guessed. */
    @FunctionalInterface
    private interface GuessedParse {
        void parse(ValueSink sink) throws LimitExceededException, MalformedRequestException;
    }

    /**
     * Runs {@code parse} into a buffer and hands its values to {@code sink} only when it succeeds.
     * A failure means the guess was wrong, except for JSON in which the parser meets an escape that
     * leaves a UTF-16 surrogate unpaired: an application that reads the body as JSON anyway meets a
     * string that parsers read in different ways, so the body is refused as a declared one is.
     *
     * @return whether the parse succeeded
     * @throws MalformedRequestException for JSON with an unpaired surrogate
     */
    private static boolean speculatively(CountingSink sink, GuessedParse parse)
            throws LimitExceededException, MalformedRequestException {
        List<RequestValue> found = new ArrayList<>();
        try {
            parse.parse(found::add);
        } catch (MalformedRequestException e) {
            if (e.reason().equals(JsonBodyParser.UNPAIRED_SURROGATE)) {
                throw e;
            }
            return false;
        } catch (LimitExceededException e) {
            return false;
        }
        for (RequestValue value : found) {
            sink.accept(value);
        }
        return true;
    }

    /**
     * The content coding of the body other than {@code identity} ({@code gzip}, {@code br}), or
     * {@code null} when the body is sent as is.
     */
    static String contentCoding(Headers headers) {
        for (String value : headers.values("content-encoding")) {
            for (String coding : value.split(",")) {
                String trimmed = coding.trim().toLowerCase(Locale.ROOT);
                if (!trimmed.isEmpty() && !trimmed.equals("identity")) {
                    return trimmed;
                }
            }
        }
        return null;
    }

    private static void addText(String text, ValueSink sink) throws LimitExceededException {
        EnumSet<DecodingFlag> flags = EnumSet.noneOf(DecodingFlag.class);
        if (text.indexOf('\uFFFD') >= 0) {
            flags.add(DecodingFlag.INVALID_UTF8);
        }
        if (text.indexOf('\0') >= 0) {
            flags.add(DecodingFlag.NUL_BYTE);
        }
        sink.accept(new RequestValue(BODY, text, text, flags));
    }

    private static String decodeText(ByteBuffer body, Charset charset) {
        return new String(bytes(body), charset);
    }

    private static byte[] bytes(ByteBuffer body) {
        byte[] bytes = new byte[body.remaining()];
        body.duplicate().get(bytes);
        return bytes;
    }

    /**
     * The charset parameter of a content type: UTF-8 when there is no content type or no charset
     * parameter, {@code null} when the JDK does not know the charset (the body cannot be decoded,
     * and is not guessed at: the application may decode it differently).
     */
    static Charset charset(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        String lower = contentType.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("charset=");
        if (at < 0) {
            return StandardCharsets.UTF_8;
        }
        int start = at + "charset=".length();
        int end = start;
        while (end < lower.length() && lower.charAt(end) != ';' && lower.charAt(end) != ' ') {
            end++;
        }
        // Quotes, double or (not per RFC 9110, but sent) single, are not part of the name.
        String name = lower.substring(start, end).replace("\"", "").replace("'", "");
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Adds values and counts parameters (query, form and multipart field names) against the limit. */
    private static final class CountingSink implements ValueSink {
        private final List<RequestValue> values;
        private final int maxParameters;
        private int parameters;

        CountingSink(List<RequestValue> values, int maxParameters) {
            this.values = values;
            this.maxParameters = maxParameters;
        }

        @Override
        public void accept(RequestValue value) throws LimitExceededException {
            Location location = value.location();
            if (location.component() == Component.NAME && location.source().isParameter()
                    && ++parameters > maxParameters) {
                throw new LimitExceededException("parameters.count", location, maxParameters, 400);
            }
            values.add(value);
        }
    }
}
