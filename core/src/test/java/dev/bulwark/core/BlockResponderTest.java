package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BlockResponse;
import dev.bulwark.core.config.BlockResponses;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockResponderTest {

    private static final BlockResponse HTML = new BlockResponse(Set.of(), null, "text/html", "<p>{{incidentId}}</p>");
    private static final BlockResponse TEXT = new BlockResponse(Set.of(), null, "text/plain", "blocked {{incidentId}}");
    private static final BlockResponse JSON = new BlockResponse(Set.of(), null, "application/json", "{\"id\":\"{{incidentId}}\"}");
    private static final BlockResponse PROBLEM = new BlockResponse(Set.of(), 451, "application/problem+json", "{}");
    private static final BlockResponse STATUS = new BlockResponse(Set.of(), 404, null, null);

    @Test
    void choosesTheVariantABrowserPrefers() {
        assertThat(BlockResponder.choose(List.of(HTML),
                "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8")).isSameAs(HTML);
    }

    @Test
    void choosesTheProblemDocumentWithoutPreference() {
        assertThat(BlockResponder.choose(List.of(HTML, TEXT), null)).isNull();
        assertThat(BlockResponder.choose(List.of(HTML, TEXT), "*/*")).isNull();
        assertThat(BlockResponder.choose(List.of(HTML, TEXT), "")).isNull();
        assertThat(BlockResponder.choose(List.of(HTML, TEXT), "garbage")).isNull();
    }

    @Test
    void choosesTheProblemDocumentForJsonClients() {
        assertThat(BlockResponder.choose(List.of(HTML), "application/json")).isNull();
        assertThat(BlockResponder.choose(List.of(HTML), "application/*")).isNull();
    }

    @Test
    void choosesAConfiguredJsonBodyOverTheProblemDocumentForJsonClients() {
        assertThat(BlockResponder.choose(List.of(JSON), "application/json")).isSameAs(JSON);
    }

    @Test
    void choosesTheMostSpecificRange() {
        assertThat(BlockResponder.choose(List.of(HTML, TEXT), "text/*, text/plain")).isSameAs(TEXT);
        assertThat(BlockResponder.choose(List.of(HTML, TEXT), "text/*")).isSameAs(HTML);
    }

    @Test
    void skipsVariantsTheClientRefuses() {
        assertThat(BlockResponder.choose(List.of(HTML), "text/html;q=0, */*")).isNull();
        assertThat(BlockResponder.choose(List.of(HTML), "image/png")).isNull();
    }

    @Test
    void aConfiguredProblemDocumentReplacesTheBuiltInOne() {
        assertThat(BlockResponder.choose(List.of(HTML, PROBLEM), "*/*")).isSameAs(PROBLEM);
        assertThat(BlockResponder.choose(List.of(PROBLEM), null)).isSameAs(PROBLEM);
        assertThat(BlockResponder.choose(List.of(HTML, PROBLEM), "text/html")).isSameAs(HTML);
    }

    @Test
    void ignoresStatusOnlyEntriesWhenChoosingABody() {
        assertThat(BlockResponder.choose(List.of(STATUS), "text/html")).isNull();
    }

    @Test
    void escapesPlaceholdersForTheContentType() {
        assertThat(BlockResponder.render("<p>{{incidentId}}</p>", "text/html", "<b>&\"'", 403))
                .isEqualTo("<p>&lt;b&gt;&amp;&quot;&#39;</p>");
        assertThat(BlockResponder.render("{\"id\":\"{{incidentId}}\",\"s\":{{status}}}", "application/json", "a\"b\\<", 403))
                .isEqualTo("{\"id\":\"a\\\"b\\\\\\u003c\",\"s\":403}");
        assertThat(BlockResponder.render("id {{incidentId}}", "text/plain", "ABC", 404)).isEqualTo("id ABC");
    }

    @Test
    void repliesWithTheProblemDocumentWhenNothingIsConfigured() {
        BlockReply reply = new BlockResponder(BlockResponses.none()).reply(blocked(Map.of()), List.of("text/html"));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(reply.headers()).containsExactly(Map.entry("Cache-Control", "no-store"),
                Map.entry("X-Content-Type-Options", "nosniff"));
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("\"incidentId\":\"ABC\"");
    }

    @Test
    void joinsAcceptFieldValuesAndVariesOnAccept() {
        BlockResponder responder = new BlockResponder(new BlockResponses(List.of(HTML, TEXT)));

        BlockReply reply = responder.reply(blocked(Map.of()), List.of("image/png", "text/plain"));

        assertThat(reply.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(reply.headers()).containsEntry("Vary", "Accept");
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("blocked ABC");
    }

    @Test
    void dropsCheckHeadersThatSplitOrReplaceTheReplysOwn() {
        Map<String, String> asked = Map.of("WWW-Authenticate", "Bearer", "X-Bad", "a\r\nSet-Cookie: x",
                "cache-control", "public", "Content-Type", "text/html");

        BlockReply reply = new BlockResponder(BlockResponses.none()).reply(blocked(asked), List.of());

        assertThat(reply.headers()).containsOnlyKeys("WWW-Authenticate", "Cache-Control", "X-Content-Type-Options");
        assertThat(reply.headers()).containsEntry("Cache-Control", "no-store");
    }

    private static Decision blocked(Map<String, String> responseHeaders) {
        Finding finding = Finding.blocking("test", "T-1", "test", Location.REQUEST, BlockType.DENY, 403);
        return Decision.of(List.of(finding), "ABC", Map.of(),
                new HeaderChanges(Set.of(), Map.of(), responseHeaders), List.of());
    }
}
