package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.testsupport.SecurityLog;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * LDAP, NoSQL, mail and server-side include injection at the standard level over real HTTP,
 * including attacks hidden in the base64 credentials of an {@code Authorization: Basic} header.
 */
class MiscInjectionOverHttpTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                limits: {body-size: 4KiB}
                deny-rules: {level: standard}
                """);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> getWithAuthorization(String authorization) {
        return send(HttpRequest.newBuilder(uri("/account")).header("Authorization", authorization).GET());
    }

    @Test
    void blocksLdapFilterBreakoutInBasicUserNameAndLogsItMasked() {
        int before = servlet.calls.get();

        HttpResponse<String> response = getWithAuthorization(basic("*)(uid=*))(|(uid=*", "secret"));

        assertThat(servlet.calls.get()).isEqualTo(before);
        JsonNode event = assertBlockedAndLogged(response);
        assertThat(event.get("rule.id").asText()).isEqualTo("LDAP-FILTER-BREAKOUT");
        assertThat(event.get("bulwark.location").asText()).isEqualTo("header:authorization:basic-user");
        assertThat(event.get("bulwark.excerpt").asText()).isEqualTo("******");
    }

    @Test
    void blocksScriptTagInBasicPasswordWithoutLoggingThePassword() {
        HttpResponse<String> response = getWithAuthorization(basic("alice", "<script>alert(document.cookie)</script>"));

        JsonNode event = assertBlockedAndLogged(response);
        assertThat(event.get("bulwark.location").asText()).isEqualTo("header:authorization:basic-password");
        assertThat(event.get("bulwark.excerpt").asText()).isEqualTo("******");
        assertThat(SecurityLog.line(json(response.body()).get("incidentId").asText()))
                .doesNotContain("alert(", "document.cookie");
    }

    @Test
    void passesBasicPasswordsWithQuotesAndParentheses() {
        HttpResponse<String> response = getWithAuthorization(basic("o'brien", "' or '1'='1 )(x=*"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void blocksNoSqlOperatorInParameterName() {
        assertThat(get("/login?user=admin&password%5B%24ne%5D=x").statusCode()).isEqualTo(403);
    }

    @Test
    void blocksPercentEncodedNoSqlOperatorObjectInJsonValue() {
        HttpResponse<String> response = post("/login", "application/json",
                "{\"user\":\"admin\",\"password\":\"%7B%22%24ne%22%3Anull%7D\"}".getBytes(StandardCharsets.UTF_8));

        JsonNode event = assertBlockedAndLogged(response);
        assertThat(event.get("rule.category").asText()).isEqualTo("NOSQL");
    }

    @Test
    void blocksBccHeaderInjectedIntoAnAddressField() {
        HttpResponse<String> response = postForm("/contact", form("email", "victim@example.com\r\nBcc: list@attacker.example"));

        JsonNode event = assertBlockedAndLogged(response);
        assertThat(event.get("rule.id").asText()).isEqualTo("MAILCMD-HEADER-INJECTION");
    }

    @Test
    void blocksServerSideIncludeInUserAgent() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/"))
                .header("User-Agent", "<!--#exec cmd=\"id\"-->").GET());

        JsonNode event = assertBlockedAndLogged(response);
        assertThat(event.get("rule.id").asText()).isEqualTo("SSI-EXEC");
    }

    @Test
    void passesContactDetailsAndPastedMessageInForm() {
        HttpResponse<String> response = postForm("/contact", form("note", "anna.obrien@example.com\nPhone: 555-0100")
                + "&" + form("message", "From: John <john@example.com>\nTo: anna@example.com\nSubject: Re: order (see note)"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void blocksWildcardInBasicUserNameAndLogsItMasked() {
        int before = servlet.calls.get();

        HttpResponse<String> response = getWithAuthorization(basic("admin*", "secret"));

        assertThat(servlet.calls.get()).isEqualTo(before);
        JsonNode event = assertBlockedAndLogged(response);
        assertThat(event.get("rule.id").asText()).isEqualTo("LDAP-ACCOUNT-NAME");
        assertThat(event.get("bulwark.location").asText()).isEqualTo("header:authorization:basic-user");
        assertThat(event.get("bulwark.excerpt").asText()).isEqualTo("******");
    }

    @Test
    void passesDomainQualifiedBasicUserName() {
        assertThat(getWithAuthorization(basic("CORP\\jdoe", "secret")).statusCode()).isEqualTo(200);
    }

    @Test
    void blocksBccInjectedIntoSubjectField() {
        HttpResponse<String> response = postForm("/contact", form("subject", "Hello\r\nBcc: list@attacker.example")
                + "&" + form("message", "hi"));

        JsonNode event = assertBlockedAndLogged(response);
        assertThat(event.get("rule.id").asText()).isEqualTo("MAILCMD-HEADER-INJECTION");
    }

    @Test
    void blocksSendmailLogFileOptionAfterSenderAddress() {
        HttpResponse<String> response = postForm("/contact",
                form("from", "attacker\\\" -oQ/tmp/ -X/var/www/html/shell.php some\"@example.com"));

        JsonNode event = assertBlockedAndLogged(response);
        assertThat(event.get("rule.id").asText()).isEqualTo("MAILCMD-SENDMAIL-OPTION");
    }

    @Test
    void passesMultiLineMessageNextToSubject() {
        HttpResponse<String> response = postForm("/contact", form("subject", "Order 1234")
                + "&" + form("message", "-----Original Message-----\r\nFrom: Bob <bob@example.com>\r\nTo: support@example.com"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void blocksLog4jLookupWhoseColonWouldEndTheBasicUserAndLogsItMasked() {
        int before = servlet.calls.get();

        HttpResponse<String> response = getWithAuthorization(basic("${env:AWS_SECRET_ACCESS_KEY}", "Summer2024!"));

        assertThat(servlet.calls.get()).isEqualTo(before);
        JsonNode event = assertBlockedAndLogged(response);
        assertThat(event.get("rule.id").asText()).isEqualTo("JAVA-LOG4J-LOOKUP");
        assertThat(event.get("bulwark.location").asText()).isEqualTo("header:authorization:basic-user");
        assertThat(event.get("bulwark.excerpt").asText()).isEqualTo("******");
    }

    @Test
    void blocksBccHeaderInjectedThroughAnEncodedWord() {
        HttpResponse<String> response = postForm("/contact", form("subject", "=?utf-8?q?Hi=0D=0ABcc:x@evil.test?="));

        JsonNode event = assertBlockedAndLogged(response);
        assertThat(event.get("rule.id").asText()).isEqualTo("MAILCMD-HEADER-INJECTION");
    }

    @Test
    void blocksBccHeaderBehindCharactersWhoseLowByteIsALineBreak() {
        HttpResponse<String> response = postForm("/contact", form("subject", "Hi\u560a\u560dBcc:x@evil.test"));

        JsonNode event = assertBlockedAndLogged(response);
        assertThat(event.get("rule.id").asText()).isEqualTo("MAILCMD-HEADER-INJECTION");
    }

    @Test
    void passesEncodedWordsAndAccentedTextInAContactForm() {
        int before = servlet.calls.get();

        HttpResponse<String> response = postForm("/contact", form("subject", "Re: Invoice 42 =?utf-8?q?caf=C3=A9?=")
                + "&" + form("name", "Po\u010det \u00fa\u010dastn\u00edk\u016f: 5"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(servlet.calls.get()).isEqualTo(before + 1);
    }

    @Test
    void blocksBccHeaderAfterUnicodeLineSeparator() {
        HttpResponse<String> response = postForm("/contact", form("email", "a@example.com\u2028Bcc: x@evil.test"));

        JsonNode event = assertBlockedAndLogged(response);
        assertThat(event.get("rule.id").asText()).isEqualTo("MAILCMD-HEADER-INJECTION");
    }

    @Test
    void passesSsiDirectiveNamedInProseAndJsonSchemaComment() {
        int before = servlet.calls.get();

        HttpResponse<String> prose = postForm("/contact", form("message", "use <!--#include--> directives carefully"));
        HttpResponse<String> schema = post("/schemas", "application/json",
                "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"$comment\": \"v2\"}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(prose.statusCode()).isEqualTo(200);
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(servlet.calls.get()).isEqualTo(before + 2);
    }

    @Test
    void passesHostAndPortNamedInASearchSentence() {
        assertThat(get("/search?q=" + encoded("localhost:3000 not loading")).statusCode()).isEqualTo(200);
    }
}
