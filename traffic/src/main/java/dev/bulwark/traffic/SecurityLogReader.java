package dev.bulwark.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.BlockType;
import dev.bulwark.core.Component;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.Source;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Reads Bulwark's security-event log ({@code dev.bulwark.security}, one JSON object per line, see
 * {@link dev.bulwark.core.SecurityEvent}), e.g. from a service run in log-only mode. A line may
 * carry the log layout's prefix (time, level, logger) before the JSON; lines that are not security
 * events are skipped, so a whole application log may be given.
 *
 * <p>The log holds where rules fired, not the values, so its findings are taken as logged: they
 * are not evaluated again. A finding without {@code block_type} (logs of older versions) counts
 * as a deny rule unless its family is one of the checks exceptions do not cover.
 */
public final class SecurityLogReader {

    /**
     * One logged request.
     *
     * @param method the request method
     * @param path the raw path as logged
     * @param client the client address, empty when not logged
     * @param findings its findings, excerpts and descriptions left empty
     */
    public record LoggedRequest(String method, String path, String client, List<Finding> findings) {

        public LoggedRequest {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(client, "client");
            findings = List.copyOf(findings);
        }
    }

    /** Families of checks other than the deny rules, for lines without {@code block_type}. */
    private static final Set<String> NOT_DENY = Set.of("LIMIT", "MALFORMED", "INTERNAL", "OPENAPI", "UNINSPECTED",
            "CLIENT-IP", "ALLOW", "JWT", "IP", "CSRF", "METHOD");

    private static final ObjectMapper JSON = new ObjectMapper();

    private SecurityLogReader() {
    }

    /** Reads a log file. */
    public static List<LoggedRequest> read(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<LoggedRequest> requests = new ArrayList<>();
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                LoggedRequest request = parseLine(line, file.getFileName() + ":" + number);
                if (request != null) {
                    requests.add(request);
                }
            }
            return requests;
        }
    }

    /** Whether a line holds a security event (is worth {@link #parseLine}). */
    public static boolean isEvent(String line) {
        return line.contains("\"event.dataset\":\"bulwark.security\"");
    }

    /**
     * One line; {@code null} when it is not a security event.
     *
     * @throws CorpusFormatException for an event whose fields are not as Bulwark writes them
     */
    public static LoggedRequest parseLine(String line, String where) {
        int start = line.indexOf('{');
        if (start < 0 || !isEvent(line)) {
            return null;
        }
        JsonNode event;
        try {
            event = JSON.readTree(line.substring(start));
        } catch (JsonProcessingException e) {
            throw new CorpusFormatException(where + ": not a JSON object: " + e.getOriginalMessage(), e);
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonNode item : event.path("bulwark.findings")) {
            String key = item.path("rule.category").asText("");
            String id = item.path("rule.id").asText("");
            if (key.isEmpty() || id.isEmpty()) {
                throw new CorpusFormatException(where + ": a finding without rule.id or rule.category");
            }
            BlockType type = item.has("block_type") ? enumValue(BlockType.class, item.get("block_type").asText(), where)
                    : NOT_DENY.contains(key) ? BlockType.MALFORMED : BlockType.DENY;
            findings.add(new Finding(key, id, "", location(item.path("location").asText(""), where), "",
                    enumValue(Level.class, item.path("level").asText("basic"), where),
                    enumValue(Mode.class, item.path("mode").asText("block"), where), type, type.defaultStatus()));
        }
        return new LoggedRequest(event.path("http.request.method").asText("GET"), event.path("url.path").asText("/"),
                event.path("source.ip").asText(""), findings);
    }

    /** A location as {@link Location#toString()} writes it: {@code query:q}, {@code json:/a#name}, {@code path}. */
    static Location location(String text, String where) {
        Component component = Component.VALUE;
        String rest = text;
        for (Component candidate : Component.values()) {
            String suffix = "#" + candidate.name().toLowerCase(Locale.ROOT);
            if (candidate != Component.VALUE && rest.endsWith(suffix)) {
                component = candidate;
                rest = rest.substring(0, rest.length() - suffix.length());
                break;
            }
        }
        int colon = rest.indexOf(':');
        String sourceName = colon < 0 ? rest : rest.substring(0, colon);
        String name = colon < 0 ? "" : rest.substring(colon + 1);
        Source source = enumValue(Source.class, sourceName, where);
        return new Location(source, name, component);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String where) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new CorpusFormatException(where + ": unknown " + type.getSimpleName().toLowerCase(Locale.ROOT) + " '"
                    + text + "'", e);
        }
    }
}
