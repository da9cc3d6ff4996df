package dev.bulwark.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Headers;
import dev.bulwark.core.HttpRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusReaderTest {

    private static final String GET = """
            {"id": "t/get/1", "label": "benign", "category": "benign", "method": "GET", "uri": "/a%20b?x=1&y=?2", \
            "headers": [["Host", "localhost"], ["Cookie", "a=1"], ["cookie", "b=2"]], "body_b64": ""}""";
    private static final String POST = """
            {"id": "t/post/1", "label": "attack", "category": "sqli", "method": "POST", "uri": "/post", \
            "headers": [["Content-Type", "application/x-www-form-urlencoded"]], "body_b64": "dmFyPTEyMzQgT1IgMT0x"}""";

    @Test
    void readsEveryFieldOfALine() {
        List<CorpusRequest> requests = CorpusReader.read(GET + "\n" + POST + "\n", "t.jsonl");

        assertThat(requests).extracting(CorpusRequest::id).containsExactly("t/get/1", "t/post/1");
        CorpusRequest post = requests.get(1);
        assertThat(post.label()).isEqualTo(Label.ATTACK);
        assertThat(post.category()).isEqualTo("sqli");
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.uri()).isEqualTo("/post");
        assertThat(new String(post.body(), StandardCharsets.UTF_8)).isEqualTo("var=1234 OR 1=1");
        assertThat(requests.get(0).label()).isEqualTo(Label.BENIGN);
        assertThat(requests.get(0).body()).isEmpty();
    }

    @Test
    void keepsHeadersInOrderWithDuplicates() {
        CorpusRequest get = CorpusReader.read(GET, "t.jsonl").get(0);

        assertThat(get.headers()).containsExactly(
                new Headers.Header("Host", "localhost"),
                new Headers.Header("Cookie", "a=1"),
                new Headers.Header("cookie", "b=2"));
    }

    @Test
    void buildsTheRequestAsTheServletFilterSeesIt() {
        HttpRequest get = CorpusReader.read(GET, "t.jsonl").get(0).toHttpRequest();
        HttpRequest post = CorpusReader.read(POST, "t.jsonl").get(0).toHttpRequest();

        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.rawPath()).isEqualTo("/a%20b");
        assertThat(get.rawQuery()).isEqualTo("x=1&y=?2");
        assertThat(get.headers().values("COOKIE")).containsExactly("a=1", "b=2");
        assertThat(get.headers().size()).isEqualTo(3);
        assertThat(get.remoteAddress()).isEqualTo("127.0.0.1");
        assertThat(get.bodyLength()).isZero();
        assertThat(post.rawQuery()).isNull();
        assertThat(post.mediaType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(post.bodyLength()).isEqualTo(15);
        assertThat(post.bodyTruncated()).isFalse();
    }

    @Test
    void allowsMissingHeadersAndBodyAndSkipsBlankLines() {
        String line = """
                {"id": "m/1", "label": "neutral", "category": "neutral/xss", "method": "GET", "uri": "/", "extra": 1}""";

        List<CorpusRequest> requests = CorpusReader.read("\n" + line + "\n   \n", "t.jsonl");

        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.label()).isEqualTo(Label.NEUTRAL);
            assertThat(r.headers()).isEmpty();
            assertThat(r.body()).isEmpty();
        });
    }

    @Test
    void readsAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.jsonl");
        Files.writeString(file, GET + "\n" + POST + "\n");

        assertThat(CorpusReader.read(file)).hasSize(2);
    }

    @Test
    void rejectsALineThatIsNotJsonNamingFileAndLine() {
        assertThatThrownBy(() -> CorpusReader.read(GET + "\n{\"id\": \"x\",\n", "t.jsonl"))
                .isInstanceOf(CorpusFormatException.class)
                .hasMessageStartingWith("t.jsonl:2: not a JSON object");
        assertThatThrownBy(() -> CorpusReader.read("[1, 2]", "t.jsonl"))
                .isInstanceOf(CorpusFormatException.class)
                .hasMessage("t.jsonl:1: not a JSON object");
    }

    @Test
    void rejectsAMissingField() {
        String line = GET.replace("\"method\": \"GET\", ", "");

        assertThatThrownBy(() -> CorpusReader.read(line, "t.jsonl"))
                .isInstanceOf(CorpusFormatException.class)
                .hasMessage("t.jsonl:1 (t/get/1): missing field 'method'");
    }

    @Test
    void rejectsAnUnknownLabel() {
        assertThatThrownBy(() -> CorpusReader.read(POST.replace("\"attack\"", "\"evil\""), "t.jsonl"))
                .isInstanceOf(CorpusFormatException.class)
                .hasMessage("t.jsonl:1 (t/post/1): field 'label' must be attack, benign or neutral, was 'evil'");
    }

    @Test
    void rejectsAFieldOfTheWrongType() {
        assertThatThrownBy(() -> CorpusReader.read(POST.replace("\"uri\": \"/post\"", "\"uri\": 7"), "t.jsonl"))
                .isInstanceOf(CorpusFormatException.class)
                .hasMessage("t.jsonl:1 (t/post/1): field 'uri' must be a string, was NUMBER");
    }

    @Test
    void rejectsInvalidBase64() {
        assertThatThrownBy(() -> CorpusReader.read(POST.replace("dmFyPTEyMzQgT1IgMT0x", "not base64!"), "t.jsonl"))
                .isInstanceOf(CorpusFormatException.class)
                .hasMessageStartingWith("t.jsonl:1 (t/post/1): field 'body_b64' is not valid base64");
    }

    @Test
    void rejectsHeadersThatAreNotPairs() {
        String line = GET.replace("[\"Cookie\", \"a=1\"]", "[\"Cookie\"]");

        assertThatThrownBy(() -> CorpusReader.read(line, "t.jsonl"))
                .isInstanceOf(CorpusFormatException.class)
                .hasMessage("t.jsonl:1 (t/get/1): headers[1] must be a [name, value] pair of strings, was [\"Cookie\"]");
    }

    @Test
    void rejectsADuplicateId() {
        assertThatThrownBy(() -> CorpusReader.read(GET + "\n" + POST + "\n" + GET, "t.jsonl"))
                .isInstanceOf(CorpusFormatException.class)
                .hasMessage("t.jsonl:3: duplicate id 't/get/1' (first on line 1)");
    }

    @Test
    void rejectsAFileThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.write(file, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'});

        assertThatThrownBy(() -> CorpusReader.read(file))
                .isInstanceOf(CorpusFormatException.class)
                .hasMessage("bad.jsonl: not valid UTF-8");
    }
}
