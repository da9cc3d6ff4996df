package dev.bulwark.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.internal.ClearingBufferPool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The security event of a decision: one line of JSON with Elastic Common Schema field names, the
 * same for every adapter, which only writes it to its log. Request-controlled text is truncated
 * with its control characters escaped, and excerpts are masked by {@link Masking#safeExcerpt}.
 */
public final class SecurityEvent {

    /** Longest {@code url.path} logged, in characters before escaping. */
    public static final int MAX_PATH_LENGTH = 256;

    private static final int MAX_FIELD_LENGTH = 128;
    private static final ObjectMapper JSON = ClearingBufferPool.withClearedBuffers(new ObjectMapper());

    private SecurityEvent() {
    }

    /**
     * The event for {@code decision} as one line of JSON.
     *
     * @param sourceIp the client address, empty when unknown
     * @param peerIp the connection's peer, logged when it differs from the client
     * @param statusCode the status sent to the client, or {@code null} when not known
     */
    public static String json(Decision decision, String method, String rawPath, String sourceIp, String peerIp,
            Integer statusCode, Instant time) {
        Finding primary = primary(decision);
        boolean blocked = decision.blocked();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("@timestamp", time.toString());
        event.put("event.kind", "alert");
        event.put("event.module", "bulwark");
        event.put("event.dataset", "bulwark.security");
        event.put("event.category", List.of("intrusion_detection", "web"));
        event.put("event.type", List.of(blocked ? "denied" : "allowed"));
        event.put("event.action", blocked ? "blocked" : "logged");
        event.put("event.reason", reason(decision, primary));
        event.put("message", (blocked ? "Request blocked: " : "Request let through with findings: ")
                + clean(primary.description(), MAX_FIELD_LENGTH));
        event.put("rule.id", clean(primary.ruleId(), MAX_FIELD_LENGTH));
        event.put("rule.category", clean(primary.ruleKey(), MAX_FIELD_LENGTH));
        event.put("rule.description", clean(primary.description(), MAX_FIELD_LENGTH));
        event.put("http.request.method", clean(method, 32));
        event.put("url.path", clean(rawPath, MAX_PATH_LENGTH));
        if (!sourceIp.isEmpty()) {
            event.put("source.ip", clean(sourceIp, 64));
        }
        if (!peerIp.isEmpty() && !peerIp.equals(sourceIp)) {
            event.put("bulwark.peer_ip", clean(peerIp, 64));
        }
        if (statusCode != null) {
            event.put("http.response.status_code", statusCode);
        }
        event.put("bulwark.incident_id", decision.incidentId());
        event.put("bulwark.location", clean(primary.location().toString(), MAX_FIELD_LENGTH));
        event.put("bulwark.excerpt", Masking.safeExcerpt(primary));
        event.put("bulwark.mode", lower(primary.mode()));
        event.put("bulwark.level", lower(primary.level()));
        if (blocked) {
            event.put("bulwark.block_type", lower(decision.blockType()));
        }
        List<Map<String, Object>> findings = new ArrayList<>(decision.findings().size());
        for (Finding finding : decision.findings()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("rule.id", clean(finding.ruleId(), MAX_FIELD_LENGTH));
            item.put("rule.category", clean(finding.ruleKey(), MAX_FIELD_LENGTH));
            item.put("location", clean(finding.location().toString(), MAX_FIELD_LENGTH));
            item.put("excerpt", Masking.safeExcerpt(finding));
            item.put("mode", lower(finding.mode()));
            item.put("level", lower(finding.level()));
            item.put("block_type", lower(finding.blockType()));
            findings.add(item);
        }
        event.put("bulwark.findings", findings);
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a security event", e);
        }
    }

    /**
     * {@code text} cut to {@code max} characters (an ellipsis marks the cut) with control
     * characters, DEL, C1 controls and line separators escaped as {@code \xNN} / {@code \\uNNNN}.
     */
    public static String clean(String text, int max) {
        int end = Math.min(text.length(), max);
        StringBuilder out = new StringBuilder(end + 8);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                appendHex(out.append("\\x"), c, 2);
            } else if ((c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                appendHex(out.append("\\u"), c, 4);
            } else {
                out.append(c);
            }
        }
        if (end < text.length()) {
            out.append('…');
        }
        return out.toString();
    }

    /** Appends {@code c} as {@code digits} lower-case hex digits; no format string parsed per character. */
    private static void appendHex(StringBuilder out, char c, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(Character.forDigit((c >> shift) & 0xf, 16));
        }
    }

    private static Finding primary(Decision decision) {
        for (Finding finding : decision.findings()) {
            if (finding.blocks()) {
                return finding;
            }
        }
        return decision.findings().get(0);
    }

    private static String reason(Decision decision, Finding primary) {
        String rule = clean(primary.ruleId(), MAX_FIELD_LENGTH);
        if (decision.blocked()) {
            return "blocked by rule " + rule + " with status " + decision.status();
        }
        int count = decision.findings().size();
        return "rule " + rule + " matched in log-only mode" + (count > 1 ? " (" + count + " findings)" : "");
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
