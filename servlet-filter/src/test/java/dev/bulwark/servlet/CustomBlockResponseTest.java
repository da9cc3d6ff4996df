package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.Limits;
import dev.bulwark.testsupport.RawHttp;
import dev.bulwark.testsupport.SecurityLog;
import dev.bulwark.testsupport.TestCheck;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Block responses chosen by the Accept header: an HTML page for browsers, problem+json for the rest. */
class CustomBlockResponseTest extends FilterContainerTest {

    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                allow-rules: [{path: {prefix: /echo/}}]
                block-responses:
                  - types: [deny]
                    content-type: text/html
                    body: "<!doctype html><title>Blocked</title><p>Reference: {{incidentId}} ({{status}})</p>"
                  - types: [allow-rule]
                    status: 410
                """).toBuilder().limits(Limits.custom().bodySize(BODY_LIMIT).build()).build();
    }

    @Test
    void answersBrowsersWithTheHtmlPage() {
        HttpResponse<String> response = blocked(BROWSER_ACCEPT);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualTo("text/html;charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("Vary")).hasValue("Accept");
        assertThat(response.body()).matches("<!doctype html><title>Blocked</title><p>Reference: [0-9A-Z]{16} \\(403\\)</p>");
    }

    @Test
    void putsTheIncidentIdOfTheLogIntoThePage() {
        org.junit.jupiter.api.Assumptions.assumeTrue(SecurityLog.available());

        String body = blocked(BROWSER_ACCEPT).body();
        String incidentId = body.replaceAll("(?s).*Reference: ([0-9A-Z]{16}).*", "$1");

        assertThat(SecurityLog.line(incidentId)).contains(TestCheck.RULE_ID);
    }

    @Test
    void answersApiClientsWithProblemJson() {
        HttpResponse<String> response = blocked("application/json");

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response.body()).get("status").asInt()).isEqualTo(403);
    }

    @Test
    void answersClientsWithoutPreferenceWithProblemJson() {
        assertThat(blocked("*/*").headers().firstValue("Content-Type")).hasValue("application/problem+json");
        RawHttp.Response raw = raw("GET /echo/search?q=attack HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(raw.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void followsQualityValues() {
        assertThat(blocked("application/json;q=0.5, text/html").headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/html");
        assertThat(blocked("text/html;q=0.1, application/problem+json").headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
    }

    @Test
    void changesTheStatusOfABlockTypeWithoutABody() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/elsewhere")).header("Accept", BROWSER_ACCEPT));

        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response.body()).get("status").asInt()).isEqualTo(410);
    }

    private HttpResponse<String> blocked(String accept) {
        return send(HttpRequest.newBuilder(uri("/echo/search?q=attack")).header("Accept", accept));
    }
}
