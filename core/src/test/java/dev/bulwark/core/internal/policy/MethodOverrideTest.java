package dev.bulwark.core.internal.policy;

import static dev.bulwark.core.internal.policy.ClientIpResolverTest.evaluate;
import static dev.bulwark.core.internal.policy.ClientIpResolverTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.config.MethodOverridePolicy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MethodOverrideTest {

    private static final BulwarkConfig ALLOWING = ConfigLoader.fromYaml("""
            method-override: allow
            allowed-methods: [GET, POST, PUT]
            """);

    private static HttpRequest.Builder post(String target) {
        return request("192.0.2.1").method("POST").target(target);
    }

    private static HttpRequest.Builder form(String body) {
        return post("/items/1").header("Content-Type", "application/x-www-form-urlencoded")
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String ruleId(Decision decision) {
        return decision.findings().stream().map(Finding::ruleId).findFirst().orElse("none");
    }

    @Test
    void refusesOverridesByDefault() {
        assertThat(BulwarkConfig.defaults().methodOverride()).isEqualTo(MethodOverridePolicy.REFUSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override", "x-http-method-override",
            "X-HTTP-METHOD-OVERRIDE", "X_HTTP_Method_Override", "x-http_method"})
    void refusesOverrideHeaderInEverySpelling(String header) {
        Decision decision = evaluate(BulwarkConfig.defaults(), post("/items/1").header(header, "DELETE"));

        assertThat(decision.status()).isEqualTo(400);
        assertThat(ruleId(decision)).isEqualTo("METHOD-OVERRIDE");
        assertThat(decision.findings().get(0).location().source()).isEqualTo(Source.HEADER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"_method=DELETE", "_method=delete", "_METHOD=PUT", "_Method=", "_method", "a=1&_method=PATCH"})
    void refusesMethodParameterInTheQuery(String query) {
        Decision decision = evaluate(BulwarkConfig.defaults(), post("/items/1?" + query));

        assertThat(decision.status()).isEqualTo(400);
        assertThat(ruleId(decision)).isEqualTo("METHOD-OVERRIDE");
    }

    @Test
    void refusesMethodFieldInAForm() {
        Decision decision = evaluate(BulwarkConfig.defaults(), form("name=x&_method=DELETE"));

        assertThat(decision.status()).isEqualTo(400);
        assertThat(ruleId(decision)).isEqualTo("METHOD-OVERRIDE");
        assertThat(decision.findings().get(0).location().source()).isEqualTo(Source.FORM);
    }

    @Test
    void refusesMethodFieldInAMultipartForm() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"_method\"\r\n\r\nDELETE\r\n--b--\r\n";
        Decision decision = evaluate(BulwarkConfig.defaults(), post("/items/1")
                .header("Content-Type", "multipart/form-data; boundary=b").body(body.getBytes(StandardCharsets.UTF_8)));

        assertThat(ruleId(decision)).isEqualTo("METHOD-OVERRIDE");
    }

    @Test
    void refusesMethodKeyAtTheTopOfAJsonBody() {
        Decision decision = evaluate(BulwarkConfig.defaults(), post("/items/1")
                .header("Content-Type", "application/json").body("{\"_method\":\"DELETE\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(ruleId(decision)).isEqualTo("METHOD-OVERRIDE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"_METHOD", "_Method"})
    void refusesMethodKeyInAJsonBodyWhateverItsCase(String key) {
        Decision decision = evaluate(BulwarkConfig.defaults(), post("/items/1")
                .header("Content-Type", "application/json")
                .body(("{\"" + key + "\":\"DELETE\"}").getBytes(StandardCharsets.UTF_8)));

        assertThat(ruleId(decision)).isEqualTo("METHOD-OVERRIDE");
    }

    @Test
    void allowsJsonKeysOfTheSameLengthThatAreNotAnOverride() {
        Decision decision = evaluate(BulwarkConfig.defaults(), post("/items/1")
                .header("Content-Type", "application/json")
                .body("{\"xmethod\":\"DELETE\",\"method_\":\"PUT\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(decision.allowed()).isTrue();
    }

    @Test
    void allowsFieldsThatOnlyResembleAnOverride() {
        Decision decision = evaluate(BulwarkConfig.defaults(), form("method=DELETE&x_method=PUT")
                .header("X-Method", "DELETE"));

        assertThat(decision.allowed()).isTrue();
    }

    @Test
    void onlyLogsARefusedOverrideInLogOnlyMode() {
        Decision decision = evaluate(ConfigLoader.fromYaml("mode: log-only"), post("/").header("X-HTTP-Method-Override", "DELETE"));

        assertThat(decision.allowed()).isTrue();
        assertThat(ruleId(decision)).isEqualTo("METHOD-OVERRIDE");
    }

    @Test
    void judgesAllowedMethodsByTheOverrideWhenOverridesAreAllowed() {
        Decision decision = evaluate(ALLOWING, post("/items/1").header("X-HTTP-Method-Override", "DELETE"));

        assertThat(decision.status()).isEqualTo(405);
        assertThat(ruleId(decision)).isEqualTo("METHOD-NOT-ALLOWED");
        assertThat(decision.findings().get(0).excerpt()).isEqualTo("DELETE");
    }

    @Test
    void readsALowerCaseMethodFieldAsItsUpperCaseMethod() {
        assertThat(evaluate(ALLOWING, form("_method=put")).allowed()).isTrue();
        assertThat(evaluate(ALLOWING, form("_method=delete")).status()).isEqualTo(405);
    }

    @Test
    void selectsTheRouteByTheOverride() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                method-override: allow
                routes:
                  - when: {path: {prefix: /items/}, methods: [DELETE]}
                    allowed-methods: [GET]
                """);

        assertThat(evaluate(config, form("_method=DELETE")).status()).isEqualTo(405);
        assertThat(evaluate(config, form("name=x")).allowed()).isTrue();
    }

    @Test
    void judgesAllowRulesByTheOverride() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                method-override: allow
                allow-rules:
                  - {path: {prefix: /items/}, methods: [POST]}
                """);

        assertThat(evaluate(config, post("/items/1").header("X-HTTP-Method", "DELETE")).status()).isEqualTo(404);
        assertThat(evaluate(config, post("/items/1")).allowed()).isTrue();
    }

    @Test
    void judgesDenyRuleExceptionsByTheOverride() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                method-override: allow
                deny-rules:
                  exceptions:
                    - rule-keys: [SQL]
                      parameter: {name: {exact: q}, source: body}
                      when: {methods: [POST]}
                """);
        String attack = "q=1%27+UNION+SELECT+password+FROM+users--";

        assertThat(evaluate(config, form(attack)).allowed()).isTrue();
        assertThat(evaluate(config, form(attack + "&_method=PUT")).blocked()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "DELETE X"})
    void refusesAnOverrideToAMethodFrameworksDoNotHonour(String method) {
        Decision decision = evaluate(ALLOWING, post("/items/1").header("X-HTTP-Method-Override", method));

        assertThat(decision.status()).isEqualTo(400);
        assertThat(ruleId(decision)).isEqualTo("METHOD-OVERRIDE-UNCLEAR");
    }

    @Test
    void refusesOverridesThatDisagree() {
        Decision decision = evaluate(ALLOWING, form("_method=PUT").header("X-HTTP-Method-Override", "DELETE"));

        assertThat(ruleId(decision)).isEqualTo("METHOD-OVERRIDE-UNCLEAR");
    }

    @Test
    void refusesAnOverrideOnAMethodOtherThanPost() {
        Decision decision = evaluate(ALLOWING, request("192.0.2.1").method("PUT").header("X-HTTP-Method-Override", "PUT"));

        assertThat(ruleId(decision)).isEqualTo("METHOD-OVERRIDE-UNCLEAR");
    }

    @Test
    void refusesAPercentEncodedOverride() {
        Decision decision = evaluate(ALLOWING, post("/items/1?_method=%50UT"));

        assertThat(ruleId(decision)).isEqualTo("METHOD-OVERRIDE-UNCLEAR");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u212Aeep-Alive", "\u00DF-HTTP-Method", "Y-HTTP-Method", "Xhttp-method"})
    void allowsHeadersThatOnlyResembleAnOverrideHeader(String header) {
        assertThat(evaluate(BulwarkConfig.defaults(), post("/items/1").header(header, "DELETE")).allowed()).isTrue();
    }

    @Test
    void ignoresAnEmptyOverrideWhenOverridesAreAllowed() {
        assertThat(evaluate(ALLOWING, form("_method=")).allowed()).isTrue();
    }
}
