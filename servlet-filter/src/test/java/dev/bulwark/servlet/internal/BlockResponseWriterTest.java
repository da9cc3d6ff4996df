package dev.bulwark.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BlockResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockResponseWriterTest {

    private static final BlockResponse HTML = new BlockResponse(Set.of(), null, "text/html", "<p>{{incidentId}}</p>");
    private static final BlockResponse TEXT = new BlockResponse(Set.of(), null, "text/plain", "blocked {{incidentId}}");
    private static final BlockResponse JSON = new BlockResponse(Set.of(), null, "application/json", "{\"id\":\"{{incidentId}}\"}");
    private static final BlockResponse PROBLEM = new BlockResponse(Set.of(), 451, "application/problem+json", "{}");
    private static final BlockResponse STATUS = new BlockResponse(Set.of(), 404, null, null);

    @Test
    void choosesTheVariantABrowserPrefers() {
        assertThat(BlockResponseWriter.choose(List.of(HTML),
                "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8")).isSameAs(HTML);
    }

    @Test
    void choosesTheProblemDocumentWithoutPreference() {
        assertThat(BlockResponseWriter.choose(List.of(HTML, TEXT), null)).isNull();
        assertThat(BlockResponseWriter.choose(List.of(HTML, TEXT), "*/*")).isNull();
        assertThat(BlockResponseWriter.choose(List.of(HTML, TEXT), "")).isNull();
        assertThat(BlockResponseWriter.choose(List.of(HTML, TEXT), "garbage")).isNull();
    }

    @Test
    void choosesTheProblemDocumentForJsonClients() {
        assertThat(BlockResponseWriter.choose(List.of(HTML), "application/json")).isNull();
        assertThat(BlockResponseWriter.choose(List.of(HTML), "application/*")).isNull();
    }

    @Test
    void choosesAConfiguredJsonBodyOverTheProblemDocumentForJsonClients() {
        assertThat(BlockResponseWriter.choose(List.of(JSON), "application/json")).isSameAs(JSON);
    }

    @Test
    void choosesTheMostSpecificRange() {
        assertThat(BlockResponseWriter.choose(List.of(HTML, TEXT), "text/*, text/plain")).isSameAs(TEXT);
        assertThat(BlockResponseWriter.choose(List.of(HTML, TEXT), "text/*")).isSameAs(HTML);
    }

    @Test
    void skipsVariantsTheClientRefuses() {
        assertThat(BlockResponseWriter.choose(List.of(HTML), "text/html;q=0, */*")).isNull();
        assertThat(BlockResponseWriter.choose(List.of(HTML), "image/png")).isNull();
    }

    @Test
    void aConfiguredProblemDocumentReplacesTheBuiltInOne() {
        assertThat(BlockResponseWriter.choose(List.of(HTML, PROBLEM), "*/*")).isSameAs(PROBLEM);
        assertThat(BlockResponseWriter.choose(List.of(PROBLEM), null)).isSameAs(PROBLEM);
        assertThat(BlockResponseWriter.choose(List.of(HTML, PROBLEM), "text/html")).isSameAs(HTML);
    }

    @Test
    void ignoresStatusOnlyEntriesWhenChoosingABody() {
        assertThat(BlockResponseWriter.choose(List.of(STATUS), "text/html")).isNull();
    }

    @Test
    void escapesPlaceholdersForTheContentType() {
        assertThat(BlockResponseWriter.render("<p>{{incidentId}}</p>", "text/html", "<b>&\"'", 403))
                .isEqualTo("<p>&lt;b&gt;&amp;&quot;&#39;</p>");
        assertThat(BlockResponseWriter.render("{\"id\":\"{{incidentId}}\",\"s\":{{status}}}", "application/json", "a\"b\\<", 403))
                .isEqualTo("{\"id\":\"a\\\"b\\\\\\u003c\",\"s\":403}");
        assertThat(BlockResponseWriter.render("id {{incidentId}}", "text/plain", "ABC", 404)).isEqualTo("id ABC");
    }
}
