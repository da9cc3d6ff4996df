package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Command and template injection that used to pass the default level, through the real filter over
 * real HTTP: the request is refused with problem+json naming no rule, and the security log names it.
 * Benign values that look alike reach the application unchanged.
 */
class CommandAndTemplateInjectionOverHttpTest extends FilterContainerTest {

    /** A form post to a path whose servlet reads the parameters and echoes them back. */
    private HttpResponse<String> postForm(String body) {
        return postForm("/params-first/ping", body);
    }

    private void assertBlockedAndLoggedAs(HttpResponse<String> response, String ruleId) {
        assertThat(assertBlockedAndLogged(response, ruleId).get("rule.id").asText()).isEqualTo(ruleId);
    }

    @Test
    void blocksSleepAfterSemicolonInFormField() {
        assertBlockedAndLoggedAs(postForm(form("host", "127.0.0.1;sleep 5")), "UNIXCMD-COMMAND");
    }

    @Test
    void blocksCommandOnLineAfterAddress() {
        assertBlockedAndLoggedAs(postForm(form("host", "127.0.0.1\nsleep 5")), "UNIXCMD-COMMAND");
    }

    @Test
    void blocksCommandOnLineAfterAddressWithCrlfLineBreakInQuery() {
        assertBlockedAndLoggedAs(get("/ping?host=127.0.0.1%0D%0Asleep%205"), "UNIXCMD-COMMAND");
    }

    @Test
    void blocksCommandAfterSpacedSemicolonFollowingAddressInFormField() {
        assertBlockedAndLoggedAs(postForm(form("host", "127.0.0.1 ; sleep 5")), "UNIXCMD-COMMAND");
    }

    @Test
    void blocksCommandAfterAddressThatClosesItsQuoteInJson() {
        HttpResponse<String> response = post("/ping", "application/json",
                "{\"host\":\"1' ; sleep 5 #\"}".getBytes(StandardCharsets.UTF_8));

        assertBlockedAndLoggedAs(response, "UNIXCMD-COMMAND");
    }

    @Test
    void blocksCommandNamedThroughRelativeBinDirectoryInQuery() {
        assertBlockedAndLoggedAs(get("/files?path=" + encoded("|usr/bin/id")), "UNIXCMD-COMMAND");
    }

    @Test
    void blocksCommandGluedToLeadingAmpersandInJson() {
        HttpResponse<String> response = post("/ping", "application/json",
                "{\"host\":\"&id&\"}".getBytes(StandardCharsets.UTF_8));

        assertBlockedAndLoggedAs(response, "UNIXCMD-COMMAND");
    }

    @Test
    void blocksPsWithDashlessOptionsAfterSemicolonInQuery() {
        assertBlockedAndLoggedAs(get("/ping?host=" + encoded("a;ps aux")), "UNIXCMD-COMMAND");
    }

    @Test
    void blocksAwkProgramAfterSemicolonInFormField() {
        assertBlockedAndLoggedAs(postForm(form("host", "x; awk 'BEGIN {system(\"id\")}'")), "UNIXCMD-COMMAND");
    }

    @Test
    void blocksCommandPrintedFromEscapesInsideSubstitutionInJson() {
        HttpResponse<String> response = post("/ping", "application/json",
                "{\"host\":\"$(printf '\\\\151\\\\144')\"}".getBytes(StandardCharsets.UTF_8));

        assertBlockedAndLoggedAs(response, "UNIXCMD-COMMAND");
    }

    @Test
    void blocksDroppedScriptRunAfterSemicolonInQuery() {
        assertBlockedAndLoggedAs(get("/ping?host=" + encoded("x;./x.sh")), "UNIXCMD-COMMAND");
    }

    @Test
    void blocksScriptSourcedWithDotAfterSemicolonInFormField() {
        assertBlockedAndLoggedAs(postForm(form("host", "x;. /tmp/x.sh")), "UNIXCMD-COMMAND");
    }

