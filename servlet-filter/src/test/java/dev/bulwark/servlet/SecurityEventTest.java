package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.testsupport.SecurityLog;
import dev.bulwark.testsupport.TestCheck;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The security events the filter writes, read back from the log. */
class SecurityEventTest extends FilterContainerTest {

    @BeforeAll
    void needsTheLogFile() {
        Assumptions.assumeTrue(SecurityLog.available(), "run through Maven, which sets the log file");
    }

    @Test
    void writesBlockEventAsOneJsonLineWithEcsFields() {
        String incidentId = json(get("/echo/a%20b?q=attack").body()).get("incidentId").asText();

        JsonNode event = SecurityLog.event(incidentId);

        assertThat(event.get("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(event.get("event.kind").asText()).isEqualTo("alert");
        assertThat(event.get("event.action").asText()).isEqualTo("blocked");
        assertThat(event.get("event.reason").asText()).contains(TestCheck.RULE_ID);
        assertThat(event.get("rule.id").asText()).isEqualTo(TestCheck.RULE_ID);
        assertThat(event.get("rule.category").asText()).isEqualTo(TestCheck.RULE_KEY);
        assertThat(event.get("rule.description").asText()).isEqualTo("attack marker in the query");
        assertThat(event.get("http.request.method").asText()).isEqualTo("GET");
        assertThat(event.get("url.path").asText()).isEqualTo("/echo/a%20b");
        assertThat(event.get("source.ip").asText()).isEqualTo("127.0.0.1");
        assertThat(event.get("http.response.status_code").asInt()).isEqualTo(403);
        assertThat(event.get("bulwark.incident_id").asText()).isEqualTo(incidentId);
        assertThat(event.get("bulwark.location").asText()).isEqualTo("query:q");
        assertThat(event.get("bulwark.excerpt").asText()).isEqualTo("q=attack");
        assertThat(event.get("bulwark.mode").asText()).isEqualTo("block");
        assertThat(event.get("bulwark.level").asText()).isEqualTo("standard");
        assertThat(SecurityLog.line(incidentId)).contains("WARN").contains("dev.bulwark.security");
    }

    @Test
    void masksSecretsInEvents() {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri("/echo/login?password=hunter2"))
                .header("X-Leak", "1")
                .header("Authorization", "Bearer secret-token-value")
                .POST(HttpRequest.BodyPublishers.ofString("user=bob&password=hunter2&x=1", StandardCharsets.UTF_8)))
                .body());

        String line = SecurityLog.line(seen.get("incidentId").asText());

        assertThat(line).doesNotContain("secret-token-value", "hunter2", "abc.def.ghi");
        JsonNode findings = SecurityLog.event(seen.get("incidentId").asText()).get("bulwark.findings");
        assertThat(findings).extracting(finding -> finding.get("excerpt").asText())
                .containsExactly("******", "******", "user=bob&password=******&x=1", "Bearer ******");
    }
}
