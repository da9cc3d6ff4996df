package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

class SecurityEventLoggerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SecurityEventLogger logger = new SecurityEventLogger(NOPLogger.NOP_LOGGER,
            Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC));
    private final RequestSummary request = new RequestSummary("POST", "/login", "192.0.2.7");

    @Test
    void describesTheDecidingFindingWithEcsFields() throws Exception {
        Finding logged = finding(Location.value(Source.QUERY, "q"), "first", Mode.LOG_ONLY);
        Finding blocking = finding(Location.value(Source.QUERY, "id"), "1 OR 1=1", Mode.BLOCK);
        Decision decision = Decision.of(List.of(logged, blocking), "INCIDENT00000001", Map.of());

        JsonNode event = JSON.readTree(logger.event(decision, request, 403));

        assertThat(event.get("@timestamp").asText()).isEqualTo("2025-03-04T05:06:07Z");
        assertThat(event.get("event.kind").asText()).isEqualTo("alert");
        assertThat(event.get("event.action").asText()).isEqualTo("blocked");
        assertThat(event.get("rule.id").asText()).isEqualTo("SQL-TEST");
        assertThat(event.get("rule.category").asText()).isEqualTo("SQL");
        assertThat(event.get("bulwark.location").asText()).isEqualTo("query:id");
        assertThat(event.get("bulwark.excerpt").asText()).isEqualTo("1 OR 1=1");
        assertThat(event.get("bulwark.mode").asText()).isEqualTo("block");
        assertThat(event.get("bulwark.block_type").asText()).isEqualTo("deny");
        assertThat(event.get("source.ip").asText()).isEqualTo("192.0.2.7");
        assertThat(event.get("http.response.status_code").asInt()).isEqualTo(403);
        assertThat(event.get("bulwark.findings")).hasSize(2);
    }

    @Test
    void namesThePeerOnlyWhenAProxyForwardedTheClient() throws Exception {
        Decision decision = Decision.of(List.of(finding(Location.REQUEST, "", Mode.BLOCK)), "INCIDENT00000003", Map.of());

        JsonNode forwarded = JSON.readTree(logger.event(decision, new RequestSummary("GET", "/", "203.0.113.9", "10.0.0.1"), 403));
        JsonNode direct = JSON.readTree(logger.event(decision, request, 403));

        assertThat(forwarded.get("source.ip").asText()).isEqualTo("203.0.113.9");
        assertThat(forwarded.get("bulwark.peer_ip").asText()).isEqualTo("10.0.0.1");
        assertThat(direct.has("bulwark.peer_ip")).isFalse();
    }

    @Test
    void writesOneLine() {
        Decision decision = Decision.of(List.of(finding(Location.value(Source.BODY, ""), "a\nb\r\nc", Mode.BLOCK)),
                "INCIDENT00000002", Map.of());

        assertThat(logger.event(decision, new RequestSummary("GET", "/x\n/y", ""), 403)).doesNotContain("\n", "\r");
    }

    @Test
    void masksTheExcerptOfASecretInTheEvent() throws Exception {
        Decision decision = Decision.of(List.of(finding(Location.value(Source.FORM, "password"), "hunter2", Mode.BLOCK)),
                "INCIDENT00000006", Map.of());

        JsonNode event = JSON.readTree(logger.event(decision, request, 403));

        assertThat(event.get("bulwark.excerpt").asText()).isEqualTo(Masking.MASK);
        assertThat(event.toString()).doesNotContain("hunter2");
    }

    @Test
    void logsNothingWithoutFindings() {
        CapturingLogger capturing = new CapturingLogger();
        new SecurityEventLogger(capturing, Clock.systemUTC())
                .log(Decision.of(List.of(), "INCIDENT00000003", Map.of()), request, 200);

        assertThat(capturing.lines).isEmpty();
    }

    @Test
    void logsBlocksAtWarnAndLogOnlyFindingsAtInfo() {
        CapturingLogger capturing = new CapturingLogger();
        SecurityEventLogger events = new SecurityEventLogger(capturing, Clock.systemUTC());
        Location location = Location.value(Source.QUERY, "q");

        events.log(Decision.of(List.of(finding(location, "x", Mode.BLOCK)), "INCIDENT00000004", Map.of()), request, 403);
        events.log(Decision.of(List.of(finding(location, "x", Mode.LOG_ONLY)), "INCIDENT00000005", Map.of()), request, 200);

        assertThat(capturing.lines).hasSize(2);
        assertThat(capturing.lines.get(0)).startsWith("WARN ").contains("\"event.action\":\"blocked\"");
        assertThat(capturing.lines.get(1)).startsWith("INFO ").contains("\"event.action\":\"logged\"");
    }

    private static Finding finding(Location location, String excerpt, Mode mode) {
        return new Finding("SQL", "SQL-TEST", "test finding", location, excerpt, Level.STANDARD, mode,
                BlockType.DENY, 403);
    }

    /** Keeps what is logged at WARN and INFO, as {@code LEVEL message}. */
    private static final class CapturingLogger extends org.slf4j.helpers.LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        final List<String> lines = new java.util.ArrayList<>();

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(org.slf4j.event.Level level, org.slf4j.Marker marker, String message,
                Object[] arguments, Throwable throwable) {
            lines.add(level + " " + org.slf4j.helpers.MessageFormatter.basicArrayFormat(message, arguments));
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}
