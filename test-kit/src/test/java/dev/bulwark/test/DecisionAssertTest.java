package dev.bulwark.test;

import static dev.bulwark.test.BulwarkAssertions.assertThat;
import static dev.bulwark.test.TestRequest.get;
import static dev.bulwark.test.TestRequest.post;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import org.junit.jupiter.api.Test;

class DecisionAssertTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static final BulwarkTester BULWARK = BulwarkTester.of("""
            deny-rules:
              log-only: [XSS]
            jwt:
              required: false
              issuers: [{issuer: https://idp.test, hmac-secret: %s}]
            routes:
              - when: {path: {prefix: /admin}}
                jwt: {required: true}
            """.formatted(SECRET));

    private final Decision allowed = BULWARK.evaluate(get("/pets?limit=5"));
    private final Decision sql = BULWARK.evaluate(get("/pets").query("tag", "1' OR '1'='1"));
    private final Decision xss = BULWARK.evaluate(post("/pets").json("{\"name\":\"<script>alert(1)</script>\"}"));
    private final Decision noToken = BULWARK.evaluate(get("/admin"));

    @Test
    void passesForWhatTheDecisionSays() {
        assertThat(allowed).isAllowed().hasNoFindings().hasStatus(200).isNotBlockedBy("SQL").hasNoFinding("SQL");
        assertThat(sql).isBlocked().isBlockedBy("SQL").isBlockedBy("sql-boolean").hasFinding("SQL-BOOLEAN")
                .hasStatus(403).hasBlockType(BlockType.DENY).isNotBlockedBy("XSS");
        assertThat(xss).isAllowed().isLoggedBy("XSS").isLoggedBy("XSS-SCRIPT-TAG").hasFinding("XSS").isNotBlockedBy("XSS");
        assertThat(noToken).isBlockedBy("JWT-MISSING").hasStatus(401).hasBlockType(BlockType.TOKEN);
        assertThat(sql).findings().extracting(Finding::ruleKey).containsOnly("SQL");
    }

    @Test
    void listsTheFindingsWhenARequestWasAllowedThatShouldNotBe() {
        assertThatThrownBy(() -> assertThat(xss).isBlockedBy("XSS"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting the request to be blocked by \"XSS\", but it was allowed.")
                .hasMessageContaining("XSS-SCRIPT-TAG (XSS) log-only at json:/name: ")
                .hasMessageContaining("[excerpt: <script");
        assertThatThrownBy(() -> assertThat(allowed).isBlocked())
                .hasMessageContaining("Expecting the request to be blocked, but it was allowed.")
                .hasMessageContaining("Findings: none");
    }

    @Test
    void namesTheRuleThatFiredWhenARequestWasBlockedThatShouldNotBe() {
        assertThatThrownBy(() -> assertThat(sql).isAllowed())
                .hasMessageContaining("Expecting the request to be allowed, but it was blocked with 403 (DENY, incident "
                        + sql.incidentId() + ").")
                .hasMessageContaining("SQL-BOOLEAN (SQL) block at query:tag");
        assertThatThrownBy(() -> assertThat(sql).isBlockedBy("XSS"))
                .hasMessageContaining("to be blocked by \"XSS\", but it was blocked with 403");
        assertThatThrownBy(() -> assertThat(sql).isNotBlockedBy("SQL"))
                .hasMessageContaining("Expecting the request not to be blocked by \"SQL\"");
    }

    @Test
    void tellsABlockFromALogOnlyFinding() {
        assertThatThrownBy(() -> assertThat(sql).isLoggedBy("SQL"))
                .hasMessageContaining("Expecting a log-only finding of \"SQL\", but there was none");
        assertThatThrownBy(() -> assertThat(xss).hasNoFindings())
                .hasMessageContaining("Expecting no findings, but the request was allowed.");
        assertThatThrownBy(() -> assertThat(xss).hasNoFinding("XSS-SCRIPT-TAG"))
                .hasMessageContaining("Expecting no finding of \"XSS-SCRIPT-TAG\"");
        assertThatThrownBy(() -> assertThat(allowed).hasFinding("SQL"))
                .hasMessageContaining("Expecting a finding of \"SQL\", but there was none (the request was allowed).");
    }

    @Test
    void reportsStatusBlockTypeViolationsAndAttributes() {
        assertThatThrownBy(() -> assertThat(noToken).hasStatus(403))
                .hasMessageContaining("Expecting status 403, but the request was blocked with 401 (TOKEN");
        assertThatThrownBy(() -> assertThat(noToken).hasBlockType(BlockType.DENY))
                .hasMessageContaining("Expecting a block of type DENY");
        assertThatThrownBy(() -> assertThat(sql).hasViolation("validation.request.body.schema.required"))
                .hasMessageContaining("Expecting a violation \"validation.request.body.schema.required\", but the violations were []");
        assertThatThrownBy(() -> assertThat(allowed).hasAttribute("bulwark.jwt.subject", "alice"))
                .hasMessageContaining("Expecting attribute bulwark.jwt.subject to be <alice>, but it was <null>");
    }

    @Test
    void showsTheVerifiedSubjectOfAToken() {
        String token = TestToken.builder().issuer("https://idp.test").subject("alice").signWithSecret(SECRET);

        assertThat(BULWARK.evaluate(get("/admin").bearer(token))).isAllowed().hasAttribute("bulwark.jwt.subject", "alice");
    }

    @Test
    void failsOnANullDecision() {
        assertThatThrownBy(() -> assertThat((Decision) null).isAllowed())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting actual not to be null");
    }
}
