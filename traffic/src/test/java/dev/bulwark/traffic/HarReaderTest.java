package dev.bulwark.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Headers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarReaderTest {

    private static final String HAR = """
            {"log": {"entries": [
              {"request": {"method": "GET", "url": "https://shop.example.com/a%20b?x=%3C1#frag",
                "headers": [{"name": ":authority", "value": "shop.example.com"}, {"name": "Cookie", "value": "s=1"}]}},
              {"request": {"method": "POST", "url": "http://shop.example.com?q=1", "headers": [],
                "postData": {"mimeType": "application/octet-stream", "text": "AAEC", "encoding": "base64"}}},
              {"request": {"method": "PUT", "url": "http://shop.example.com/n", "headers": [],
                "postData": {"mimeType": "application/json", "text": "{\\"a\\": \\"é\\"}"}}}
            ]}}""";

    @Test
    void readsTheTargetAsWrittenWithoutFragmentOrPseudoHeaders() {
        RecordedRequest get = HarReader.read(HAR, "shop.har").get(0);

        assertThat(get.id()).isEqualTo("shop.har#1");
        assertThat(get.client()).isEqualTo("shop.har");
        assertThat(get.target()).isEqualTo("/a%20b?x=%3C1");
        assertThat(get.headers()).containsExactly(new Headers.Header("Cookie", "s=1"));
    }

    @Test
    void readsBodiesAsTextOrBase64() {
        List<RecordedRequest> requests = HarReader.read(HAR, "shop.har");

        assertThat(requests.get(1).target()).isEqualTo("/?q=1");
        assertThat(requests.get(1).body()).containsExactly(0, 1, 2);
        assertThat(new String(requests.get(2).body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\": \"é\"}");
    }

    @Test
    void refusesWhatIsNotAHarFileNamingTheFile() {
        assertThatThrownBy(() -> HarReader.read("{\"log\": {}}", "x.har"))
                .isInstanceOf(CorpusFormatException.class).hasMessageContaining("x.har");
        assertThatThrownBy(() -> HarReader.read("{\"log\": {\"entries\": [{\"request\": {\"url\": \"/\"}}]}}", "x.har"))
                .isInstanceOf(CorpusFormatException.class).hasMessageContaining("log.entries[0].request.method");
    }
}
