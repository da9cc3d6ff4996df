package dev.bulwark.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Component;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.SecurityEvent;
import dev.bulwark.core.Source;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityLogReaderTest {

    @Test
    void readsBackTheFindingsOfAnEventBulwarkWrote() {
        Finding name = new Finding("XSS", "XSS-EVENT-HANDLER", "handler", new Location(Source.JSON, "/a/onload", Component.NAME),
                "x", Level.STANDARD, Mode.LOG_ONLY, BlockType.DENY, 403);
        Finding limit = new Finding("LIMIT", "LIMIT-PARAMETER-COUNT", "many", Location.REQUEST, "", Level.BASIC,
                Mode.LOG_ONLY, BlockType.LIMIT, 400);
        String line = "INFO dev.bulwark.security - " + SecurityEvent.json(
                Decision.of(List.of(name, limit), "abc", Map.of()), "POST", "/notes/7", "192.0.2.4", "", null, Instant.EPOCH);

        SecurityLogReader.LoggedRequest request = SecurityLogReader.parseLine(line, "app.log:1");

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/notes/7");
        assertThat(request.client()).isEqualTo("192.0.2.4");
        assertThat(request.findings()).extracting(Finding::ruleId, Finding::location, Finding::blockType).containsExactly(
                tuple("XSS-EVENT-HANDLER", name.location(), BlockType.DENY),
                tuple("LIMIT-PARAMETER-COUNT", Location.REQUEST, BlockType.LIMIT));
    }

    @Test
    void skipsLinesThatAreNotSecurityEvents() {
        assertThat(SecurityLogReader.parseLine("INFO Started in 2 s {}", "app.log:1")).isNull();
    }
}
