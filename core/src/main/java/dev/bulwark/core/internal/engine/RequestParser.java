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
import dev.bulwark.core.internal.decode.DecodedText;
import dev.bulwark.core.internal.decode.PathNormalizer;
import dev.bulwark.core.internal.decode.PercentDecoder;
import dev.bulwark.core.internal.decode.SuspiciousPath;
import dev.bulwark.core.internal.parse.CookieParser;
import dev.bulwark.core.internal.parse.JsonBodyParser;
import dev.bulwark.core.internal.parse.LimitExceededException;
import dev.bulwark.core.internal.parse.MalformedRequestException;
import dev.bulwark.core.internal.parse.MultipartParser;
import dev.bulwark.core.internal.parse.ParameterParser;
import dev.bulwark.core.internal.parse.ValueSink;
import dev.bulwark.core.internal.parse.XmlBodyParser;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Turns a request into inspectable values: the normalised path, its segments and path parameters, query
 * parameters, headers, cookies, and the body by its media type. Enforces the count limits that span
 * parsers (parameters in query, form and multipart together).
 */
final class RequestParser {

    /** Headers whose values are parsed elsewhere or are pure framing. */
    private static final java.util.Set<String> SKIPPED_HEADERS = java.util.Set.of("cookie", "content-length", "host");

    private final Limits limits;
    private final PercentDecoder decoder;
    private final PathNormalizer pathNormalizer;
    private final ParameterParser parameterParser;
    private final CookieParser cookieParser;
    private final JsonBodyParser jsonParser;
    private final MultipartParser multipartParser;
    private final XmlBodyParser xmlParser;

    RequestParser(BulwarkConfig config) {
        this.limits = config.limits();
        this.decoder = new PercentDecoder(config.decodingPasses());
        this.pathNormalizer = new PathNormalizer(decoder);
        this.parameterParser = new ParameterParser(limits, decoder);
        this.cookieParser = new CookieParser(limits);
        this.jsonParser = new JsonBodyParser(limits);
        this.multipartParser = new MultipartParser(limits, decoder);
        this.xmlParser = new XmlBodyParser(limits);
    }

    /** What the body turned out to be. */
    enum BodyKind { NONE, FORM, JSON, MULTIPART, XML, TEXT, UNINSPECTABLE }

    /**
     * Parses the request into {@code values}.
     *
     * @return the path value and what kind of body was found
     */
    Parsed parse(HttpRequest request, List<RequestValue> values) throws LimitExceededException, MalformedRequestException {
        PathNormalizer.NormalizedPath path = pathNormalizer.normalize(request.rawPath());
        RequestValue pathValue = new RequestValue(Location.value(Source.PATH, ""), request.rawPath(), path.path(), path.flags());
        values.add(pathValue);
        List<String> segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (!segment.isEmpty()) {
                values.add(new RequestValue(Location.value(Source.PATH_SEGMENT, Integer.toString(i)), segment, segment,
                        java.util.Set.of()));
            }
        }
        for (PathNormalizer.PathParameter parameter : path.parameters()) {
            values.add(new RequestValue(Location.value(Source.PATH_PARAMETER, Integer.toString(parameter.segment())),
                    parameter.raw(), parameter.decoded(), parameter.flags()));
        }
        CountingSink sink = new CountingSink(values, limits.parameterCount());
        if (request.rawQuery() != null && !request.rawQuery().isEmpty()) {
            parameterParser.parse(request.rawQuery(), Source.QUERY, sink);
        }
        for (Headers.Header header : request.headers().all()) {
            String lower = header.lowerCaseName();
            if (!SKIPPED_HEADERS.contains(lower)) {
                // Header values are percent-decoded for inspection: Referer and friends carry URLs.
                DecodedText decoded = decoder.decode(header.value(), false);
                values.add(new RequestValue(Location.value(Source.HEADER, lower), header.value(), decoded.text(),
                        decoded.flags()));
                if (lower.equals("authorization")) {
                    BasicCredentials.addTo(header.value(), values);
                }
            }
        }
        cookieParser.parse(request.headers(), sink);
        BodyKind kind = parseBody(request, sink);
        return new Parsed(pathValue, path.routingPath(), path.suspicious(), kind);
    }

    /** The routed form of a raw path (see {@link PathNormalizer}). */
    String routingPath(String rawPath) {
        return pathNormalizer.normalize(rawPath).routingPath();
    }

    /**
     * @param path the path as inspected
     * @param routingPath the path as routed
     * @param suspicious the first sequence a container should reject, or {@code null}
     * @param bodyKind what kind of body was found
     */
    record Parsed(RequestValue path, String routingPath, SuspiciousPath suspicious, BodyKind bodyKind) {
    }

    private BodyKind parseBody(HttpRequest request, CountingSink sink) throws LimitExceededException, MalformedRequestException {
        if (request.bodyLength() == 0) {
            return BodyKind.NONE;
        }
        String mediaType = request.mediaType();
        if (mediaType == null || mediaType.isEmpty()) {
            addText(request, sink, null);
            return BodyKind.TEXT;
        }
        if (mediaType.equals("application/x-www-form-urlencoded")) {
            String text = decodeText(request.body(), charset(request.contentType()));
            parameterParser.parse(text, Source.FORM, sink);
            return BodyKind.FORM;
        }
        if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
            jsonParser.parse(request.bodyStream(), sink);
            return BodyKind.JSON;
        }
        if (mediaType.equals("multipart/form-data")) {
            multipartParser.parse(request.body(), request.contentType(), sink);
            return BodyKind.MULTIPART;
        }
        if (mediaType.equals("application/xml") || mediaType.equals("text/xml") || mediaType.endsWith("+xml")) {
            xmlParser.parse(request.bodyStream(), sink);
            return BodyKind.XML;
        }
        if (mediaType.startsWith("text/")) {
            addText(request, sink, charset(request.contentType()));
            return BodyKind.TEXT;
        }
        return BodyKind.UNINSPECTABLE;
    }

    private static void addText(HttpRequest request, ValueSink sink, Charset charset) throws LimitExceededException {
        String text = decodeText(request.body(), charset == null ? StandardCharsets.UTF_8 : charset);
        java.util.EnumSet<DecodingFlag> flags = java.util.EnumSet.noneOf(DecodingFlag.class);
        if (text.indexOf('\uFFFD') >= 0) {
            flags.add(DecodingFlag.INVALID_UTF8);
        }
        if (text.indexOf('\0') >= 0) {
            flags.add(DecodingFlag.NUL_BYTE);
        }
        sink.accept(new RequestValue(Location.value(Source.BODY, ""), text, text, flags));
    }

    private static String decodeText(ByteBuffer body, Charset charset) {
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        return new String(bytes, charset);
    }

    /** The charset parameter of a content type; UTF-8 when absent or unknown. */
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
        String name = lower.substring(start, end).replace("\"", "");
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
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
