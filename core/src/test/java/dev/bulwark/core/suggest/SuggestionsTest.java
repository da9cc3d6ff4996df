package dev.bulwark.core.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.BulwarkConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final String SCRIPT = "%3Cscript%3Ealert(1)%3C/script%3E";
    private static final String SQL = "1'%20union%20select%20password%20from%20users--";
    private static final String SHELL = "%3Bcat%20/etc/passwd";

    private final Bulwark engine = Bulwark.create(BulwarkConfig.defaults());

    private static HttpRequest get(String target, String client) {
        return HttpRequest.builder("GET", target).remoteAddress(client).build();
    }

    private void record(SuggestionCollector collector, String target, String client) {
        HttpRequest request = get(target, client);
        Decision decision = engine.evaluate(request);
        assertThat(decision.blocked()).as("blocked: %s", target).isTrue();
        collector.record(RoutePatterns.ofRawPath(target), "GET", client, decision.blockingFindings());
    }

    @Test
    void suggestsTheRuleIdsTheExactParameterTheRouteAndTheMethods() {
        SuggestionCollector collector = SuggestionCollector.create();
        record(collector, "/pets/7?note=" + SCRIPT, "192.0.2.1");
        record(collector, "/pets/8?note=" + SCRIPT, "192.0.2.2");

        List<SuggestedException> exceptions = collector.suggestions().exceptions();

        assertThat(exceptions).hasSize(1);
        Map<String, Object> entry = exceptions.get(0).toConfig();
        assertThat(entry.keySet()).containsExactly("rule-ids", "parameter", "when");
        assertThat((List<?>) entry.get("rule-ids")).isNotEmpty().allSatisfy(id -> assertThat(id).asString().startsWith("XSS-"));
        assertThat(entry.get("parameter")).isEqualTo(Map.of("name", Map.of("exact", "note"), "source", "query"));
        assertThat(entry.get("when")).isEqualTo(Map.of("path", Map.of("pattern", "/pets/{id}"), "methods", List.of("GET")));
        assertThat(exceptions.get(0).comment()).contains("query parameter 'note'", "GET /pets/{id}", "2 requests from 2 clients");
    }

    @Test
    void suggestedConfigurationLetsTheRecordedValueThroughOnlyWhereItWasSeen() {
        String target = "/pets/7?note=" + SCRIPT;
        SuggestionRun run = SuggestionRun.replay(engine, List.of(new SuggestionRun.Sample(RoutePatterns.ofRawPath(target),
                "GET", "192.0.2.1", get(target, "192.0.2.1"))), List.of(), SuggestionCollector.DEFAULT_MAX_LOCATIONS);

        Bulwark tuned = Bulwark.create(BulwarkConfig.fromYaml(run.suggestions().configuration(null, null)));

        assertThat(tuned.evaluate(get("/pets/9?note=" + SCRIPT, "192.0.2.9")).allowed()).isTrue();
        assertThat(tuned.evaluate(get("/pets/9?other=" + SCRIPT, "192.0.2.9")).blocked()).isTrue();
        assertThat(tuned.evaluate(get("/owners/9?note=" + SCRIPT, "192.0.2.9")).blocked()).isTrue();
        assertThat(tuned.evaluate(get("/pets/9/photos?note=" + SCRIPT, "192.0.2.9")).blocked()).isTrue();
        assertThat(tuned.evaluate(HttpRequest.builder("DELETE", "/pets/9?note=" + SCRIPT).remoteAddress("192.0.2.9")
                .build()).blocked()).isTrue();
        assertThat(tuned.evaluate(get("/pets/9?note=" + SQL, "192.0.2.9")).blocked()).isTrue();
    }

    @Test
    void replaysBlockedRequestsUntilTheFindingsBehindTheFirstAreFound() {
        String target = "/pets/7?note=" + SCRIPT;
        SuggestionRun run = SuggestionRun.replay(engine, List.of(new SuggestionRun.Sample("/pets/{id}", "GET",
                "192.0.2.1", get(target, "192.0.2.1"))), List.of(), SuggestionCollector.DEFAULT_MAX_LOCATIONS);

        assertThat(run.blocked()).singleElement().satisfies(blocked -> {
            assertThat(blocked.findings()).hasSizeGreaterThan(blocked.decision().blockingFindings().size());
            assertThat(SuggestionRun.fixes(blocked)).isNotEmpty();
        });
    }

    @Test
    void flagsALocationWithManyRuleFamiliesFromFewClientsInsteadOfExceptingIt() {
        SuggestionCollector collector = SuggestionCollector.create();
        record(collector, "/search?q=" + SCRIPT, "203.0.113.5");
        record(collector, "/search?q=" + SQL, "203.0.113.5");
        record(collector, "/search?q=" + SHELL, "203.0.113.5");

        Suggestions suggestions = collector.suggestions();

        assertThat(suggestions.exceptions()).isEmpty();
        assertThat(suggestions.flagged()).singleElement().satisfies(location -> {
            assertThat(location.location()).isEqualTo(Location.value(Source.QUERY, "q"));
            assertThat(location.ruleKeys()).hasSizeGreaterThanOrEqualTo(Suggestions.ATTACKED_RULE_FAMILIES);
        });
        assertThat(suggestions.report()).contains("LOOKS ATTACKED");
    }

    @Test
    void neverSuggestsAnExceptionForChecksOtherThanTheDenyRules() {
        SuggestionCollector collector = SuggestionCollector.create();
        Finding limit = new Finding("LIMIT", "LIMIT-BODY-SIZE", "body too large", Location.REQUEST, "", Level.BASIC,
                Mode.BLOCK, BlockType.LIMIT, 413);
        collector.record("/upload", "POST", "192.0.2.1", List.of(limit));

        Suggestions suggestions = collector.suggestions();

        assertThat(suggestions.exceptions()).isEmpty();
        assertThat(suggestions.locations()).singleElement()
                .extracting(LocationReport::outcome).isEqualTo(LocationReport.Outcome.NOT_A_DENY_RULE);
    }

    @Test
    void neverExceptsARawBody() {
        SuggestionCollector collector = SuggestionCollector.create();
        Finding body = new Finding("XSS", "XSS-SCRIPT-TAG", "script", Location.value(Source.BODY, ""), "", Level.BASIC,
                Mode.BLOCK, BlockType.DENY, 403);
        collector.record("/notes", "POST", "192.0.2.1", List.of(body));

        assertThat(collector.suggestions().exceptions()).isEmpty();
        assertThat(collector.suggestions().locations()).singleElement()
                .extracting(LocationReport::outcome).isEqualTo(LocationReport.Outcome.NO_SELECTOR);
    }

    @Test
    void countsRequestsBeyondTheMemoryBudgetWithoutSuggestingForThem() {
        SuggestionCollector collector = SuggestionCollector.create(1);
        record(collector, "/pets/7?note=" + SCRIPT, "192.0.2.1");
        record(collector, "/pets/7?other=" + SCRIPT, "192.0.2.1");

        Suggestions suggestions = collector.suggestions();

        assertThat(suggestions.locations()).hasSize(1);
        assertThat(suggestions.droppedRequests()).isEqualTo(1);
        assertThat(suggestions.report()).contains("over the memory budget");
    }

    @Test
    void keepsTheBaseConfigurationAndAddsToItsOwnExceptions() {
        SuggestionCollector collector = SuggestionCollector.create();
        record(collector, "/pets/7?note=" + SCRIPT, "192.0.2.1");
        String base = """
                mode: log-only
                limits: {body-size: 2MiB}
                deny-rules:
                  level: standard
                  exceptions:
                    own:
                      rule-keys: [SQL]
                      parameter: {name: password, source: body}
                """;

        String yaml = collector.suggestions().configuration(base, Level.STRICT);
        BulwarkConfig config = BulwarkConfig.fromYaml(yaml);

        assertThat(config.mode()).isEqualTo(Mode.LOG_ONLY);
        assertThat(config.denyRules().level()).isEqualTo(Level.STRICT);
        assertThat(config.denyRules().exceptions()).hasSize(2);
        assertThat(yaml).contains("own:", "suggested-1:", "# Lets XSS-");
    }

    @Test
    void writesEveryNameQuotedSoThatNoNameBecomesYamlSyntax() {
        SuggestionCollector collector = SuggestionCollector.create();
        Finding odd = new Finding("XSS", "XSS-SCRIPT-TAG", "script", Location.value(Source.QUERY, "a\": {b\n#c"), "",
                Level.BASIC, Mode.BLOCK, BlockType.DENY, 403);
        collector.record("/x", "GET", "192.0.2.1", List.of(odd));

        BulwarkConfig config = BulwarkConfig.fromYaml(collector.suggestions().configuration(null, null));

        assertThat(config.denyRules().exceptions()).singleElement()
                .satisfies(e -> assertThat(e.selector().name().text()).isEqualTo("a\": {b\n#c"));
    }
}
