package dev.bulwark.core.internal.policy;

import static dev.bulwark.core.internal.policy.ClientIpResolverTest.evaluate;
import static dev.bulwark.core.internal.policy.ClientIpResolverTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Decision;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AllowRuleCheckTest {

    private static final BulwarkConfig API = ConfigLoader.fromYaml("""
            allow-rules:
              - path: {prefix: /api/}
                methods: [GET, POST]
                content-types: [application/json]
              - name: search
                path: /search
                methods: [GET]
                parameters: [q, {prefix: "filter."}]
              - path: /health
                parameters: []
            """);

    @Test
    void letsEverythingPassWithoutRules() {
        assertThat(evaluate(BulwarkConfig.defaults(), request("192.0.2.1").target("/anything")).allowed()).isTrue();
    }

    @Test
    void blocksUnknownEndpointWith404() {
        Decision decision = evaluate(API, request("192.0.2.1").target("/admin"));

        assertThat(decision.status()).isEqualTo(404);
        assertThat(decision.blockType()).isEqualTo(BlockType.ALLOW_RULE);
        assertThat(decision.findings().get(0).ruleId()).isEqualTo("ALLOW-NO-MATCH");
        assertThat(decision.findings().get(0).excerpt()).isEqualTo("GET /admin");
    }

    @Test
    void allowsRequestMatchingARule() {
        assertThat(evaluate(API, request("192.0.2.1").target("/api/orders")).allowed()).isTrue();
    }

    @Test
    void blocksMethodTheRuleDoesNotList() {
        assertThat(evaluate(API, request("192.0.2.1").method("DELETE").target("/api/orders")).status()).isEqualTo(404);
    }

    @Test
    void allowsCorsPreflightForAMethodTheRuleLists() {
        assertThat(evaluate(API, request("192.0.2.1").method("OPTIONS").target("/api/orders")
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST")).allowed()).isTrue();
        assertThat(evaluate(API, request("192.0.2.1").method("OPTIONS").target("/api/orders")
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "DELETE")).blocked()).isTrue();
        assertThat(evaluate(API, request("192.0.2.1").method("OPTIONS").target("/api/orders")).blocked()).isTrue();
    }

    @Test
    void allowsBodyOfAListedContentType() {
        assertThat(evaluate(API, post("/api/orders", "application/json; charset=utf-8", "{}")).allowed()).isTrue();
    }

    @Test
    void blocksBodyOfAnotherContentType() {
        assertThat(evaluate(API, post("/api/orders", "application/xml", "<a/>")).blocked()).isTrue();
    }

    @Test
    void blocksBodyWithoutContentTypeWhenTheRuleListsContentTypes() {
        assertThat(evaluate(API, request("192.0.2.1").method("POST").target("/api/orders")
                .body("{}".getBytes(StandardCharsets.UTF_8))).blocked()).isTrue();
    }

    @Test
    void matchesTheNormalisedPath() {
        assertThat(evaluate(API, request("192.0.2.1").target("/api/../admin")).blocked()).isTrue();
        assertThat(evaluate(API, request("192.0.2.1").target("/%61pi/orders")).allowed()).isTrue();
    }

    @Test
    void allowsListedParameters() {
        assertThat(evaluate(API, request("192.0.2.1").target("/search?q=oak&filter.colour=red")).allowed()).isTrue();
    }

    @Test
    void blocksParameterTheRuleDoesNotList() {
        Decision decision = evaluate(API, request("192.0.2.1").target("/search?q=oak&debug=1"));

        assertThat(decision.status()).isEqualTo(404);
        assertThat(decision.findings().get(0).ruleId()).isEqualTo("ALLOW-PARAMETER");
        assertThat(decision.findings().get(0).description()).contains("search");
        assertThat(decision.findings().get(0).location().toString()).isEqualTo("query:debug#name");
    }

    @Test
    void blocksAnyParameterWhenTheRuleAllowsNone() {
        assertThat(evaluate(API, request("192.0.2.1").target("/health")).allowed()).isTrue();
        assertThat(evaluate(API, request("192.0.2.1").target("/health?x=1")).blocked()).isTrue();
    }

    @Test
    void checksFormFieldsAsParameters() {
        BulwarkConfig config = ConfigLoader.fromYaml("allow-rules: [{path: /login, parameters: [user, password]}]");

        assertThat(evaluate(config, post("/login", "application/x-www-form-urlencoded", "user=a&password=b")).allowed()).isTrue();
        assertThat(evaluate(config, post("/login", "application/x-www-form-urlencoded", "user=a&admin=1")).blocked()).isTrue();
    }

    @Test
    void usesTheConfiguredStatus() {
        BulwarkConfig config = ConfigLoader.fromYaml("allow-rules: {status: 403, rules: [{path: /a}]}");

        assertThat(evaluate(config, request("192.0.2.1").target("/b")).status()).isEqualTo(403);
    }

    @Test
    void logsOnlyInLogOnlyMode() {
        BulwarkConfig config = ConfigLoader.fromYaml("allow-rules: {mode: log-only, rules: [{path: /a}]}");

        Decision decision = evaluate(config, request("192.0.2.1").target("/b"));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.findings().get(0).mode()).isEqualTo(Mode.LOG_ONLY);
    }

    @Test
    void exemptsARouteThatSwitchesAllowRulesOff() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                allow-rules: [{path: /a}]
                routes: [{when: {path: {prefix: /legacy/}}, allow-rules: {enabled: false}}]
                """);

        assertThat(evaluate(config, request("192.0.2.1").target("/legacy/x")).allowed()).isTrue();
        assertThat(evaluate(config, request("192.0.2.1").target("/b")).blocked()).isTrue();
    }

    @Test
    void runsBeforeTheDenyRules() {
        Decision decision = evaluate(API, request("192.0.2.1").target("/admin?id=1%27%20UNION%20SELECT%20password%20FROM%20users--"));

        assertThat(decision.findings()).singleElement().extracting(f -> f.ruleKey()).isEqualTo("ALLOW");
    }

    private static HttpRequest.Builder post(String target, String contentType, String body) {
        return request("192.0.2.1").method("POST").target(target).header("Content-Type", contentType)
                .body(body.getBytes(StandardCharsets.UTF_8));
    }
}
