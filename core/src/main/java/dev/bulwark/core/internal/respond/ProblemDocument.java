package dev.bulwark.core.internal.respond;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.internal.ClearingBufferPool;
import dev.bulwark.core.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in body of a block response: an RFC 9457 problem document with a generic title for the
 * status and the incident id, nothing else. It never says which rule fired and never echoes any
 * part of the request: the client learns that it was refused, the log learns why.
 *
 * <pre>{@code
 * HTTP/1.1 403 Forbidden
 * Content-Type: application/problem+json
 * Cache-Control: no-store
 *
 * {"type":"about:blank","title":"Request blocked","status":403,"incidentId":"7QH2M0X5C1ZK4R8D"}
 * }</pre>
 */
public final class ProblemDocument {

    /** The media type of the response body. */
    public static final String CONTENT_TYPE = "application/problem+json";

    private static final ObjectMapper JSON = ClearingBufferPool.withClearedBuffers(new ObjectMapper());

    private ProblemDocument() {
    }

    /** The generic title for a status; the same for every reason that leads to it. */
    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Request blocked";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 408 -> "Request timeout";
            case 413 -> "Payload too large";
            case 414 -> "URI too long";
            case 415 -> "Unsupported media type";
            case 429 -> "Too many requests";
            case 431 -> "Request header fields too large";
            case 503 -> "Service unavailable";
            default -> status >= 500 ? "Service unavailable" : "Request blocked";
        };
    }

    /** The body for this status and incident, as UTF-8 JSON. */
    public static byte[] body(int status, String incidentId) {
        return body(status, incidentId, List.of());
    }

    /**
     * The body with a list of contract violations (key and location only, never values), for
     * checks whose findings are meant for API clients such as OpenAPI enforcement.
     */
    public static byte[] body(int status, String incidentId, List<Violation> violations) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title(status));
        problem.put("status", status);
        problem.put("incidentId", incidentId);
        if (!violations.isEmpty()) {
            List<Map<String, String>> listed = new ArrayList<>();
            for (Violation violation : violations) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("key", violation.key());
                entry.put("location", violation.location());
                listed.add(entry);
            }
            problem.put("violations", listed);
        }
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem document", e);
        }
    }
}
