package dev.bulwark.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the requests of an HTTP Archive (HAR 1.2, as browsers and proxies export it):
 * {@code log.entries[].request} with {@code method}, {@code url}, {@code headers} and
 * {@code postData.text} (base64 when {@code postData.encoding} says so).
 *
 * <p>The target is the URL's path and query as written (nothing decoded, the fragment dropped);
 * HTTP/2 pseudo-headers ({@code :authority}) are dropped, as a servlet container never shows them.
 * One file is one recording, so all its requests have one client: the file's name.
 */
public final class HarReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HarReader() {
    }

    /** Reads a HAR file. */
    public static List<RecordedRequest> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(JSON.readTree(in), file.getFileName().toString());
        } catch (JsonProcessingException e) {
            throw new CorpusFormatException(file.getFileName() + ": not a HAR file: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads HAR text; {@code source} names it in ids and error messages, and is the client. */
    public static List<RecordedRequest> read(String text, String source) {
        try {
            return read(JSON.readTree(text), source);
        } catch (JsonProcessingException e) {
            throw new CorpusFormatException(source + ": not a HAR file: " + e.getOriginalMessage(), e);
        }
    }

    private static List<RecordedRequest> read(JsonNode root, String source) {
        JsonNode entries = root == null ? null : root.path("log").get("entries");
        if (entries == null || !entries.isArray()) {
            throw new CorpusFormatException(source + ": not a HAR file (no log.entries)");
        }
        List<RecordedRequest> requests = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String where = source + ": log.entries[" + i + "].request";
            JsonNode request = entries.get(i).get("request");
            if (request == null || !request.isObject()) {
                throw new CorpusFormatException(where + " is missing");
            }
            String method = text(request, "method", where);
            String target = target(text(request, "url", where));
            List<Headers.Header> headers = new ArrayList<>();
            for (JsonNode header : request.path("headers")) {
                String name = header.path("name").asText("");
                if (!name.isEmpty() && name.charAt(0) != ':') {
                    headers.add(new Headers.Header(name, header.path("value").asText("")));
                }
            }
            requests.add(new RecordedRequest(source + "#" + (i + 1), source, method, target, headers,
                    body(request.get("postData"), where)));
        }
        return requests;
    }

    /** The path and query of a URL as written; the fragment dropped. */
    static String target(String url) {
        int hash = url.indexOf('#');
        String rest = hash < 0 ? url : url.substring(0, hash);
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            int slash = rest.indexOf('/', scheme + 3);
            int query = rest.indexOf('?', scheme + 3);
            if (slash < 0 || (query >= 0 && query < slash)) {
                return "/" + (query < 0 ? "" : rest.substring(query));
            }
            return rest.substring(slash);
        }
        return rest.isEmpty() ? "/" : rest;
    }

    private static byte[] body(JsonNode postData, String where) {
        if (postData == null || !postData.isObject() || !postData.path("text").isTextual()) {
            return new byte[0];
        }
        String text = postData.get("text").textValue();
        if ("base64".equalsIgnoreCase(postData.path("encoding").asText(""))) {
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new CorpusFormatException(where + ".postData.text is not valid base64", e);
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw new CorpusFormatException(where + "." + field + " must be a non-empty string");
        }
        return value.textValue();
    }
}
