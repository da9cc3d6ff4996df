package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An exception that lifts the style-attribute rule in a rich-text field, over real HTTP: styled text
 * passes unchanged, and every other danger in the same markup is still blocked under its own rule id.
 */
class RuleExceptionNarrownessTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                limits: {body-size: 4KiB}
                deny-rules:
                  level: standard
                  exceptions:
                    - rule-ids: [XSS-STYLE-ATTRIBUTE]
                      json: {pointer: /description}
                      when: {path: {prefix: /pets}, methods: [POST]}
                    - rule-ids: [XSS-STYLE-ATTRIBUTE, XSS-FOREIGN-LINK]
                      json: {pointer: /body}
                      when: {path: {exact: /articles}, methods: [POST]}
                """);
    }

    private HttpResponse<String> postDescription(String description) {
        String body = "{\"name\":\"Rex\",\"description\":\"" + description.replace("\"", "\\\"") + "\"}";
        return post("/pets", "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** The rule ids of the blocking findings in the security event of a blocked response. */
    private static List<String> loggedRuleIds(HttpResponse<String> response, String... unsaid) {
        JsonNode event = assertBlockedAndLogged(response, unsaid);
        assertThat(event.get("event.action").asText()).isEqualTo("blocked");
        List<String> ids = new ArrayList<>();
        event.get("bulwark.findings").forEach(finding -> ids.add(finding.get("rule.id").asText()));
        return ids;
    }

    @Test
    void allowsStyledSpanInDescriptionUnchanged() {
        byte[] body = "{\"name\":\"Rex\",\"description\":\"<span style=\\\"color: green\\\">Gentle</span>\"}"
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = post("/pets", "application/json", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(body));
    }

    @Test
    void blocksProtocolRelativeLinkWithFullPageOverlayDespiteStyleException() {
        HttpResponse<String> response = postDescription("<a href=\"//evil.example/login\" style=\"position:fixed;top:0;"
                + "left:0;width:100%;height:100%;opacity:0\">Adopt</a>");

        // The engine logs the first counted rule of a detector per value; both dangers have their own.
        assertThat(loggedRuleIds(response, "XSS", "evil")).containsExactly("XSS-DISGUISED-LINK");
    }

    @Test
    void allowsPlainOffSiteLinkAtStandardWithTheStyleException() {
        HttpResponse<String> response = postDescription("<a href=\"https://docs.example/walks\">walking guide</a>");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void blocksEventHandlerDespiteStyleException() {
        HttpResponse<String> response = postDescription("<span style=\"color: green\" onmouseover=\"adopt()\">Rex</span>");

        assertThat(loggedRuleIds(response)).contains("XSS-EVENT-HANDLER").doesNotContain("XSS-STYLE-ATTRIBUTE");
    }

    @Test
    void blocksFixedPositionOverlayDespiteStyleException() {
        HttpResponse<String> response = postDescription("<div style=\"position: fixed; inset: 0\">Sale</div>");

        assertThat(loggedRuleIds(response)).containsExactly("XSS-CSS-OVERLAY");
    }

    @Test
    void blocksStyleAttributeOutsideTheExceptionsField() {
        HttpResponse<String> response = post("/pets", "application/json",
                "{\"name\":\"<span style=\\\"color: green\\\">Rex</span>\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(loggedRuleIds(response)).containsExactly("XSS-STYLE-ATTRIBUTE");
    }

    @Test
    void allowsPlainLinkToAnotherHostWhereLiftedButBlocksADisguisedOne() {
        HttpResponse<String> plain = post("/articles", "application/json",
                "{\"body\":\"<a href=\\\"https://docs.example/guide\\\">guide</a>\"}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> disguised = post("/articles", "application/json",
                "{\"body\":\"<a href=\\\"//evil.example/guide\\\">guide</a>\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(loggedRuleIds(disguised)).containsExactly("XSS-DISGUISED-LINK");
    }
}
