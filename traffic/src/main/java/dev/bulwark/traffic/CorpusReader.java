package dev.bulwark.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Headers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads request corpora in the JSON-lines format of {@code shared/corpora/README.md}: one object
 * per line with {@code id}, {@code label}, {@code category}, {@code method}, {@code uri},
 * {@code headers} (an array of {@code [name, value]} pairs) and {@code body_b64}.
 *
 * <p>{@code headers} and {@code body_b64} may be left out (no headers, empty body); every other
 * field is required, fields not listed are ignored and blank lines are skipped. Anything else is
 * refused with a {@link CorpusFormatException} naming file, line and field: a corpus that is read
 * wrongly gives figures that look right and are not.
 */
public final class CorpusReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CorpusReader() {
    }

    /** Reads a corpus file. Ids must be unique within it. */
    public static List<CorpusRequest> read(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.getFileName().toString());
        } catch (CharacterCodingException e) {
            throw new CorpusFormatException(file.getFileName() + ": not valid UTF-8", e);
        }
    }

    /** Reads corpus text; {@code source} names it in error messages. */
    public static List<CorpusRequest> read(String text, String source) {
        try {
            return read(new StringReader(text), source);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed", e);
        }
    }

    private static List<CorpusRequest> read(Reader in, String source) throws IOException {
        BufferedReader reader = in instanceof BufferedReader buffered ? buffered : new BufferedReader(in);
        List<CorpusRequest> requests = new ArrayList<>();
        Map<String, Integer> lineOfId = new HashMap<>();
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            CorpusRequest request = parseLine(line, source, lineNumber);
            Integer first = lineOfId.putIfAbsent(request.id(), lineNumber);
            if (first != null) {
                throw new CorpusFormatException(source + ":" + lineNumber + ": duplicate id '" + request.id()
                        + "' (first on line " + first + ")");
            }
            requests.add(request);
        }
        return requests;
    }

    /** Parses one line; {@code source} and {@code lineNumber} only name it in error messages. */
    static CorpusRequest parseLine(String line, String source, int lineNumber) {
        String where = source + ":" + lineNumber + ": ";
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new CorpusFormatException(where + "not a JSON object: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new CorpusFormatException(where + "not a JSON object");
        }
        String id = text(node, "id", where);
        if (id.isEmpty()) {
            throw new CorpusFormatException(where + "field 'id' must not be empty");
        }
        where = source + ":" + lineNumber + " (" + id + "): ";
        String labelText = text(node, "label", where);
        Label label = Label.fromJson(labelText);
        if (label == null) {
            throw new CorpusFormatException(where + "field 'label' must be attack, benign or neutral, was '"
                    + labelText + "'");
        }
        String category = text(node, "category", where);
        String method = text(node, "method", where);
        if (method.isEmpty()) {
            throw new CorpusFormatException(where + "field 'method' must not be empty");
        }
        String uri = text(node, "uri", where);
        return new CorpusRequest(id, label, category, method, uri, headers(node.get("headers"), where),
                body(node.get("body_b64"), where));
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new CorpusFormatException(where + "missing field '" + field + "'");
        }
        if (!value.isTextual()) {
            throw new CorpusFormatException(where + "field '" + field + "' must be a string, was " + value.getNodeType());
        }
        return value.textValue();
    }

    private static List<Headers.Header> headers(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new CorpusFormatException(where + "field 'headers' must be an array of [name, value] pairs");
        }
        List<Headers.Header> headers = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode pair = node.get(i);
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                throw new CorpusFormatException(where + "headers[" + i + "] must be a [name, value] pair of strings, was "
                        + pair);
            }
            String name = pair.get(0).textValue();
            if (name.isEmpty()) {
                throw new CorpusFormatException(where + "headers[" + i + "] has an empty name");
            }
            headers.add(new Headers.Header(name, pair.get(1).textValue()));
        }
        return headers;
    }

    private static byte[] body(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return new byte[0];
        }
        if (!node.isTextual()) {
            throw new CorpusFormatException(where + "field 'body_b64' must be a string, was " + node.getNodeType());
        }
        try {
            return Base64.getDecoder().decode(node.textValue());
        } catch (IllegalArgumentException e) {
            throw new CorpusFormatException(where + "field 'body_b64' is not valid base64: " + e.getMessage(), e);
        }
    }
}
