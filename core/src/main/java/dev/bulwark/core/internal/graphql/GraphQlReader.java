package dev.bulwark.core.internal.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import dev.bulwark.core.Component;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.GraphQlConfig;
import dev.bulwark.core.config.Limits;
import dev.bulwark.core.config.RoutingPath;
import dev.bulwark.core.config.StringMatcher;
import dev.bulwark.core.internal.Caches;
import dev.bulwark.core.internal.ClearingBufferPool;
import dev.bulwark.core.internal.parse.JsonBodyParser;
import dev.bulwark.core.internal.parse.LimitExceededException;
import dev.bulwark.core.internal.parse.MalformedRequestException;
import dev.bulwark.core.internal.parse.ValueSink;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a request on a GraphQL path the way a GraphQL server does, and hands the deny rules what
 * the server will execute instead of the request's text.
 *
 * <p>Accepted: {@code POST} with {@code application/json} (one object with {@code query},
 * {@code operationName}, {@code variables} and {@code extensions}, or a batch array of them),
 * {@code POST} with {@code application/graphql} (the document is the body), {@code GET} with
 * {@code query} (and {@code operationName}, {@code variables}, {@code extensions} as JSON) in the
 * query string, and {@code OPTIONS} without a body (a CORS preflight, which executes nothing).
 * Anything else is a {@code GRAPHQL-REQUEST} problem, and so is a request member of the wrong
 * type, an {@code operationName} that is not a GraphQL name, a repeated GraphQL query parameter and
 * a request with neither a document nor a persisted query's hash.
 *
 * <p>JSON goes through {@link JsonBodyParser} first, with its limits and its strictness
 * (duplicate keys, trailing content and bad UTF-8 are malformed), and its values are renamed:
 * {@code /variables/id} (or {@code /2/variables/id} in a batch) becomes
 * {@code graphql:variables/id}; the {@code query} and {@code operationName} members are not
 * values. Documents are parsed by graphql-java with {@link ParserOptions} from
 * {@link GraphQlConfig} and no source locations kept; their string arguments become values through
 * {@link DocumentValues}. Parsed documents are cached by their text (bounded, see
 * {@link #CACHED_CHARACTERS}). Thread-safe.
 */
public final class GraphQlReader {

    /** The members of a GraphQL request object that are not inspected as values. */
    private static final Set<String> SYNTAX_MEMBERS = Set.of("query", "operationName");
    private static final Set<String> GET_PARAMETERS = Set.of("query", "operationName", "variables", "extensions");
    private static final ObjectMapper JSON = ClearingBufferPool.withClearedBuffers(new ObjectMapper());
    private static final Location DOCUMENT = Location.value(Source.GRAPHQL, "document");
    /**
     * The size of the document cache in characters of document text: some hundred typical
     * operations of a few hundred characters, or 16 documents of the default maximum length, so
     * that a client sending ever new documents costs a few megabytes of parsed trees at most.
     */
    private static final long CACHED_CHARACTERS = 256L * 1024;

    private final GraphQlConfig config;
    private final JsonBodyParser json;
    private final ParserOptions parserOptions;
    /** Parsed documents by their text, at most {@link #CACHED_CHARACTERS} characters of text in all. */
    private final Cache<String, ParsedDocument> documents;

    public GraphQlReader(GraphQlConfig config, Limits limits) {
        this.config = config;
        this.json = new JsonBodyParser(limits);
        this.parserOptions = ParserOptions.newParserOptions()
                .maxCharacters(config.maxQueryLength())
                .maxTokens(config.maxTokens())
                .maxWhitespaceTokens(config.maxWhitespaceTokens())
                .maxRuleDepth(config.maxParserDepth())
                .captureSourceLocation(false)
                .captureIgnoredChars(false)
                .captureLineComments(false)
                .build();
        this.documents = Caches.onCallingThread()
                .maximumWeight(CACHED_CHARACTERS)
                .weigher((String query, ParsedDocument parsed) -> query.length())
                .build();
    }

    /**
     * Whether a request with this routed path goes to a GraphQL endpoint: in any spelling a
     * lenient server maps to it ({@code /GraphQL}, {@code /graphql.}), so that no spelling escapes
     * the GraphQL checks.
     */
    public boolean covers(RoutingPath path) {
        for (StringMatcher matcher : config.paths()) {
            if (matcher.matches(path.exact()) || path.matchesAnySpelling(matcher)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the request; its values go to {@code sink}, and {@code values} (the query parameters
     * parsed so far) loses the values of GraphQL query parameters of a {@code GET}, which
     * {@code sink} receives as GraphQL values instead.
     */
    public GraphQlRequest read(HttpRequest request, List<RequestValue> values, ValueSink sink)
            throws LimitExceededException, MalformedRequestException {
        Reading reading = new Reading(sink);
        String method = request.method();
        String mediaType = request.mediaType();
        if (method.equals("GET")) {
            reading.overGet = true;
            readGet(request, values, reading);
        } else if (method.equals("POST") && "application/json".equals(mediaType)) {
            readJson(request.body(), reading);
        } else if (method.equals("POST") && "application/graphql".equals(mediaType)) {
            String query = utf8(request.body());
            if (query == null) {
                reading.problem("GRAPHQL-REQUEST", "the document is not UTF-8", DOCUMENT, 400);
            } else {
                reading.operation(DOCUMENT, query, null);
            }
        } else if (method.equals("OPTIONS") && request.bodyLength() == 0) {
            return new GraphQlRequest(false, List.of(), List.of(), false);
        } else {
            reading.problem("GRAPHQL-REQUEST", method + (mediaType == null ? "" : " of " + mediaType)
                    + " is not a GraphQL request", Location.REQUEST, 400);
        }
        return new GraphQlRequest(reading.batched, reading.operations, reading.problems, reading.overGet);
    }

    private void readGet(HttpRequest request, List<RequestValue> values, Reading reading)
            throws LimitExceededException, MalformedRequestException {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = request.rawQuery() == null ? "" : request.rawQuery();
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (name == null || !GET_PARAMETERS.contains(name)) {
                continue;
            }
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (value == null || parameters.put(name, value) != null) {
                reading.problem("GRAPHQL-REQUEST", "GraphQL query parameter '" + name + "' repeated or not decodable",
                        Location.value(Source.QUERY, name), 400);
                return;
            }
        }
        // The application reads these as GraphQL, not as text: their values are inspected as what they hold.
        values.removeIf(value -> value.location().source() == Source.QUERY
                && value.location().component() == Component.VALUE && GET_PARAMETERS.contains(value.location().name()));
        String operationName = parameters.get("operationName");
        if (operationName != null && !operationName.isEmpty() && !isName(operationName)) {
            reading.problem("GRAPHQL-REQUEST", "operationName is not a GraphQL name", Location.value(Source.QUERY,
                    "operationName"), 400);
        }
        String persistedHash = null;
        for (String member : List.of("variables", "extensions")) {
            String text = parameters.get(member);
            if (text == null || text.isEmpty()) {
                continue;
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            json.parse(ByteBuffer.wrap(bytes), value -> reading.sink.accept(renamed(value, member)));
            JsonNode node = tree(bytes);
            if (!node.isObject() && !node.isNull()) {
                reading.problem("GRAPHQL-REQUEST", member + " is not a JSON object", Location.value(Source.QUERY, member), 400);
            } else if (member.equals("extensions")) {
                persistedHash = persistedHash(node);
            }
        }
        String query = parameters.get("query");
        reading.operation(DOCUMENT, query == null || query.isEmpty() ? null : query, persistedHash);
    }

    private void readJson(ByteBuffer body, Reading reading) throws LimitExceededException, MalformedRequestException {
        List<RequestValue> found = new ArrayList<>();
        json.parse(body, found::add);
        byte[] bytes = new byte[body.remaining()];
        body.duplicate().get(bytes);
        JsonNode root = tree(bytes);
        if (root.isArray()) {
            reading.batched = true;
            if (root.isEmpty()) {
                reading.problem("GRAPHQL-REQUEST", "empty batch", Location.value(Source.GRAPHQL, "batch"), 400);
                return;
            }
            if (root.size() > config.maxBatch()) {
                // Not read further: a batch over the limit is refused as a whole.
                reading.problem("GRAPHQL-BATCH", "batch of " + root.size() + " requests over the limit of "
                        + config.maxBatch(), Location.value(Source.GRAPHQL, "batch"), 400);
                return;
            }
        }
        for (RequestValue value : found) {
            String pointer = value.location().name();
            if (reading.batched) {
                int slash = pointer.indexOf('/', 1);
                if (slash < 0) {
                    continue;
                }
                pointer = pointer.substring(slash);
            }
            String member = member(pointer);
            if (member != null && !SYNTAX_MEMBERS.contains(member)) {
                reading.sink.accept(new RequestValue(new Location(Source.GRAPHQL, pointer.substring(1),
                        value.location().component()), value.raw(), value.decoded(), value.flags()));
            }
        }
        if (reading.batched) {
            for (int i = 0; i < root.size(); i++) {
                readObject(root.get(i), Location.value(Source.GRAPHQL, "batch/" + i), reading);
            }
        } else {
            readObject(root, DOCUMENT, reading);
        }
    }

    private void readObject(JsonNode node, Location location, Reading reading) throws LimitExceededException {
        if (!node.isObject()) {
            reading.problem("GRAPHQL-REQUEST", "a GraphQL request is a JSON object", location, 400);
            return;
        }
        JsonNode query = node.get("query");
        JsonNode operationName = node.get("operationName");
        JsonNode variables = node.get("variables");
        JsonNode extensions = node.get("extensions");
        if (query != null && !query.isTextual() && !query.isNull()
                || operationName != null && !(operationName.isNull() || operationName.isTextual() && isName(operationName.asText()))
                || variables != null && !variables.isObject() && !variables.isNull()
                || extensions != null && !extensions.isObject() && !extensions.isNull()) {
            reading.problem("GRAPHQL-REQUEST", "a member of the GraphQL request has the wrong type or form", location, 400);
            return;
        }
        reading.operation(location, query == null || query.isNull() ? null : query.asText(), persistedHash(extensions));
    }

    /** The hash an Apollo persisted-query extension names, lower-cased, or {@code null}. */
    private static String persistedHash(JsonNode extensions) {
        JsonNode hash = extensions == null ? null : extensions.path("persistedQuery").get("sha256Hash");
        return hash != null && hash.isTextual() ? hash.asText().toLowerCase(Locale.ROOT) : null;
    }

    /** The top-level member a JSON pointer starts with, e.g. {@code variables} for {@code /variables/id}. */
    private static String member(String pointer) {
        if (pointer.length() < 2) {
            return null;
        }
        int slash = pointer.indexOf('/', 1);
        return pointer.substring(1, slash < 0 ? pointer.length() : slash);
    }

    private static RequestValue renamed(RequestValue value, String member) {
        Location location = value.location();
        return new RequestValue(new Location(Source.GRAPHQL, member + location.name(), location.component()), value.raw(),
                value.decoded(), value.flags());
    }

    private static JsonNode tree(byte[] bytes) throws MalformedRequestException {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            // JsonBodyParser accepted it; Jackson's tree reader should too.
            throw new MalformedRequestException("json.syntax", Location.value(Source.JSON, ""), String.valueOf(e.getMessage()));
        }
    }

    /** The body as strict UTF-8, or {@code null} when it is not. */
    private static String utf8(ByteBuffer body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(body.duplicate()).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether {@code text} is a GraphQL name: {@code [_A-Za-z][_0-9A-Za-z]*}. */
    static boolean isName(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean letter = c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A document parsed once: clients send the same few operations over and over, and parsing is
     * most of the cost of a GraphQL request. The AST is immutable, so one parse serves every
     * request that sends the same text.
     */
    private record ParsedDocument(Document document, DocumentShape shape, List<RequestValue> values, String hash) {
    }

    /** The parsed document of {@code query}, from the cache or parsed now; {@code null} after noting a problem. */
    private ParsedDocument parsed(String query, Location location, Reading reading) {
        ParsedDocument cached = documents.getIfPresent(query);
        if (cached != null) {
            return cached;
        }
        Document document = parse(query, location, reading);
        if (document == null) {
            return null;
        }
        List<RequestValue> found = new ArrayList<>();
        try {
            DocumentValues.emit(document, found::add);
        } catch (LimitExceededException e) {
            throw new IllegalStateException("a list does not limit", e);
        }
        ParsedDocument parsed = new ParsedDocument(document, DocumentShape.of(document), List.copyOf(found), sha256(query));
        documents.put(query, parsed);
        return parsed;
    }

    /** Parses a document under the parser limits; {@code null} after noting a problem. */
    private Document parse(String query, Location location, Reading reading) {
        if (query.length() > config.maxQueryLength()) {
            reading.problem("GRAPHQL-QUERY-LENGTH", "document of " + query.length() + " characters over the limit of "
                    + config.maxQueryLength(), location, 400);
            return null;
        }
        try {
            return Parser.parse(ParserEnvironment.newParserEnvironment().document(query).parserOptions(parserOptions)
                    .locale(Locale.ROOT).build());
        } catch (ParseCancelledException e) {
            reading.problem("GRAPHQL-PARSER-LIMIT", "parsing stopped at a limit: " + e.getMessage(), location, 400);
        } catch (InvalidSyntaxException e) {
            reading.problem("GRAPHQL-SYNTAX", "not a GraphQL document", location, 400);
        }
        return null;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The state of reading one request. */
    private final class Reading {
        final ValueSink sink;
        final List<GraphQlRequest.Operation> operations = new ArrayList<>(1);
        final List<GraphQlRequest.Problem> problems = new ArrayList<>(0);
        boolean batched;
        boolean overGet;

        Reading(ValueSink sink) {
            this.sink = sink;
        }

        void problem(String ruleId, String description, Location location, int status) {
            problems.add(new GraphQlRequest.Problem(ruleId, description, location, status));
        }

        void operation(Location location, String query, String persistedHash) throws LimitExceededException {
            if (query == null && persistedHash == null) {
                problem("GRAPHQL-REQUEST", "neither a document nor a persisted query's hash", location, 400);
                return;
            }
            ParsedDocument parsed = query == null ? null : parsed(query, location, this);
            if (parsed == null) {
                operations.add(new GraphQlRequest.Operation(location, query, null, null,
                        query == null ? null : sha256(query), persistedHash));
                return;
            }
            for (RequestValue value : parsed.values()) {
                sink.accept(value);
            }
            operations.add(new GraphQlRequest.Operation(location, query, parsed.document(), parsed.shape(), parsed.hash(),
                    persistedHash));
        }
    }
}
