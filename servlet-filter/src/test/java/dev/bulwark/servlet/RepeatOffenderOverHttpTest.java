package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Repeat-offender blocking in front of a real server: the only client of the test, 127.0.0.1, gets banned. */
class RepeatOffenderOverHttpTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                limits: {body-size: %d}
                rate-limits:
                  repeat-offenders: {blocks: 2, within: 1m, ban: 10m}
                """.formatted(BODY_LIMIT));
    }

    @Test
    void refusesEveryRequestOfABannedClientBeforeInspection() {
        String attack = "/search?q=" + encoded("1' UNION SELECT password FROM users--");
        assertThat(get(attack).statusCode()).isEqualTo(403);
        JsonNode banEvent = assertBlockedAndLogged(get(attack));
        assertThat(banEvent.get("bulwark.findings").toString()).contains("REPEAT-OFFENDER-BAN");
        int before = servlet.calls.get();

        HttpResponse<String> clean = get("/home");

        JsonNode event = assertBlockedAndLogged(clean);
        assertThat(event.get("rule.id").asText()).isEqualTo("REPEAT-OFFENDER-BANNED");
        assertThat(event.get("bulwark.block_type").asText()).isEqualTo("repeat-offender");
        assertThat(servlet.calls.get()).isEqualTo(before);
    }
}
