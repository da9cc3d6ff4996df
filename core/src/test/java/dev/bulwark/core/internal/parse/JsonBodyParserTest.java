package dev.bulwark.core.internal.parse;

import static dev.bulwark.core.internal.parse.BodyParsing.assertMalformed;
import static dev.bulwark.core.internal.parse.BodyParsing.parse;
import static dev.bulwark.core.internal.parse.BodyParsing.parsing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Component;
import dev.bulwark.core.DecodingFlag;
import dev.bulwark.core.Location;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.Limits;
import dev.bulwark.core.internal.JacksonBuffers;
import dev.bulwark.core.internal.parse.BodyParsing.StreamParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyParserTest {

    private final StreamParser parser = new JsonBodyParser(Limits.defaults())::parse;

    @Test
    void emitsKeysAndStringValuesByJsonPointerInDocumentOrder() throws Exception {
        CollectingSink sink = parse(parser, "{\"user\":{\"name\":\"ann\",\"age\":7,\"tags\":[\"a\",true,null,\"b\"]},\"q\":\"x\"}");

        assertThat(sink.lines()).containsExactly(
                "NAME /user=user",
                "NAME /user/name=name",
                "VALUE /user/name=ann",
                "NAME /user/age=age",
                "NAME /user/tags=tags",
                "VALUE /user/tags/0=a",
                "VALUE /user/tags/3=b",
                "NAME /q=q",
                "VALUE /q=x");
        assertThat(sink.allFrom(Source.JSON)).isTrue();
    }

    @Test
    void parsesABufferFromItsPositionWithoutMovingIt() throws Exception {
        ByteBuffer body = ByteBuffer.wrap("xx{\"k\":\"v\"}".getBytes(StandardCharsets.UTF_8));
        body.position(2);
        CollectingSink sink = new CollectingSink();

        new JsonBodyParser(Limits.defaults()).parse(body, sink);

        assertThat(sink.lines()).containsExactly("NAME /k=k", "VALUE /k=v");
        assertThat(body.position()).isEqualTo(2);
    }

    @Test
    void parsesADocumentCutFromALargerTextAfterItsByteOrderMark() throws Exception {
        char[] text = "[\"a\"]\n\uFEFF{\"k\":\"v\"}\n".toCharArray();
        CollectingSink sink = new CollectingSink();

        new JsonBodyParser(Limits.defaults()).parse(text, 6, 10, sink);

        assertThat(sink.lines()).containsExactly("NAME /k=k", "VALUE /k=v");
    }

    @Test
    void escapesSlashAndTildeInPointers() throws Exception {
        CollectingSink sink = parse(parser, "{\"a/b\":{\"m~n\":\"v\"}}");

        assertThat(sink.first(Component.VALUE, "/a~1b/m~0n").decoded()).isEqualTo("v");
    }

    @Test
    void pointsIntoNestedArrays() throws Exception {
        CollectingSink sink = parse(parser, "[[\"x\"],[{\"k\":\"y\"}]]");

        assertThat(sink.lines()).containsExactly("VALUE /0/0=x", "NAME /1/0/k=k", "VALUE /1/0/k=y");
    }

    @Test
    void emitsAStringRootValue() throws Exception {
        assertThat(parse(parser, "\"<script>\"").lines()).containsExactly("VALUE =<script>");
    }

    @Test
    void givesDecodedEscapesAndFlagsNul() throws Exception {
        CollectingSink sink = parse(parser, "{\"k\":\"\\u003cscript\\u003e\\u0000\"}");

        assertThat(sink.first(Component.VALUE, "/k").decoded()).isEqualTo("<script>\0");
        assertThat(sink.first(Component.VALUE, "/k").flags()).contains(DecodingFlag.NUL_BYTE);
    }

    @Test
    void acceptsAnEmptyBodyAndAByteOrderMark() throws Exception {
        assertThat(parse(parser, "").values).isEmpty();
        byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', '"', 'a', '"', ']'};
        assertThat(parse(parser, withBom).lines()).containsExactly("VALUE /0=a");
    }

    @Test
    void rejectsDuplicateKeysInOneObject() {
        assertThatThrownBy(parsing(parser, "{\"role\":\"user\",\"x\":1,\"role\":\"admin\"}"))
                .isInstanceOfSatisfying(MalformedRequestException.class, e -> {
                    assertThat(e.reason()).isEqualTo("json.duplicate-key");
                    assertThat(e.location()).isEqualTo(Location.name(Source.JSON, "/role"));
                });
        assertMalformed(parsing(parser, "{\"a\":1,\"a\":2}"), "json.duplicate-key");
    }

    @Test
    void rejectsAKeyRepeatedAfterTheSixteenthKeyOfAnObject() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 20; i++) {
            json.append("\"k").append(i).append("\":").append(i).append(',');
        }
        json.append("\"k3\":\"again\"}");

        assertThatThrownBy(parsing(parser, json.toString()))
                .isInstanceOfSatisfying(MalformedRequestException.class, e -> {
                    assertThat(e.reason()).isEqualTo("json.duplicate-key");
                    assertThat(e.location()).isEqualTo(Location.name(Source.JSON, "/k3"));
                });
    }

    @Test
    void allowsTheSameKeysInSiblingObjectsOfOneArray() throws Exception {
        String item = "{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}";

        assertThat(parse(parser, "[" + item + "," + item + "," + item + "]").values).hasSize(18);
    }

    @Test
    void allowsTheSameKeyInDifferentObjects() throws Exception {
        assertThat(parse(parser, "{\"a\":{\"a\":\"1\"},\"b\":[{\"a\":\"2\"},{\"a\":\"3\"}]}").values).hasSize(8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{\"a\":1}x", "[1] [2]", "\"a\" \"b\""})
    void rejectsContentAfterTheRootValue(String json) {
        assertMalformed(parsing(parser, json), "json.trailing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":}", "{'a':1}", "{a:1}", "[1,]", "/*c*/{}", "[NaN]", "[01]", "{\"a\":1"})
    void rejectsSyntaxErrorsAndNonStandardJson(String json) {
        assertMalformed(parsing(parser, json), "json.syntax");
    }

    @Test
    void readsOnlyTheRemainingBytesOfABufferAndLeavesItsPosition() throws Exception {
        byte[] framed = "xx\uFEFF[\"a\"]yy".getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.wrap(framed, 2, framed.length - 4).slice().position(0);
        ByteBuffer offset = ByteBuffer.wrap(framed).position(2).limit(framed.length - 2);
        CollectingSink fromSlice = new CollectingSink();
        CollectingSink fromOffset = new CollectingSink();

        new JsonBodyParser(Limits.defaults()).parse(body, fromSlice);
        new JsonBodyParser(Limits.defaults()).parse(offset, fromOffset);

        assertThat(fromSlice.lines()).containsExactly("VALUE /0=a");
        assertThat(fromOffset.lines()).containsExactly("VALUE /0=a");
        assertThat(offset.position()).isEqualTo(2);
    }

    @Test
    void readsAReadOnlyBufferAsTheEngineHandsItOverLikeAnArrayBackedOne() throws Exception {
        byte[] json = "xx\uFEFF{\"n\u00e4me\":[\"\uD83D\uDE00\",\"b\"]}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer readOnly = ByteBuffer.wrap(json).position(2).asReadOnlyBuffer();
        CollectingSink fromReadOnly = new CollectingSink();
        CollectingSink fromArray = new CollectingSink();

        new JsonBodyParser(Limits.defaults()).parse(readOnly, fromReadOnly);
        new JsonBodyParser(Limits.defaults()).parse(ByteBuffer.wrap(json).position(2), fromArray);

        assertThat(fromReadOnly.lines()).isEqualTo(fromArray.lines()).hasSize(3);
        assertThat(readOnly.position()).isEqualTo(2);
    }

    @Test
    void readsEachReadOnlyBodyWholeWhateverTheBodiesBeforeItOnTheThread() throws Exception {
        JsonBodyParser parser = new JsonBodyParser(Limits.defaults());
        String large = "[\"" + "a".repeat(10_000) + "\"]";
        String longer = "{\"note\":\"" + "z".repeat(500) + "\",\"ok\":true}";
        byte[] malformed = {'[', '"', 'q', (byte) 0xFF, '"', ']'};

        CollectingSink fromLarge = new CollectingSink();
        parser.parse(utf8(large), fromLarge);
        parser.parse(utf8(longer), new CollectingSink());
        assertThatThrownBy(() -> parser.parse(ByteBuffer.wrap(malformed).asReadOnlyBuffer(), new CollectingSink()))
                .hasMessageContaining("malformed sequence at byte 3");
        CollectingSink shorter = new CollectingSink();
        parser.parse(utf8("[\"b\"]"), shorter);

        assertThat(fromLarge.lines()).singleElement().asString().hasSize("VALUE /0=".length() + 10_000);
        assertThat(shorter.lines()).containsExactly("VALUE /0=b");
    }

    @Test
    void parsesABodyLargerThanTheThreadsBufferAsTheSameTextInOnePiece() throws Exception {
        StringBuilder document = new StringBuilder("{\"documents\":[");
        for (int i = 0; i < 600; i++) {
            document.append(i == 0 ? "" : ",").append("{\"title\":\"Z\u00fcrich \u20ac \uD83D\uDE00 ").append(i)
                    .append("\",\"n\":").append(i).append(",\"k\u00e9y\":\"").append("x".repeat(i % 37)).append("\"}");
        }
        String text = document.append("]}").toString();
        CollectingSink fromBytes = new CollectingSink();
        CollectingSink fromText = new CollectingSink();
        JsonBodyParser json = new JsonBodyParser(Limits.defaults());

        json.parse(utf8(text), fromBytes);
        json.parse(text.toCharArray(), 0, text.length(), fromText);

        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(4 * 8192);
        assertThat(fromBytes.lines()).hasSize(600 * 5 + 1).isEqualTo(fromText.lines());
    }

    @Test
    void refusesMalformedUtf8InALargeBodyAtItsOffsetFromTheBodyStart() {
        byte[] start = ("\uFEFF[\"" + "a".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(start);
        body.write(0xFF);
        body.writeBytes("\"]".getBytes(StandardCharsets.UTF_8));

        assertMalformed(parsing(parser, body.toByteArray()), "json.encoding");
        assertThatThrownBy(() -> new JsonBodyParser(Limits.defaults())
                .parse(ByteBuffer.wrap(body.toByteArray()).asReadOnlyBuffer(), new CollectingSink()))
                .hasMessageContaining("malformed sequence at byte " + start.length);
    }

    @Test
    void refusesMalformedUtf8AfterTheRootOfALargeBodyAsAnEncodingError() {
        // More blanks than Jackson's buffer holds, so that the byte is read after the root value ends.
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("[\"a\"]" + " ".repeat(10_000)).getBytes(StandardCharsets.UTF_8));
        body.write(0xFF);

        assertMalformed(parsing(parser, body.toByteArray()), "json.encoding");
    }

    @Test
    void countsTheOffsetOfMalformedUtf8FromTheBodyStartInAReadOnlyBuffer() {
        byte[] json = {'x', (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', '"', (byte) 0xFF, '"', ']'};
        ByteBuffer readOnly = ByteBuffer.wrap(json).position(1).asReadOnlyBuffer();
        ByteBuffer arrayBacked = ByteBuffer.wrap(json).position(1);

        assertThatThrownBy(() -> new JsonBodyParser(Limits.defaults()).parse(readOnly, new CollectingSink()))
                .hasMessageContaining("malformed sequence at byte 5");
        assertThatThrownBy(() -> new JsonBodyParser(Limits.defaults()).parse(arrayBacked, new CollectingSink()))
                .hasMessageContaining("malformed sequence at byte 5");
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] invalid = {'[', '"', (byte) 0xFF, '"', ']'};

        assertMalformed(parsing(parser, invalid), "json.encoding");
    }

    @Test
    void rejectsOverlongUtf8InsteadOfReadingItAsASlash() {
        byte[] overlong = {'[', '"', '.', '.', (byte) 0xC0, (byte) 0xAF, '"', ']'};

        assertMalformed(parsing(parser, overlong), "json.encoding");
    }

    @Test
    void rejectsEncodedSurrogatesAndTruncatedSequences() {
        byte[] surrogate = {'[', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ']'};
        byte[] truncated = {'[', '"', 'a', '"', ']', (byte) 0xE2, (byte) 0x82};

        assertMalformed(parsing(parser, surrogate), "json.encoding");
        assertMalformed(parsing(parser, truncated), "json.encoding");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"\\ud800\"]", "[\"\\udc00\"]", "[\"UN\\ud800ION\"]", "[\"a\\ud83d\"]",
        "[\"\\ude00\\ud83d\"]", "[\"\\ud83d\\ud83d\\ude00\"]"})
    void rejectsStringsWhoseEscapesLeaveAnUnpairedSurrogate(String json) {
        assertMalformed(parsing(parser, json), "json.unpaired-surrogate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":{\"k\\udfff\":1}}", "{\"k\\ud800\":1}", "{\"k\\ud800x\":1}"})
    void rejectsKeysWhoseEscapesLeaveAnUnpairedSurrogate(String json) {
        // Jackson refuses these in a name by itself; the parser has no check of its own for keys.
        assertMalformed(parsing(parser, json), "json.syntax");
    }

    @Test
    void readsAnEscapedSurrogatePairAsItsCharacter() throws Exception {
        assertThat(parse(parser, "{\"k\\ud83d\\ude00\":\"\\uD83D\\uDE00 ok\"}").lines())
                .containsExactly("NAME /k\uD83D\uDE00=k\uD83D\uDE00", "VALUE /k\uD83D\uDE00=\uD83D\uDE00 ok");
    }

    @Test
    void readsFourByteCharactersAndNonAsciiKeys() throws Exception {
        assertThat(parse(parser, "{\"näme\":\"\uD83D\uDE00 ok\"}".getBytes(StandardCharsets.UTF_8)).lines())
                .containsExactly("NAME /näme=näme", "VALUE /näme=\uD83D\uDE00 ok");
    }

    @Test
    void readsANulByteAtTheStartAsTextNotAsUtf16() {
        byte[] nulFirst = {0, '[', '"', 'a', '"', ']'};

        assertMalformed(parsing(parser, nulFirst), "json.syntax");
    }

    @Test
    void rejectsUtf16Bodies() {
        byte[] utf16 = "[\"a\"]".getBytes(StandardCharsets.UTF_16BE);

        assertThatThrownBy(parsing(parser, utf16)).isInstanceOf(MalformedRequestException.class);
    }

    @Test
    void failsFastOnHundredThousandNestedArraysWithTheDepthLimit() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(parsing(parser, deep))
                        .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                            assertThat(e.limit()).isEqualTo("json.depth");
                            assertThat(e.status()).isEqualTo(400);
                            assertThat(e.limitValue()).isEqualTo(100);
                        }));
    }

    @Test
    void failsOnHundredThousandNestedObjectsWithTheDepthLimit() {
        String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);

        assertThatThrownBy(parsing(parser, deep))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("json.depth");
                    assertThat(e.location().name()).isEqualTo("/a".repeat(100));
                });
    }

    @Test
    void acceptsNestingExactlyAtTheDepthLimit() throws Exception {
        StreamParser shallow = new JsonBodyParser(Limits.custom().jsonDepth(3).build())::parse;

        assertThat(parse(shallow, "[[[\"x\"]]]").lines()).containsExactly("VALUE /0/0/0=x");
        assertThatThrownBy(parsing(shallow, "[[[[\"x\"]]]]")).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void rejectsFiftyThousandKeysInOneObject() {
        // Half a megabyte: within the body limit, which is checked before the keys are counted.
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 50_000; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
        }
        json.append('}');

        assertThatThrownBy(parsing(parser, json.toString()))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("json.keys-per-object");
                    assertThat(e.limitValue()).isEqualTo(250);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.location()).isEqualTo(Location.value(Source.JSON, ""));
                });
    }

    @Test
    void countsEveryValueTowardsTheElementLimit() {
        StreamParser few = new JsonBodyParser(Limits.custom().jsonElements(4).build())::parse;

        assertThatThrownBy(parsing(few, "[1,[true],{\"a\":null}]"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("json.elements");
                    assertThat(e.location().name()).isEqualTo("/2");
                });
    }

    @Test
    void rejectsAStringOverTheLimitAtItsPointer() {
        StreamParser small = new JsonBodyParser(Limits.custom().jsonStringLength(10).build())::parse;

        assertThatThrownBy(parsing(small, "{\"a\":[\"ok\",\"" + "x".repeat(11) + "\"]}"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("json.string-length");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.location()).isEqualTo(Location.value(Source.JSON, "/a/1"));
                });
    }

    @Test
    void rejectsAVeryLongStringWithTheStringLimit() {
        assertThatThrownBy(parsing(parser, "[\"" + "x".repeat(1_000_000) + "\"]"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("json.string-length");
                    assertThat(e.limitValue()).isEqualTo(64 * 1024);
                    assertThat(e.location().name()).isEqualTo("/0");
                });
    }

    @Test
    void rejectsAVeryLongNumberWithTheStringLimit() {
        StreamParser small = new JsonBodyParser(Limits.custom().jsonStringLength(10).build())::parse;

        assertThatThrownBy(parsing(small, "[" + "9".repeat(100) + "]"))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.limit()).isEqualTo("json.string-length"));
    }

    @Test
    void rejectsAKeyOverTheLimitNamingTheKey() {
        StreamParser small = new JsonBodyParser(Limits.custom().jsonKeyLength(5).build())::parse;

        assertThatThrownBy(parsing(small, "{\"ok\":{\"toolong\":1}}"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("json.key-length");
                    assertThat(e.location()).isEqualTo(Location.name(Source.JSON, "/ok/toolong"));
                });
    }

    @Test
    void rejectsAHugeKeyWithTheKeyLimit() {
        assertThatThrownBy(parsing(parser, "{\"" + "k".repeat(1_000_000) + "\":1}"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("json.key-length");
                    assertThat(e.status()).isEqualTo(400);
                });
    }

    @Test
    void rejectsADocumentLargerThanTheBodyLimit() {
        StreamParser small = new JsonBodyParser(Limits.custom().bodySize(100).build())::parse;

        assertThatThrownBy(parsing(small, "[" + "1,".repeat(5_000) + "1]"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("body-size");
                    assertThat(e.status()).isEqualTo(413);
                });
    }

    @Test
    void stopsWhenTheSinkStops() {
        assertThatThrownBy(() -> {
            CollectingSink sink = new CollectingSink(3);
            parser.parse(new ByteArrayInputStream("[\"a\",\"b\",\"c\",\"d\"]".getBytes(StandardCharsets.UTF_8)), sink);
        }).isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo("test.count"));
    }

    @Test
    void parsesAdversarialMegabyteBodiesInLinearTime() {
        Limits generous = Limits.custom().jsonElements(10_000_000).jsonKeysPerObject(10_000_000).build();
        StreamParser lenient = new JsonBodyParser(generous)::parse;
        StringBuilder manyKeys = new StringBuilder("{");
        for (int i = 0; i < 60_000; i++) {
            manyKeys.append(i == 0 ? "" : ",").append("\"").append(Integer.toString(i, 36)).append("\":1");
        }
        String[] bodies = {
            "[" + "\"\",".repeat(300_000) + "\"\"]",
            manyKeys.append('}').toString(),
            "[" + "{\"a\":[{\"b\":\"c\"}]},".repeat(40_000) + "1]",
        };
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (String body : bodies) {
                parse(lenient, body);
            }
        });
    }

    @Test
    void readsAShortDocumentAloneAfterALongerOneOnTheSameThread() throws Exception {
        JsonBodyParser json = new JsonBodyParser(Limits.defaults());
        json.parse(utf8("{\"description\":\"a long value that fills more of the buffer\"}"), new CollectingSink());
        CollectingSink sink = new CollectingSink();

        json.parse(utf8("{\"k\":\"v\"}"), sink);

        assertThat(sink.lines()).containsExactly("NAME /k=k", "VALUE /k=v");
    }

    @Test
    void readsADocumentAloneAfterOneThatWasNotUtf8() throws Exception {
        JsonBodyParser json = new JsonBodyParser(Limits.defaults());
        byte[] invalid = "{\"k\":\"abc\u00e9def\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> json.parse(ByteBuffer.wrap(invalid), new CollectingSink()))
                .isInstanceOf(MalformedRequestException.class);
        CollectingSink sink = new CollectingSink();

        json.parse(utf8("[\"x\"]"), sink);

        assertThat(sink.lines()).containsExactly("VALUE /0=x");
    }

    @Test
    void parsesAnotherDocumentFromWithinTheSinkOfAParse() throws Exception {
        JsonBodyParser json = new JsonBodyParser(Limits.defaults());
        CollectingSink inner = new CollectingSink();
        CollectingSink outer = new CollectingSink();

        json.parse(utf8("{\"outer\":\"value\"}"), value -> {
            outer.accept(value);
            if (value.decoded().equals("value")) {
                try {
                    json.parse(utf8("{\"inner\":\"other\"}"), inner);
                } catch (MalformedRequestException e) {
                    throw new AssertionError(e);
                }
            }
        });

        assertThat(outer.lines()).containsExactly("NAME /outer=outer", "VALUE /outer=value");
        assertThat(inner.lines()).containsExactly("NAME /inner=inner", "VALUE /inner=other");
    }

    @Test
    void leavesNoPartOfALargeBodyInTheThreadsBuffers() throws Exception {
        // A body over the thread's own buffer is read through Jackson's input buffer, a chunk at a time.
        String secret = "card-" + UUID.randomUUID();
        String body = "{\"pad\":\"" + "p".repeat(20_000) + "\",\"card\":\"" + secret + "\"}";

        parse(parser, body);

        assertThat(JacksonBuffers.ofThisThread()).doesNotContain(secret);
    }

    @Test
    void leavesNoEscapedValueInTheThreadsBuffers() throws Exception {
        // An escape makes Jackson copy the value into a buffer of its own.
        String secret = "card-" + UUID.randomUUID();
        String body = "{\"card\":\"\\u0020" + secret + "\"}";

        parse(parser, body);

        assertThat(JacksonBuffers.ofThisThread()).doesNotContain(secret);
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }
}
