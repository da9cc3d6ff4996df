package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * SQL injection spellings that the shapes once missed, over real HTTP at the default level: each
 * is refused with a problem document that names no rule, and the security log names the rule.
 */
class SqlInjectionOverHttpTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                limits: {body-size: 4KiB}
                deny-rules: {level: standard}
                """);
    }

    /** Asserts a bare refusal, then that the security log names {@code ruleId} (when the build keeps a log file). */
    private void refusedAndLoggedAs(HttpResponse<String> response, String ruleId) {
        JsonNode event = assertBlockedAndLogged(response, "SQL");
        assertThat(event.get("event.action").asText()).isEqualTo("blocked");
        assertThat(event.get("bulwark.findings")).extracting(f -> f.get("rule.id").asText()).contains(ruleId);
    }

    @Test
    void blocksMySqlEightUnionTableInQueryParameter() {
        refusedAndLoggedAs(get("/orders?id=" + encoded("1 union table users")), "SQL-UNION-AFTER-BREAK");
    }

    @Test
    void blocksUnionValuesRowInQueryParameter() {
        refusedAndLoggedAs(get("/orders?id=" + encoded("1' union all values row(1,'a')-- -")), "SQL-UNION-AFTER-BREAK");
    }

    @Test
    void blocksSelfComparisonInFormField() {
        refusedAndLoggedAs(postForm("/orders", "id=" + encoded("1 OR `id`=`id`")), "SQL-BOOLEAN");
    }

    @Test
    void blocksStatementGluedBehindAngleBracketInFormField() {
        refusedAndLoggedAs(postForm("/orders", "note=" + encoded(">SET @OLD_SQL_NOTES")), "SQL-STACKED");
    }

    @Test
    void blocksOrBeforeNumberOpenedInDoubleQuotesInQueryParameter() {
        refusedAndLoggedAs(get("/orders?id=" + encoded("x\" or \"1")), "SQL-BOOLEAN");
    }

    @Test
    void passesStatementWordQuotedInProseUnchanged() {
        String note = "'print' the doc (page 2), then \"yes\" or \"no";
        HttpResponse<String> response = get("/search?note=" + encoded(note));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).get("parameters").get("note").get(0).asText()).isEqualTo(note);
    }

    @Test
    void blocksOdbcEscapeInFormField() {
        refusedAndLoggedAs(postForm("/orders", "id=" + encoded("1 or {fn now()}")), "SQL-BOOLEAN");
    }

    @Test
    void blocksUnicodeEscapedQuoteInJsonCarriedByQueryParameter() {
        refusedAndLoggedAs(get("/search?filter=" + encoded("{\"name\":\"x\\u0027 or name like name--\"}")),
                "SQL-TAUTOLOGY-COMMENT");
    }

    @Test
    void blocksPlusSpacedWaitforInJsonBody() {
        HttpResponse<String> response = post("/search", "application/json",
                "{\"q\":\"1';WAITFOR+DELAY+'0:0:5'--\"}".getBytes(StandardCharsets.UTF_8));

        refusedAndLoggedAs(response, "SQL-TIME-AFTER-BREAK");
    }

    @Test
    void blocksKeywordSplitByInlineCommentInQueryParameter() {
        refusedAndLoggedAs(get("/orders?id=" + encoded("DR/**/OP TABLE audit_log")), "SQL-SPLIT-KEYWORD");
    }

    @Test
    void blocksTautologyWhoseQuoteTheFormParserPutInTheFieldName() {
        refusedAndLoggedAs(postForm("/orders", "'admin', '1'='1'"), "SQL-TAUTOLOGY");
    }

    @Test
    void blocksPercentEncodedWaitforInXmlAttribute() {
        HttpResponse<String> response = post("/search", "application/xml",
                "<?xml version=\"1.0\"?><root><a probe=\"%22+WAITFOR+DELAY+%27%0A\"></a></root>"
                        .getBytes(StandardCharsets.UTF_8));

        refusedAndLoggedAs(response, "SQL-TIME-AFTER-BREAK");
    }

    @Test
    void blocksStatementOpeningAFullyEncodedFormBody() {
        refusedAndLoggedAs(postForm("/orders", "pay%3D%3Bupdate+users"), "SQL-STACKED");
    }

    @Test
    void blocksSqlAfterCommentEndThatAnotherParameterOpened() {
        refusedAndLoggedAs(postForm("/orders", "sort=" + encoded("SeLect*/ 1,2,3,user(\n")), "SQL-STATEMENT");
    }

    @Test
    void blocksTautologyEncodedThreeTimesInQueryParameter() {
        refusedAndLoggedAs(get("/orders?id=%252527%252520or%2525201%25253D1--"), "SQL-TAUTOLOGY-COMMENT");
    }

    @Test
    void blocksHtmlEncodedQuoteInFormField() {
        refusedAndLoggedAs(postForm("/orders", "id=" + encoded("&#39; or 1=1--")), "SQL-TAUTOLOGY-COMMENT");
    }

    @Test
    void blocksMixedQuoteProbeInQueryParameter() {
        refusedAndLoggedAs(get("/orders?id=" + encoded("1'\"")), "SQL-PROBE");
    }

    @Test
    void blocksConditionCutOffByBareCommentInFormField() {
        refusedAndLoggedAs(postForm("/orders", "test=" + encoded("1='1' or-- -")), "SQL-TRAILING-COMMENT");
    }

    @Test
    void blocksPrintOfServerVariableAfterStackedBreakInQueryParameter() {
        refusedAndLoggedAs(get("/orders?id=" + encoded("'; print @@version--")), "SQL-STACKED");
    }

    @Test
    void blocksPostgresPrivilegeFunctionInFormField() {
        refusedAndLoggedAs(postForm("/orders", "q=" + encoded("has_database_privilege(current_user, 'db', 'CREATE')")),
                "SQL-FUNCTION");
    }

    @Test
    void passesSemicolonPrintAndUseInProseUnchanged() {
        String note = "O'Brien; use caution. Meet at 5; print this page";
        HttpResponse<String> response = get("/search?note=" + encoded(note));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).get("parameters").get("note").get(0).asText()).isEqualTo(note);
    }

    @Test
    void passesFormFieldWithApostropheInNameUnchanged() {
        HttpResponse<String> response = postForm("/params-first/orders", "customer's+choice=yes&note=" + encoded("100%25 cotton"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode parameters = json(response.body()).get("parameters");
        assertThat(parameters.get("customer's choice").get(0).asText()).isEqualTo("yes");
        assertThat(parameters.get("note").get(0).asText()).isEqualTo("100%25 cotton");
    }

    @Test
    void passesLookalikesUnchanged() {
        String filter = "{\"name\":\"O\\u0027Brien\",\"file\":\"report.final.pdf\"}";
        HttpResponse<String> response = get("/search?filter=" + encoded(filter) + "&name=" + encoded("Anna O'Brien")
                + "&note=" + encoded("European union table tennis, option 1 or option 2, (a) or (b)")
                + "&token=" + encoded("aGVsbG8+d29ybGQ+Zm9v/YmFy=="));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode parameters = json(response.body()).get("parameters");
        assertThat(parameters.get("filter").get(0).asText()).isEqualTo(filter);
        assertThat(parameters.get("token").get(0).asText()).isEqualTo("aGVsbG8+d29ybGQ+Zm9v/YmFy==");
    }

    @Test
    void blocksProductOfNumbersAfterQuotesInCookie() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/orders"))
                .header("Cookie", "id=" + encoded("\"` * 12344")).GET());

        refusedAndLoggedAs(response, "SQL-PROBE");
    }

    @Test
    void blocksOperatorCutOffByCommentAfterQuoteInFormField() {
        refusedAndLoggedAs(postForm("/orders", "var=" + encoded("' ? # = #")), "SQL-PROBE");
    }

    @Test
    void blocksComparisonClosingParenthesisBeforeAndInHeader() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/orders")).header("X-Filter", "` < 0) AND `").GET());

        refusedAndLoggedAs(response, "SQL-BOOLEAN");
    }

    @Test
    void blocksLogicOperatorOpeningComparisonInEncodedFormName() {
        refusedAndLoggedAs(postForm("/orders", "pay%3D%7C%7C%28c%3D%3D%3D"), "SQL-BOOLEAN");
    }

    @Test
    void blocksOrderByInShuffledCaseInJsonBody() {
        HttpResponse<String> response = post("/search", "application/json",
                "{\"sort\":\"ordeR by\"}".getBytes(StandardCharsets.UTF_8));

        refusedAndLoggedAs(response, "SQL-CLAUSE");
    }

    @Test
    void blocksNegatedStringClosedByApplicationInQueryParameter() {
        refusedAndLoggedAs(get("/orders?id=" + encoded("1\"OR!\"a")), "SQL-BOOLEAN");
    }

    @Test
    void passesSearchesWithQuotesMinusAndSortWordsUnchanged() {
        String search = "\"PINK ROSES\" OR -\"DRESS";
        HttpResponse<String> response = get("/search?q=" + encoded(search) + "&sort=" + encoded("Order by")
                + "&season=" + encoded("'16/17"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode parameters = json(response.body()).get("parameters");
        assertThat(parameters.get("q").get(0).asText()).isEqualTo(search);
        assertThat(parameters.get("season").get(0).asText()).isEqualTo("'16/17");
    }

    @Test
    void passesProseAndCodeShapedLikeShortProbesUnchanged() {
        String size = "(size 10\" < 12) or larger";
        String question = "'? # of rows";
        String reply = "'or 3 weeks";
        String code = "||(a == b)";
        HttpResponse<String> response = get("/search?size=" + encoded(size) + "&question=" + encoded(question)
                + "&reply=" + encoded(reply) + "&code=" + encoded(code) + "&sort=" + encoded("oRDER BY"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode parameters = json(response.body()).get("parameters");
        assertThat(parameters.get("size").get(0).asText()).isEqualTo(size);
        assertThat(parameters.get("question").get(0).asText()).isEqualTo(question);
        assertThat(parameters.get("reply").get(0).asText()).isEqualTo(reply);
        assertThat(parameters.get("code").get(0).asText()).isEqualTo(code);
        assertThat(parameters.get("sort").get(0).asText()).isEqualTo("oRDER BY");
    }

    @Test
    void blocksOrAndNumberAfterLoneQuoteInQueryParameter() {
        refusedAndLoggedAs(get("/orders?var=" + encoded("' or homer 9")), "SQL-KEYWORD-AFTER-QUOTE");
    }

    @Test
    void blocksTokenStackedAfterQuoteAndCutOffInFormField() {
        refusedAndLoggedAs(postForm("/orders", "q=%27%3b%40%40%23%2d%2d"), "SQL-COMMENT-TRUNCATION");
    }

    @Test
    void blocksJsonMemberProbeInJsonBody() {
        HttpResponse<String> response = post("/search", "application/json",
                "{\"note\":\"\\\":[\\\"00\"}".getBytes(StandardCharsets.UTF_8));

        refusedAndLoggedAs(response, "SQL-PROBE");
    }

    @Test
    void refusesJsonKeywordsSplitByUnpairedSurrogateEscapesAsMalformed() {
        // An application that drops what it cannot encode reads UNION SELECT here.
        int before = servlet.calls.get();

        HttpResponse<String> response = post("/search", "application/json",
                "{\"q\":\"1 UN\\ud800ION SEL\\udc00ECT password FROM users\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response.body()).get("incidentId").asText()).hasSize(16);
        assertThat(response.body()).doesNotContain("surrogate", "json.unpaired");
        assertThat(servlet.calls.get()).isEqualTo(before);
    }
}
