package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Prose that opens with a command's name, through the real filter over real HTTP: a sentence, a
 * version banner or a capitalised name reaches the application unchanged, while the same name after
 * a separator, or with a command after the sentence, is refused and logged.
 */
class ShellProseOverHttpTest extends FilterContainerTest {

    private HttpResponse<String> postForm(String body) {
        return postForm("/params-first/notes", body);
    }

    @Test
    void passesSentencesOpeningWithCommandNamesUnchanged() {
        String chat = "whoami says root lol";
        String question = "ifconfig vs ip addr";
        String banner = "bash 5.2.15(1)-release";
        String product = "Bash & Co. party supplies";
        HttpResponse<String> response = postForm(form("chat", chat) + "&" + form("question", question)
                + "&" + form("banner", banner) + "&" + form("product", product));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode parameters = json(response.body()).get("parameters");
        assertThat(parameters.get("chat").get(0).asText()).isEqualTo(chat);
        assertThat(parameters.get("question").get(0).asText()).isEqualTo(question);
        assertThat(parameters.get("banner").get(0).asText()).isEqualTo(banner);
        assertThat(parameters.get("product").get(0).asText()).isEqualTo(product);
    }

    @Test
    void passesWindowsSearchQueriesUnchanged() {
        HttpResponse<String> response = get("/search?q=" + encoded("ipconfig release renew"));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void blocksSentenceLikeCommandAfterSeparator() {
        assertThat(assertBlockedAndLogged(postForm(form("chat", ";whoami the"))).get("rule.id").asText())
                .startsWith("UNIXCMD-");
    }

    @Test
    void blocksCommandAfterSentenceThatOpensWithCommandName() {
        assertThat(assertBlockedAndLogged(get("/search?q=" + encoded("whoami the; id"))).get("rule.id").asText())
                .isEqualTo("UNIXCMD-COMMAND");
    }
}
