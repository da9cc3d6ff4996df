package dev.bulwark.core.internal.deny;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.config.DenyRulesConfig;
import dev.bulwark.core.config.Route;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule machinery (levels, overrides, exceptions, log-only, custom rules) with a stand-in detector. */
class DenyRuleCheckTest {

    private static List<Finding> inspect(String yaml, String path, RequestValue... values) {
        BulwarkConfig loaded = load(yaml);
        DenyRulesConfig config = loaded.denyRules();
        Route route = loaded.routes().stream()
                .filter(r -> r.when().matches(path, "POST", null, "127.0.0.1")).findFirst().orElse(null);
        FakeInspection inspection = new FakeInspection(HttpRequest.builder("POST", path).remoteAddress("127.0.0.1").build(),
                List.of(values), path, route);
        new DenyRuleCheck(config, List.of(new WordDetector()), List.of()).inspect(inspection);
        return inspection.findings;
    }

    /**
     * The configuration in {@code yaml}, with a custom rule that never fires but makes the stand-in
     * detector's key {@code TEST} and id {@code TEST-EVIL} known names for exceptions and overrides.
     */
    private static BulwarkConfig load(String yaml) {
        try {
            JsonNode read = new ObjectMapper(new YAMLFactory()).readTree(yaml);
            ObjectNode tree = read instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
            ObjectNode deny = tree.has("deny-rules") ? (ObjectNode) tree.get("deny-rules") : tree.putObject("deny-rules");
            ArrayNode custom = deny.has("custom-rules") ? (ArrayNode) deny.get("custom-rules") : deny.putArray("custom-rules");
            custom.addObject().put("id", "TEST-EVIL").put("key", "TEST")
                    .putObject("parameter").put("name", "no-request-has-this-parameter");
            return ConfigLoader.fromTree(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RequestValue query(String name, String value) {
        return RequestValue.plain(Location.value(Source.QUERY, name), value);
    }

    private static RequestValue form(String name, String value) {
        return RequestValue.plain(Location.value(Source.FORM, name), value);
    }

    @Test
    void blocksStandardRuleAtDefaultLevel() {
        List<Finding> findings = inspect("", "/", query("q", "an evil value"));
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo("TEST-EVIL");
            assertThat(finding.mode()).isEqualTo(Mode.BLOCK);
            assertThat(finding.excerpt()).isEqualTo("…evil…");
            assertThat(finding.location()).isEqualTo(Location.value(Source.QUERY, "q"));
        });
    }

    @Test
    void ignoresStrictRuleAtStandardLevel() {
        assertThat(inspect("", "/", query("q", "bad"))).isEmpty();
    }

    @Test
    void strictLevelEnablesStrictRule() {
        assertThat(inspect("deny-rules: {level: strict}", "/", query("q", "bad"))).hasSize(1);
    }

    @Test
    void offLevelDisablesAllRules() {
        assertThat(inspect("deny-rules: {level: off}", "/", query("q", "evil"))).isEmpty();
    }

    @Test
    void exceptionDropsFindingForSelectedParameterOnly() {
        String yaml = """
                deny-rules:
                  exceptions:
                    - rule-keys: [TEST]
                      parameter: {name: {exact: comment}, source: body}
                      when: {path: {prefix: /blog}}
                """;
        assertThat(inspect(yaml, "/blog/post", form("comment", "evil"))).isEmpty();
        assertThat(inspect(yaml, "/blog/post", query("comment", "evil"))).hasSize(1);
        assertThat(inspect(yaml, "/blog/post", form("title", "evil"))).hasSize(1);
        assertThat(inspect(yaml, "/shop", form("comment", "evil"))).hasSize(1);
    }

    @Test
    void exceptionForOtherRuleKeyDoesNotApply() {
        String yaml = "deny-rules: {exceptions: [{rule-keys: [SQL], parameter: {name: q}}]}";
        assertThat(inspect(yaml, "/", query("q", "evil"))).hasSize(1);
    }

    @Test
    void logOnlyKeyTurnsFindingIntoLogEntry() {
        List<Finding> findings = inspect("deny-rules: {log-only: [test]}", "/", query("q", "evil"));
        assertThat(findings).singleElement().extracting(Finding::mode).isEqualTo(Mode.LOG_ONLY);
    }

    @Test
    void overrideRaisesLevelForOneParameter() {
        String yaml = """
                deny-rules:
                  overrides:
                    - rule-keys: [TEST]
                      parameter: {name: search}
                      level: strict
                """;
        assertThat(inspect(yaml, "/", query("search", "bad"))).hasSize(1);
        assertThat(inspect(yaml, "/", query("other", "bad"))).isEmpty();
    }

    @Test
    void overrideSetsLogOnlyMode() {
        String yaml = "deny-rules: {overrides: [{rule-ids: [TEST-EVIL], mode: log-only}]}";
        assertThat(inspect(yaml, "/", query("q", "evil"))).singleElement().extracting(Finding::mode).isEqualTo(Mode.LOG_ONLY);
    }

    @Test
    void routeLevelReplacesGlobalLevel() {
        String yaml = """
                routes:
                  - when: {path: {prefix: /admin}}
                    deny-rules: {level: strict}
                """;
        assertThat(inspect(yaml, "/admin/x", query("q", "bad"))).hasSize(1);
        assertThat(inspect(yaml, "/public", query("q", "bad"))).isEmpty();
    }

    @Test
    void customRuleBlocksSelectedParameter() {
        String yaml = """
                deny-rules:
                  custom-rules:
                    - id: NO-DEBUG
                      parameter: {name: debug}
                """;
        assertThat(inspect(yaml, "/", query("debug", "1"))).singleElement().satisfies(finding -> {
            assertThat(finding.ruleKey()).isEqualTo("CUSTOM");
            assertThat(finding.ruleId()).isEqualTo("NO-DEBUG");
        });
        assertThat(inspect(yaml, "/", query("page", "1"))).isEmpty();
    }

    @Test
    void customRuleMatchesValueWithRegex() {
        String yaml = """
                deny-rules:
                  custom-rules:
                    - id: NO-INTERNAL-HOSTS
                      key: SSRF
                      header: {name: X-Target, value: {regex: ".*\\\\.internal$"}}
                """;
        RequestValue header = RequestValue.plain(Location.value(Source.HEADER, "x-target"), "db.internal");
        assertThat(inspect(yaml, "/", header)).singleElement().extracting(Finding::ruleKey).isEqualTo("SSRF");
    }

    @Test
    void masksExcerptOfSecretParameter() {
        assertThat(inspect("", "/", form("password", "evil"))).singleElement()
                .extracting(Finding::excerpt).isEqualTo("******");
    }

    @Test
    void stopsAtFirstBlockingFinding() {
        assertThat(inspect("", "/", query("a", "evil"), query("b", "evil"))).hasSize(1);
    }
}
