package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dialect quoting, stacked statements and tamper spellings that once passed, over real HTTP at the
 * default level, each sent in a query parameter, a form field, a JSON body, a header and a cookie:
 * every one is refused with a problem document that names no rule, and the security log names it.
 */
class SqlDialectBreaksOverHttpTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                limits: {body-size: 4KiB}
                deny-rules: {level: standard}
                """);
    }

    /** Sends {@code value} in each source in turn and asserts each is refused and logged as {@code ruleId}. */
    private void refusedInEverySource(String value, String ruleId) {
        Map<String, HttpResponse<String>> responses = Map.of(
                "query", get("/orders?id=" + encoded(value)),
                "form", postForm("/orders", form("id", value)),
                "json", post("/orders", "application/json", jsonBody(value)),
                "header", send(HttpRequest.newBuilder(uri("/orders")).header("X-Filter", value).GET()),
                "cookie", send(HttpRequest.newBuilder(uri("/orders")).header("Cookie", "id=" + encoded(value)).GET()));
        responses.forEach((source, response) -> {
            JsonNode event = assertBlockedAndLogged(response, "SQL");
            assertThat(event.get("bulwark.findings")).as(source)
                    .extracting(f -> f.get("rule.id").asText()).contains(ruleId);
        });
    }

    private static byte[] jsonBody(String value) {
        try {
            return JSON.writeValueAsBytes(Map.of("id", value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void blocksOracleQQuotedTautologyInEverySource() {
        refusedInEverySource("x' or q'[a]'=q'[a]'--", "SQL-TAUTOLOGY-COMMENT");
    }

    @Test
    void blocksPostgresCastThenConcatenationInEverySource() {
        refusedInEverySource("'::text||version()--", "SQL-BOOLEAN");
    }

    @Test
    void blocksTautologyAfterDollarQuoteInEverySource() {
        refusedInEverySource("$$ or 1=1 --", "SQL-TAUTOLOGY-COMMENT");
    }

    @Test
    void blocksMySqlHandlerAfterBreakInEverySource() {
        refusedInEverySource("'; handler users open--", "SQL-STACKED");
    }

    @Test
    void blocksStackedSetGlobalInEverySource() {
        refusedInEverySource("'; set global general_log=1--", "SQL-ADMIN-STATEMENT");
    }

    @Test
    void blocksSpPasswordCommentInEverySource() {
        refusedInEverySource("1'--sp_password", "SQL-TRACE-HIDING");
    }

    @Test
    void blocksUnionSpelledWithPercentSignsAspDropsInEverySource() {
        refusedInEverySource("1 %U%N%I%O%N %S%E%L%E%C%T 1,2", "SQL-UNION-AFTER-BREAK");
    }

    @Test
    void blocksBacktickComparisonProbeInEverySource() {
        refusedInEverySource("`>65", "SQL-PROBE");
    }

    @Test
    void blocksColumnCountProbeWithNumberListInEverySource() {
        refusedInEverySource("', 2, 1", "SQL-PROBE");
    }

    @Test
    void blocksRowClosedAndCutOffInEverySource() {
        refusedInEverySource("x'), ('admin','pass')-- ", "SQL-COMMENT-TRUNCATION");
    }

    @Test
    void passesDollarPercentAndStatementWordsInProseUnchanged() {
        String note = "Price: $$ or $$$ restaurants; the dog handler read the paper. 100% cotton; 50% off. Q'uran study";
        byte[] body = ("{\"note\":\"" + note + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = post("/search", "application/json", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).get("bodyLength").asInt()).isEqualTo(body.length);
        HttpResponse<String> query = get("/search?note=" + encoded(note));
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(json(query.body()).get("parameters").get("note").get(0).asText()).isEqualTo(note);
    }
}
