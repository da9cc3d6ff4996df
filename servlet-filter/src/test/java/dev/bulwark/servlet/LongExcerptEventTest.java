package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An application's check may report a whole request value as its excerpt; the event still gets written. */
class LongExcerptEventTest extends FilterContainerTest {

    @Test
    void blocksAndLogsWhenACheckReportsALongQuotedValueAsItsExcerpt() {
        String query = "attack=1&q=\"a\":\"" + "x".repeat(7_000);

        JsonNode event = assertBlockedAndLogged(rawGet("/echo/x?" + query), "xxxx");

        List<String> excerpts = new ArrayList<>();
        event.get("bulwark.findings").forEach(finding -> excerpts.add(finding.get("excerpt").asText()));
        assertThat(excerpts).anySatisfy(excerpt -> assertThat(excerpt).startsWith("attack=1&q=\"a\":\"xxx")
                .endsWith("…").hasSizeLessThan(200));
    }
}
