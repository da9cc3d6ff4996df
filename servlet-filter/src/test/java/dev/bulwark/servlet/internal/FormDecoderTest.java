package dev.bulwark.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormDecoderTest {

    @Test
    void decodesPlusAndPercentEscapes() {
        assertThat(query("a=x+y%20z%2B")).containsEntry("a", List.of("x y z+"));
    }

    @Test
    void splitsOnRawSeparatorsOnly() {
        assertThat(query("a=1%262%3D3&b=4")).containsEntry("a", List.of("1&2=3")).containsEntry("b", List.of("4"));
    }

    @Test
    void keepsRepeatedNamesInOrder() {
        assertThat(query("t=1&u=0&t=2")).containsExactly(Map.entry("t", List.of("1", "2")), Map.entry("u", List.of("0")));
    }

    @Test
    void readsNameWithoutValueAsEmptyValue() {
        assertThat(query("flag&empty=")).containsEntry("flag", List.of("")).containsEntry("empty", List.of(""));
    }

    @Test
    void skipsEmptyPairs() {
        assertThat(query("&&a=1&")).containsOnlyKeys("a");
    }

    @Test
    void keepsInvalidPercentEscapesAsTheyAre() {
        assertThat(query("a=%zz%4&b=%")).containsEntry("a", List.of("%zz%4")).containsEntry("b", List.of("%"));
    }

    @Test
    void replacesInvalidUtf8() {
        assertThat(query("a=%C3")).containsEntry("a", List.of("\uFFFD"));
    }

    @Test
    void decodesBodyInTheGivenCharset() {
        Map<String, List<String>> pairs = new LinkedHashMap<>();
        byte[] body = "city=Z%FCrich".getBytes(StandardCharsets.US_ASCII);

        FormDecoder.decode(body, 0, body.length, StandardCharsets.ISO_8859_1, pairs);

        assertThat(pairs).containsEntry("city", List.of("Zürich"));
    }

    @Test
    void decodesStreamLikeBytes() throws IOException {
        byte[] body = "a=1&b=%E2%82%AC&a=3".getBytes(StandardCharsets.US_ASCII);
        Map<String, List<String>> fromBytes = new LinkedHashMap<>();
        Map<String, List<String>> fromStream = new LinkedHashMap<>();

        FormDecoder.decode(body, 0, body.length, StandardCharsets.UTF_8, fromBytes);
        FormDecoder.decode(new ByteArrayInputStream(body), StandardCharsets.UTF_8, fromStream);

        assertThat(fromStream).isEqualTo(fromBytes).containsEntry("b", List.of("€"));
    }

    private static Map<String, List<String>> query(String query) {
        Map<String, List<String>> pairs = new LinkedHashMap<>();
        FormDecoder.decodeQuery(query, pairs);
        return pairs;
    }
}