    @Test
    void passesDeliveryNoteWithParenthesesAndFullStopsUnchanged() {
        String note = "Gift wrap, no invoice inside (it's a present). Please leave it at the neighbour's door. Second"
                + " floor, ring twice; the bell's broken. Gift wrap, no invoice inside (it's a present). Call before delivery";
        HttpResponse<String> response = postForm(form("note", note));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).get("parameters").get("note").get(0).asText()).isEqualTo(note);
    }

    @Test
    void passesShortAnswersAfterNumbersUnchanged() {
        String answer = "2; yes";
        String time = "10:30; date";
        HttpResponse<String> response = postForm(form("answer", answer) + "&" + form("time", time));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode parameters = json(response.body()).get("parameters");
        assertThat(parameters.get("answer").get(0).asText()).isEqualTo(answer);
        assertThat(parameters.get("time").get(0).asText()).isEqualTo(time);
    }

    @Test
    void passesPathListsPackageFilesAndPrintOnlyAwkUnchanged() {
        String paths = "/var/log;/tmp/app";
        String file = "usr/bin/python3.11";
        String answer = "awk '{print $1}' access.log";
        HttpResponse<String> response = postForm(form("paths", paths) + "&" + form("file", file) + "&"
                + form("answer", answer));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode parameters = json(response.body()).get("parameters");
        assertThat(parameters.get("paths").get(0).asText()).isEqualTo(paths);
        assertThat(parameters.get("file").get(0).asText()).isEqualTo(file);
        assertThat(parameters.get("answer").get(0).asText()).isEqualTo(answer);
    }

    @Test
    void blocksArithmeticExpansionInQuery() {
        assertBlockedAndLoggedAs(get("/calc?x=" + encoded("$((7))z")),
                "UNIXCMD-EXPANSION");
    }

    @Test
    void blocksDriveListingInQuery() {
        assertBlockedAndLoggedAs(get("/files?path=dir%20d:"), "WINCMD-COMMAND");
    }

    @Test
    void blocksProgramStartedAfterAmpersandInFormField() {
        assertBlockedAndLoggedAs(postForm(form("host", "127.0.0.1 & start calc.exe")), "WINCMD-COMMAND");
    }

    @Test
    void blocksWindowsCommandAfterSingleQuoteInFormField() {
        assertBlockedAndLoggedAs(postForm(form("host", "'&net user hacker P@ss /add&'")), "WINCMD-COMMAND");
    }

    @Test
    void blocksBareWindowsCommandBetweenAmpersandsInQuery() {
        assertBlockedAndLoggedAs(get("/files?path=" + encoded("&ver&")), "WINCMD-COMMAND");
    }

    @Test
    void blocksBareWindowsCommandAppendedAfterPipeInQuery() {
        assertBlockedAndLoggedAs(get("/files?path=" + encoded("| ver")), "WINCMD-COMMAND");
    }

    @Test
    void blocksBatchConditionWithGluedSwitchInQuery() {
        assertBlockedAndLoggedAs(get("/files?path=" + encoded("if/i a==b foo")), "WINCMD-BATCH");
    }

    @Test
    void blocksShellHandedCommandStringWithCapitalisedName() {
        assertBlockedAndLoggedAs(get("/files?path=" + encoded("'TiMe Sh -c whoami")), "UNIXCMD-COMMAND");
    }

    @Test
    void blocksSqliteShellDotCommandAfterStatementInQuery() {
        assertBlockedAndLoggedAs(get("/search?s=" + encoded("1;.sh whoami")), "UNIXCMD-SQLITE-DOT-COMMAND");
    }

    @Test
    void blocksSqliteImportOnNextLineInFormField() {
        assertBlockedAndLoggedAs(postForm(form("code", "1;\n.import /etc/passwd users")), "UNIXCMD-SQLITE-DOT-COMMAND");
    }

    @Test
    void blocksSpelEnvironmentBeanInJson() {
        HttpResponse<String> response = post("/profile", "application/json",
                "{\"name\":\"#{@systemEnvironment['AWS_SECRET_ACCESS_KEY']}\"}".getBytes(StandardCharsets.UTF_8));

        assertBlockedAndLoggedAs(response, "TEMPLATE-SENSITIVE-OBJECT");
    }

    @Test
    void blocksTwigNameSplitByConcatenation() {
        assertBlockedAndLoggedAs(postForm(form("q", "{{\"\"[\"__cla\"~\"ss__\"]}}")), "TEMPLATE-SENSITIVE-OBJECT");
    }

    @Test
    void passesProseTablesAndNamesUnchanged() {
        String note = "Tom & Jerry; sleep 5 hours\n| id | name |\n|----|------|\n| 1 | O'Brien |\n.tables td { padding: 0 }";
        HttpResponse<String> response = postForm(form("note", note) + "&" + form("file", "report.final.pdf"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode parameters = json(response.body()).get("parameters");
        assertThat(parameters.get("note").get(0).asText()).isEqualTo(note);
        assertThat(parameters.get("file").get(0).asText()).isEqualTo("report.final.pdf");
    }

    @Test
    void passesCodeSpansShellSettingsAndQuotedStatementWordsUnchanged() {
        String comment = "Run `npm install` first, then `npm test`.";
        String path = "set ${HOME}/bin on your PATH";
        String print = "'print' the doc (page 2)";
        HttpResponse<String> response = postForm(form("comment", comment) + "&" + form("path", path)
                + "&" + form("print", print));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode parameters = json(response.body()).get("parameters");
        assertThat(parameters.get("comment").get(0).asText()).isEqualTo(comment);
        assertThat(parameters.get("path").get(0).asText()).isEqualTo(path);
        assertThat(parameters.get("print").get(0).asText()).isEqualTo(print);
    }

    @Test
    void passesLoginShellInJson() {
        HttpResponse<String> response = post("/params-first/users", "application/json",
                "{\"home\": \"/home/anna\", \"shell\": \"/bin/zsh\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void blocksBacktickSubstitutionsGluedTogetherInFormField() {
        assertBlockedAndLoggedAs(postForm(form("var", "`cut crs312``dig 34test`")), "UNIXCMD-COMMAND");
    }

    @Test
    void blocksRazorCallIntoSystemDiagnostics() {
        assertBlockedAndLoggedAs(postForm(form("name", "@System.Diagnostics.Process.Start(\"cmd.exe\",\"/c whoami\")")),
                "TEMPLATE-EXPRESSION");
    }

    @Test
    void passesEmailTemplateWithControlFlow() {
        HttpResponse<String> response = post("/params-first/templates", "application/json",
                "{\"body\":\"Dear {{ name }},{% if order %} your order {{ order }} shipped{% endif %}\"}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void blocksCommandInTheQueryOfTheRefererUrl() {
        int before = servlet.calls.get();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/products"))
                .header("Referer", "https://example.com/?args=env --version").GET());

        assertThat(servlet.calls.get()).isEqualTo(before);
        JsonNode event = assertBlockedAndLogged(response, "--version");
        assertThat(event.get("rule.id").asText()).isEqualTo("UNIXCMD-COMMAND");
        assertThat(event.get("bulwark.location").asText()).isEqualTo("header:referer");
    }

    @Test
    void blocksPercentEncodedCommandInTheQueryOfTheRefererUrl() {
        int before = servlet.calls.get();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/products"))
                .header("Referer", "https://shop.example/list?page=2&filter=ls%20-la%20%2Fetc").GET());

        assertThat(servlet.calls.get()).isEqualTo(before);
        JsonNode event = assertBlockedAndLogged(response, "-la");
        assertThat(event.get("rule.id").asText()).startsWith("UNIXCMD-");
        assertThat(event.get("bulwark.location").asText()).isEqualTo("header:referer");
    }

    @Test
    void passesSearchEngineRefererWithCommandWordsInItsQuery() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/products"))
                .header("Referer", "https://www.google.com/search?q=cat+food+delivery&oq=cat&ie=UTF-8").GET());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void blocksSmartyBlockWhoseConditionCallsSystem() {
        assertBlockedAndLoggedAs(postForm(form("comment", "{if system('id')}{/if}")), "TEMPLATE-CODE-EXECUTION");
    }

    @Test
    void passesSmartyBlockOnAVariable() {
        assertThat(postForm(form("comment", "{if $logged_in}Welcome back{/if}")).statusCode()).isEqualTo(200);
    }

    @Test
    void blocksJspDirectiveImportingClasses() {
        assertBlockedAndLoggedAs(postForm(form("comment", "<%@ page import=\"java.io.*\" %>")), "TEMPLATE-STATEMENT");
    }
}
