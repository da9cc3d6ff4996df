package dev.bulwark.servlet.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Component;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.Masking;
import dev.bulwark.core.Source;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one security event per request with findings: a single line of JSON with Elastic Common
 * Schema field names, on the SLF4J logger {@value #LOGGER_NAME} at WARN for blocked requests and
 * INFO for requests let through with log-only findings.
 *
 * <pre>{@code
 * {"@timestamp":"2025-01-01T12:00:00Z","event.kind":"alert","event.module":"bulwark",
 *  "event.dataset":"bulwark.security","event.category":["intrusion_detection","web"],
 *  "event.type":["denied"],"event.action":"blocked","event.reason":"...","message":"...",
 *  "rule.id":"SQL-UNION","rule.category":"SQL","rule.description":"...",
 *  "http.request.method":"GET","url.path":"/search","source.ip":"192.0.2.1",
 *  "bulwark.peer_ip":"10.0.0.1",
 *  "http.response.status_code":403,"bulwark.incident_id":"7QH2M0X5C1ZK4R8D",
 *  "bulwark.location":"query:q","bulwark.excerpt":"' UNION SELECT","bulwark.mode":"block",
 *  "bulwark.level":"standard","bulwark.block_type":"deny","bulwark.findings":[...]}
 * }</pre>
 *
 * <p>The {@code rule.*} and top-level {@code bulwark.*} fields describe the finding that decided
 * (the first blocking one, or the first one when none blocks); {@code bulwark.findings} lists all.
 * {@code source.ip} is the resolved client address; {@code bulwark.peer_ip}, present only when it
 * differs, the connection's peer (the proxy that forwarded the request).
 *
 * <p>The log must not become a store of credentials or a channel for log injection: excerpts at
 * secret-looking locations (the {@code Authorization}, {@code Cookie} and
 * {@code Proxy-Authorization} headers, cookies, and any item whose name
 * {@linkplain Masking#isSecretName looks secret}) are masked whatever the check put in them,
 * secret-looking {@code name=value} pairs and credentials inside an excerpt are masked too, and
 * every request-controlled string is truncated with its control characters escaped.
 */
public final class SecurityEventLogger {

    /** The name of the logger security events go to. */
    public static final String LOGGER_NAME = "dev.bulwark.security";

    /** Longest {@code url.path} logged, in characters before escaping. */
    public static final int MAX_PATH_LENGTH = 256;

    private static final int MAX_FIELD_LENGTH = 128;
    private static final int MAX_EXCERPT_LENGTH = 160;
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i)\\b(bearer|basic|digest|negotiate|token)(\\s+)[A-Za-z0-9._~+/=\\-]+");
    private static final Pattern QUOTED_PAIR = Pattern.compile("\"((?:[^\"\\\\]|\\\\.){1,64})\"(\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"?");
    private static final Pattern PLAIN_PAIR = Pattern.compile("([A-Za-z0-9_.\\-\\[\\]]{1,64})(\\s*[=:]\\s*)([^&;,\\s\"]+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger FAILURES = LoggerFactory.getLogger(SecurityEventLogger.class);

    private final Logger logger;
    private final Clock clock;

    /** Events to {@value #LOGGER_NAME}, stamped with the system clock. */
    public SecurityEventLogger() {
        this(LoggerFactory.getLogger(LOGGER_NAME), Clock.systemUTC());
    }

    /** Events to {@code logger}, stamped with {@code clock}. */
    public SecurityEventLogger(Logger logger, Clock clock) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Logs the event for {@code decision}; nothing when it has no findings. Never throws: a broken
     * log must not turn into a failed request.
     *
     * @param statusCode the status sent to the client, or {@code null} when not known
     */
    public void log(Decision decision, RequestSummary request, Integer statusCode) {
        if (!decision.hasFindings()) {
            return;
        }
        try {
            if (decision.blocked()) {
                if (logger.isWarnEnabled()) {
                    logger.warn(event(decision, request, statusCode));
                }
            } else if (logger.isInfoEnabled()) {
                logger.info(event(decision, request, statusCode));
            }
        } catch (RuntimeException e) {
            FAILURES.error("Could not write the security event for incident {}", decision.incidentId(), e);
        }
    }

    /** The event for {@code decision} as one line of JSON. */
    public String event(Decision decision, RequestSummary request, Integer statusCode) {
        Finding primary = primary(decision);
        boolean blocked = decision.blocked();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("@timestamp", Instant.now(clock).toString());
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
        event.put("http.request.method", clean(request.method(), 32));
        event.put("url.path", clean(request.rawPath(), MAX_PATH_LENGTH));
        if (!request.sourceIp().isEmpty()) {
            event.put("source.ip", clean(request.sourceIp(), 64));
        }
        if (!request.peerIp().isEmpty() && !request.peerIp().equals(request.sourceIp())) {
            event.put("bulwark.peer_ip", clean(request.peerIp(), 64));
        }
        if (statusCode != null) {
            event.put("http.response.status_code", statusCode);
        }
        event.put("bulwark.incident_id", decision.incidentId());
        event.put("bulwark.location", clean(primary.location().toString(), MAX_FIELD_LENGTH));
        event.put("bulwark.excerpt", safeExcerpt(primary));
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
            item.put("excerpt", safeExcerpt(finding));
            item.put("mode", lower(finding.mode()));
            item.put("level", lower(finding.level()));
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
     * The excerpt of {@code finding} as it may be logged: masked entirely at a secret-looking
     * location, with secret-looking pairs and credentials inside it masked otherwise, truncated and
     * with control characters escaped.
     */
    public static String safeExcerpt(Finding finding) {
        String excerpt = finding.excerpt();
        if (excerpt.isEmpty() || excerpt.equals(Masking.MASK)) {
            return excerpt;
        }
        if (isSecretLocation(finding.location())) {
            return Masking.MASK;
        }
        return clean(maskEmbeddedSecrets(excerpt), MAX_EXCERPT_LENGTH);
    }

    /** Whether values at {@code location} are never logged. */
    static boolean isSecretLocation(Location location) {
        if (location.component() == Component.NAME) {
            return false;
        }
        if (location.source() == Source.COOKIE) {
            return true;
        }
        String name = location.name();
        if (location.source() == Source.HEADER && SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            return true;
        }
        return !name.isEmpty() && Masking.isSecretName(name);
    }

    /** Masks credentials and the values of secret-looking pairs inside a piece of text. */
    static String maskEmbeddedSecrets(String text) {
        String masked = CREDENTIAL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + Masking.MASK));
        masked = QUOTED_PAIR.matcher(masked).replaceAll(m -> Masking.isSecretName(m.group(1))
                ? Matcher.quoteReplacement('"' + m.group(1) + '"' + m.group(2) + '"' + Masking.MASK + '"')
                : Matcher.quoteReplacement(m.group()));
        return PLAIN_PAIR.matcher(masked).replaceAll(m -> Masking.isSecretName(m.group(1)) && !m.group(3).equals(Masking.MASK)
                && !m.group(3).equals('"' + Masking.MASK + '"')
                ? Matcher.quoteReplacement(m.group(1) + m.group(2) + Masking.MASK)
                : Matcher.quoteReplacement(m.group()));
    }

    /**
     * {@code text} cut to {@code max} characters (an ellipsis marks the cut) with control
     * characters, DEL, C1 controls and line separators escaped as {@code \xNN} / {@code \\uNNNN}.
     */
    static String clean(String text, int max) {
        int end = Math.min(text.length(), max);
        StringBuilder out = new StringBuilder(end + 8);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else if ((c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (end < text.length()) {
            out.append('…');
        }
        return out.toString();
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
