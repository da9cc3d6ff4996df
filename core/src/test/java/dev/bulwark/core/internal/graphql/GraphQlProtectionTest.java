package dev.bulwark.core.internal.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Violation;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.core.internal.JacksonBuffers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GraphQlProtectionTest {

    private static final Bulwark DEFAULTS = Bulwark.create(BulwarkConfig.defaults());
    private static final String ORDINARY = "{\"query\":\"query($id: ID!){ pet(id: $id){ name tags } }\",\"variables\":{\"id\":\"7\"}}";

    private static HttpRequest post(String body) {
        return post("application/json", body);
    }

    private static HttpRequest post(String contentType, String body) {
        return HttpRequest.builder("POST", "/graphql").header("Content-Type", contentType)
                .body(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static HttpRequest get(String query) {
        return HttpRequest.builder("GET", "/graphql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).build();
    }

    private static String json(String query) {
        return "{\"query\":\"" + query.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static String nested(int depth) {
        StringBuilder query = new StringBuilder("{ ");
        for (int i = 0; i < depth; i++) {
            query.append("a").append(i).append(" { ");
        }
        query.append("id");
        query.append(" }".repeat(depth + 1));
        return query.toString();
    }

    private static String ruleIds(Decision decision) {
        return String.join(",", decision.findings().stream().map(Finding::ruleId).toList());
    }

    @Test
    void passesAnOrdinaryQueryWithVariables() {
        Decision decision = DEFAULTS.evaluate(post(ORDINARY));
        assertThat(decision.allowed()).as(ruleIds(decision)).isTrue();
        assertThat(decision.findings()).isEmpty();
    }

    @Test
    void passesDepthTenAndRefusesDepthEleven() {
        assertThat(DEFAULTS.evaluate(post(json(nested(9)))).allowed()).isTrue();
        Decision decision = DEFAULTS.evaluate(post(json(nested(10))));
        assertThat(decision.status()).isEqualTo(400);
        assertThat(decision.violations()).containsExactly(new Violation("GRAPHQL-DEPTH", "graphql:document"));
    }

    @Test
    void countsDepthThroughFragments() {
        String query = "query { a { ...F } } fragment F on T { b { c { d { e { f { g { h { i { j { k { id } } } } } } } } } } }";
        assertThat(ruleIds(DEFAULTS.evaluate(post(json(query))))).isEqualTo("GRAPHQL-DEPTH");
    }

    @Test
    void refusesAFragmentThatSpreadsItself() {
        String query = "query { ...A } fragment A on Query { a ...B } fragment B on Query { b ...A }";
        assertThat(ruleIds(DEFAULTS.evaluate(post(json(query))))).isEqualTo("GRAPHQL-FRAGMENT-CYCLE");
    }

    @Test
    void measuresAFragmentBombOnceAndRefusesIt() {
        StringBuilder query = new StringBuilder("query { ...F0 } fragment F0 on Q { a b }");
        for (int i = 1; i < 60; i++) {
            query.append(" fragment F").append(i).append(" on Q { ...F").append(i - 1).append(" ...F").append(i - 1)
                    .append(" }");
        }
        query.replace(0, "query { ...F0 }".length(), "query { ...F59 }");
        Decision decision = DEFAULTS.evaluate(post(json(query.toString())));
        assertThat(ruleIds(decision)).contains("GRAPHQL-ROOT-FIELDS").contains("GRAPHQL-FIELDS");
    }

    @Test
    void refusesSixteenAliases() {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 16; i++) {
            query.append(" a").append(i).append(": pet(id: 1) { name }");
        }
        Decision decision = DEFAULTS.evaluate(post(json(query.append(" }").toString())));
        assertThat(ruleIds(decision)).isEqualTo("GRAPHQL-ALIASES");
        assertThat(decision.status()).isEqualTo(400);
    }

    @Test
    void refusesABatchOfElevenAndPassesTen() {
        String ten = "[" + String.join(",", Collections.nCopies(10, json("{ pets { name } }"))) + "]";
        String eleven = "[" + String.join(",", Collections.nCopies(11, json("{ pets { name } }"))) + "]";
        assertThat(DEFAULTS.evaluate(post(ten)).allowed()).isTrue();
        Decision decision = DEFAULTS.evaluate(post(eleven));
        assertThat(ruleIds(decision)).isEqualTo("GRAPHQL-BATCH");
        assertThat(decision.status()).isEqualTo(400);
    }

    @Test
    void refusesIntrospectionByFieldNameOnly() {
        assertThat(ruleIds(DEFAULTS.evaluate(post(json("{ __schema { types { name } } }"))))).isEqualTo("GRAPHQL-INTROSPECTION");
        assertThat(ruleIds(DEFAULTS.evaluate(post(json("{ __type(name: \"Pet\") { name } }"))))).isEqualTo("GRAPHQL-INTROSPECTION");
        assertThat(DEFAULTS.evaluate(post(json("query __schema { __typename pets { __typename name } }"))).allowed()).isTrue();
    }

    @Test
    void readingARequestLeavesNoVariableInTheThreadsBuffers() {
        String secret = "card-" + UUID.randomUUID();

        Decision decision = DEFAULTS.evaluate(post("{\"query\":\"query($q: String){ search(text: $q){ id } }\","
                + "\"variables\":{\"q\":\"" + secret + "\"}}"));

        assertThat(decision.status()).isEqualTo(200);
        assertThat(JacksonBuffers.ofThisThread()).doesNotContain(secret);
    }

    @Test
    void blocksAnAttackInAVariable() {
        Decision decision = DEFAULTS.evaluate(post("{\"query\":\"query($q: String){ search(text: $q){ id } }\","
                + "\"variables\":{\"q\":\"1' UNION SELECT password FROM users--\"}}"));
        assertThat(decision.status()).isEqualTo(403);
        assertThat(decision.blockingFindings().get(0).location().toString()).isEqualTo("graphql:variables/q");
    }

    @Test
    void blocksAnAttackInAStringArgumentInsideAnInputObject() {
        Decision decision = DEFAULTS.evaluate(post(json(
                "mutation { addPet(input: {name: \"<script>alert(1)</script>\", tags: [\"x\"]}) { id } }")));
        assertThat(decision.status()).isEqualTo(403);
        assertThat(decision.blockingFindings().get(0).location().toString()).isEqualTo("graphql:argument:addPet.input.name");
    }

    @Test
    void blocksAnAttackInAStringArgumentAgainWhenTheDocumentComesFromTheCache() {
        Bulwark bulwark = Bulwark.create(BulwarkConfig.defaults());
        HttpRequest attack = post(json("{ search(text: \"1' UNION SELECT password FROM users--\") { id } }"));
        assertThat(bulwark.evaluate(attack).status()).isEqualTo(403);
        Decision again = bulwark.evaluate(attack);
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.blockingFindings().get(0).location().toString()).isEqualTo("graphql:argument:search.text");
    }

    @Test
    void doesNotInspectTheDocumentAsText() {
        // As plain text this document reads like SQL; as GraphQL it holds no string at all.
        String query = "query select { union: pets(where: {or: {name_like: 1}}) { select: name from: tags } }";
        Decision decision = DEFAULTS.evaluate(post(json(query)));
        assertThat(decision.allowed()).as(ruleIds(decision)).isTrue();
    }

    @Test
    void readsGetWithQueryAndVariables() {
        HttpRequest request = HttpRequest.builder("GET", "/graphql?query="
                + URLEncoder.encode("query($id: ID!){ pet(id: $id){ name } }", StandardCharsets.UTF_8) + "&variables="
                + URLEncoder.encode("{\"id\":\"../../etc/passwd\"}", StandardCharsets.UTF_8)).build();
        Decision decision = DEFAULTS.evaluate(request);
        assertThat(decision.blocked()).isTrue();
        assertThat(decision.blockingFindings().get(0).location().toString()).isEqualTo("graphql:variables/id");
        assertThat(DEFAULTS.evaluate(get("{ pets { name } }")).allowed()).isTrue();
    }

    @Test
    void refusesAMutationOverGet() {
        assertThat(ruleIds(DEFAULTS.evaluate(get("mutation { deletePet(id: 1) }")))).isEqualTo("GRAPHQL-MUTATION-GET");
    }

    @Test
    void readsApplicationGraphql() {
        assertThat(DEFAULTS.evaluate(post("application/graphql", "{ pets { name } }")).allowed()).isTrue();
        assertThat(ruleIds(DEFAULTS.evaluate(post("application/graphql", "{ __schema { types { name } } }"))))
                .isEqualTo("GRAPHQL-INTROSPECTION");
    }

    @Test
    void refusesWhatIsNotAGraphQlRequest() {
        assertThat(ruleIds(DEFAULTS.evaluate(post("application/x-www-form-urlencoded", "query=%7Bpets%7D"))))
                .isEqualTo("GRAPHQL-REQUEST");
        assertThat(ruleIds(DEFAULTS.evaluate(post("text/plain", ORDINARY)))).isEqualTo("GRAPHQL-REQUEST");
        assertThat(ruleIds(DEFAULTS.evaluate(HttpRequest.builder("GET", "/graphql").build()))).isEqualTo("GRAPHQL-REQUEST");
        assertThat(ruleIds(DEFAULTS.evaluate(post("{\"query\":{\"a\":1}}")))).isEqualTo("GRAPHQL-REQUEST");
        assertThat(ruleIds(DEFAULTS.evaluate(post("{\"query\":\"{ a }\",\"operationName\":\"x' or 1=1\"}"))))
                .isEqualTo("GRAPHQL-REQUEST");
        assertThat(DEFAULTS.evaluate(post("{\"query\":\"{ a }\",\"query\":\"{ b }\"}")).status()).isEqualTo(400);
    }

    @Test
    void refusesASyntaxError() {
        Decision decision = DEFAULTS.evaluate(post(json("{ pets { name ")));
        assertThat(ruleIds(decision)).isEqualTo("GRAPHQL-SYNTAX");
        assertThat(decision.status()).isEqualTo(400);
    }

    @Test
    void stopsParsingAtTheTokenLimit() {
        BulwarkConfig config = ConfigLoader.fromYaml("graphql: {max-tokens: 50}");
        Decision decision = Bulwark.create(config).evaluate(post(json("{ " + "a ".repeat(100) + "}")));
        assertThat(ruleIds(decision)).isEqualTo("GRAPHQL-PARSER-LIMIT");
    }

    @Test
    void refusesTooManyDirectivesOnOneField() {
        Decision decision = DEFAULTS.evaluate(post(json("{ pets " + "@include(if: true) ".repeat(11) + "{ name } }")));
        assertThat(ruleIds(decision)).isEqualTo("GRAPHQL-DIRECTIVES");
    }

    @Test
    void refusesMutationsWhenConfigured() {
        Bulwark bulwark = Bulwark.create(ConfigLoader.fromYaml("graphql: {mutations: false, introspection: true}"));
        Decision decision = bulwark.evaluate(post(json("mutation { deletePet(id: 1) }")));
        assertThat(ruleIds(decision)).isEqualTo("GRAPHQL-MUTATION");
        assertThat(decision.status()).isEqualTo(403);
        assertThat(bulwark.evaluate(post(json("{ __schema { types { name } } }"))).allowed()).isTrue();
    }

    @Test
    void allowsOnlyPersistedDocumentsWhenListed() {
        String query = "{ pets { name } }";
        String hash = HexFormat.of().formatHex(sha256(query));
        Bulwark bulwark = Bulwark.create(ConfigLoader.fromYaml("graphql: {persisted-queries: [" + hash + "]}"));
        assertThat(bulwark.evaluate(post(json(query))).allowed()).isTrue();
        assertThat(bulwark.evaluate(post("{\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash
                + "\"}}}")).allowed()).isTrue();
        assertThat(ruleIds(bulwark.evaluate(post(json("{ pets { id } }"))))).isEqualTo("GRAPHQL-PERSISTED-QUERY");
    }

    @Test
    void validatesAgainstASchema() {
        Bulwark bulwark = Bulwark.create(ConfigLoader.fromYaml("graphql: {schema: 'classpath:graphql/pets.graphqls'}"));
        assertThat(bulwark.evaluate(post(ORDINARY)).allowed()).isTrue();
        Decision decision = bulwark.evaluate(post(json("{ pet(id: 1) { name secret } }")));
        assertThat(decision.status()).isEqualTo(400);
        assertThat(decision.violations()).extracting(Violation::key).containsExactly("GRAPHQL-SCHEMA-FIELD-UNDEFINED");
    }

    @Test
    void treatsTheGraphQlPathAsJsonWhenDisabled() {
        Bulwark bulwark = Bulwark.create(ConfigLoader.fromYaml("graphql: {enabled: false}"));
        assertThat(bulwark.evaluate(post(json(nested(12)))).allowed()).isTrue();
    }

    @Test
    void protectsConfiguredPathsInEverySpelling() {
        Bulwark bulwark = Bulwark.create(ConfigLoader.fromYaml("graphql: {paths: [/api/graphql]}"));
        HttpRequest request = HttpRequest.builder("POST", "/API/GraphQL").header("Content-Type", "application/json")
                .body(json(nested(12)).getBytes(StandardCharsets.UTF_8)).build();
        assertThat(ruleIds(bulwark.evaluate(request))).contains("GRAPHQL-DEPTH");
    }

    @Test
    void logsOnlyInLogOnlyMode() {
        Bulwark bulwark = Bulwark.create(ConfigLoader.fromYaml("graphql: {mode: log-only}"));
        Decision decision = bulwark.evaluate(post(json(nested(12))));
        assertThat(decision.allowed()).isTrue();
        assertThat(ruleIds(decision)).isEqualTo("GRAPHQL-DEPTH");
    }

    @Test
    void stopsStartUpOnAnUnknownKey() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("graphql: {max-dept: 3}"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("graphql.max-dept");
        assertThatThrownBy(() -> ConfigLoader.fromYaml("graphql: {persisted-queries: [abc]}"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("graphql.persisted-queries");
    }

    @Test
    void dropsAFindingByAGraphQlException() {
        Bulwark bulwark = Bulwark.create(ConfigLoader.fromYaml("""
                deny-rules:
                  exceptions:
                    - graphql: {name: variables/q}
                """));
        Decision decision = bulwark.evaluate(post("{\"query\":\"query($q: String){ search(text: $q){ id } }\","
                + "\"variables\":{\"q\":\"1' UNION SELECT password FROM users--\"}}"));
        assertThat(decision.allowed()).isTrue();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
