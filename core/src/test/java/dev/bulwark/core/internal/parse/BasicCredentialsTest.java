package dev.bulwark.core.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Masking;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.config.BulwarkConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BasicCredentialsTest {

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static List<RequestValue> valuesOf(String headerValue) {
        List<RequestValue> values = new ArrayList<>();
        BasicCredentials.addTo(headerValue, values);
        return values;
    }

    private static Decision evaluate(String authorization) {
        return Bulwark.create(BulwarkConfig.defaults()).evaluate(HttpRequest.builder("GET", "/account")
                .header("Authorization", authorization).remoteAddress("127.0.0.1").build());
    }

    @Test
    void splitsUserAndPasswordAtTheFirstColon() {
        assertThat(valuesOf(basic("alice:pa:ss"))).containsExactly(
                RequestValue.plain(BasicCredentials.USER, "alice"), RequestValue.plain(BasicCredentials.PASSWORD, "pa:ss"));
    }

    @Test
    void keepsALookupWhoseColonWouldEndTheUserInTheUser() {
        assertThat(valuesOf(basic("${env:AWS_SECRET_ACCESS_KEY}:Summer2024!"))).containsExactly(
                RequestValue.plain(BasicCredentials.USER, "${env:AWS_SECRET_ACCESS_KEY}"),
                RequestValue.plain(BasicCredentials.PASSWORD, "Summer2024!"));
    }

    @Test
    void splitsAtTheFirstColonWhenALookupStaysOpen() {
        assertThat(valuesOf(basic("${env:x:pw"))).containsExactly(
                RequestValue.plain(BasicCredentials.USER, "${env"), RequestValue.plain(BasicCredentials.PASSWORD, "x:pw"));
    }

    @Test
    void leavesALookupInThePasswordToThePassword() {
        assertThat(valuesOf(basic("alice:${x:y}"))).containsExactly(
                RequestValue.plain(BasicCredentials.USER, "alice"), RequestValue.plain(BasicCredentials.PASSWORD, "${x:y}"));
    }

    @Test
    void blocksLog4jLookupSpanningTheColonOfTheUserName() {
        Decision decision = evaluate(basic("${env:AWS_SECRET_ACCESS_KEY}:Summer2024!"));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.findings().get(0).ruleId()).isEqualTo("JAVA-LOG4J-LOOKUP");
        assertThat(decision.findings().get(0).location()).isEqualTo(BasicCredentials.USER);
    }

    @Test
    void readsTheSchemeInAnyCase() {
        assertThat(valuesOf("  bAsIc " + basic("bob:x").substring(6) + " ")).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc.def.ghi", "Basic", "Basic !!!not-base64!!!", "Digest username=\"a\"", "Basic "})
    void addsNothingForOtherSchemesOrInvalidBase64(String headerValue) {
        assertThat(valuesOf(headerValue)).isEmpty();
    }

    @Test
    void blocksLdapBreakoutInTheUserName() {
        Decision decision = evaluate(basic("*)(uid=*))(|(uid=*:secret"));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.findings().get(0).ruleId()).isEqualTo("LDAP-FILTER-BREAKOUT");
        assertThat(decision.findings().get(0).location()).isEqualTo(BasicCredentials.USER);
        assertThat(decision.findings().get(0).excerpt()).isEqualTo(Masking.MASK);
    }

    @Test
    void blocksSqlTautologyInTheUserName() {
        assertThat(evaluate(basic("admin' OR '1'='1:x")).blocked()).isTrue();
    }

    @Test
    void blocksHardAttackShapesInThePassword() {
        Decision decision = evaluate(basic("alice:<script>alert(document.cookie)</script>"));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.findings().get(0).location()).isEqualTo(BasicCredentials.PASSWORD);
        assertThat(decision.findings().get(0).excerpt()).isEqualTo(Masking.MASK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"' OR '1'='1", "x)(uid=*", "p@ss;word|&", "<b>strong</b>", "$ne: 1", "a\\r\\nBcc: x@y.example"})
    void passesPasswordsThatOnlyLookLikeSofterAttackShapes(String password) {
        assertThat(evaluate(basic("alice:" + password)).allowed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"o'brien:s3cr3t!", "bob.smith:P@ssw0rd(1)", "user@example.com:hunter2", "svc-deploy:a:b:c"})
    void passesOrdinaryCredentials(String credentials) {
        assertThat(evaluate(basic(credentials)).allowed()).isTrue();
    }
}
