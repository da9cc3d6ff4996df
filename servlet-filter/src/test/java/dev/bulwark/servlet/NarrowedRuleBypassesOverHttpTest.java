package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values that the narrowing of PATH-SENSITIVE-FILE, the NoSQL update rules and
 * CODE-JS-FUNCTION-LITERAL for shared files, MongoDB prose and code shown in forms must still
 * refuse, through the real filter over real HTTP: each is refused with a bare problem document and
 * logged with the rule that fired, while the benign forms those rules were narrowed for still pass.
 */
class NarrowedRuleBypassesOverHttpTest extends FilterContainerTest {

    private String blockedRule(String value) {
        return assertBlockedAndLogged(postForm("/notes", form("text", value))).get("rule.id").asText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd$IFS.pub", ".git/hooks/pre-commit.sample", "WEB-INF/classes/app.properties.template"})
    void blocksSensitivePathDisguisedAsSharedFile(String value) {
        assertThat(blockedRule(value)).startsWith("PATH-");
    }

    @Test
    void blocksSensitivePathCutOffByEncodedNulFromSharedSuffixInJson() {
        byte[] body = "{\"path\":\"/etc/passwd%00x.pub\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(assertBlockedAndLogged(post("/files", "application/json", body)).get("rule.id").asText())
                .isEqualTo("PATH-SENSITIVE-FILE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.users.updateMany({}, {$set:{role:\"admin\"}})", "db.users.insertOne({name:\"x\",role:\"admin\"})",
        "db.users.find().forEach(u=>db.users.deleteOne(u))"})
    void blocksMongoDbShellCallThatWrites(String value) {
        assertThat(blockedRule(value)).isEqualTo("NOSQL-JS-INJECTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"$set\":{\"role\":\"admin\"}}", "{\"$push\":{\"roles\":\"admin\"}}", "{\"$unset\":{\"mfa\":\"\"}}",
        "{\"$inc\":{\"balance\":1e9}}"})
    void blocksUpdateDocumentAsWholeValue(String value) {
        assertThat(blockedRule(value)).isEqualTo("NOSQL-OPERATOR-IN-VALUE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(function x(){return 1})()", "!function x(){return 1}()", "setTimeout(function x(){go()},1)",
        "console.log(1,2)"})
    void blocksNamedFunctionExpressionAndConsoleProbe(String value) {
        assertThat(blockedRule(value)).isEqualTo("CODE-JS-FUNCTION-LITERAL");
    }

    @Test
    void passesSharedFileNamesUnchanged() {
        assertThat(postForm("/notes", form("key", "~/.ssh/id_rsa.pub") + "&" + form("env", ".env.example"))
                .statusCode()).isEqualTo(200);
    }
}
