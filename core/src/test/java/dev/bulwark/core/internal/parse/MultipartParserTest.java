package dev.bulwark.core.internal.parse;

import static dev.bulwark.core.internal.parse.BodyParsing.assertMalformed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Component;
import dev.bulwark.core.DecodingFlag;
import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.Limits;
import dev.bulwark.core.internal.decode.PercentDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class MultipartParserTest {

    private static final String TYPE = "multipart/form-data; boundary=XyZ";

    private final MultipartParser parser = new MultipartParser(Limits.defaults(), new PercentDecoder(3));

    /** The lines joined with CRLF. */
    private static String crlf(String... lines) {
        return String.join("\r\n", lines);
    }

    private CollectingSink parse(String body) throws Exception {
        return parse(parser, TYPE, body.getBytes(StandardCharsets.UTF_8));
    }

    private static CollectingSink parse(MultipartParser parser, String type, byte[] body) throws Exception {
        CollectingSink sink = new CollectingSink();
        parser.parse(ByteBuffer.wrap(body), type, sink);
        return sink;
    }

    private ThrowingCallable parsing(String body) {
        return parsing(TYPE, body);
    }

    private ThrowingCallable parsing(String type, String body) {
        return () -> parse(parser, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String name, String value) {
        return crlf("--XyZ", "Content-Disposition: form-data; name=\"" + name + "\"", "", value);
    }

    @Test
    void emitsFieldNamesFileNamesHeadersAndTextValuesInOrder() throws Exception {
        CollectingSink sink = parse(crlf(
                "--XyZ",
                "Content-Disposition: form-data; name=\"comment\"",
                "",
                "hello",
                "world",
                "--XyZ",
                "Content-Disposition: form-data; name=\"avatar\"; filename=\"me.png\"",
                "Content-Type: image/png",
                "",
                "\u0089PNG" + "\u0000".repeat(20),
                "--XyZ--",
                ""));

        assertThat(sink.lines()).containsExactly(
                "NAME comment=comment",
                "VALUE comment=hello\r\nworld",
                "NAME avatar=avatar",
                "FILENAME avatar=me.png",
                "VALUE avatar:content-type=image/png");
        assertThat(sink.allFrom(Source.MULTIPART)).isTrue();
    }

    @Test
    void emitsTheContentOfTextFiles() throws Exception {
        CollectingSink sink = parse(crlf(
                "--XyZ",
                "Content-Disposition: form-data; name=\"doc\"; filename=\"a.json\"",
                "Content-Type: application/json; charset=utf-8",
                "",
                "{\"q\":\"' or 1=1\"}",
                "--XyZ",
                "Content-Disposition: form-data; name=\"notes\"; filename=\"n.txt\"",
                "Content-Type: text/plain",
                "",
                "<script>",
                "--XyZ--"));

        assertThat(sink.first(Component.VALUE, "doc").decoded()).isEqualTo("{\"q\":\"' or 1=1\"}");
        assertThat(sink.first(Component.VALUE, "notes").decoded()).isEqualTo("<script>");
    }

    @Test
    void emitsAFileWithoutTypeThatIsText() throws Exception {
        CollectingSink sink = parse(crlf(
                "--XyZ",
                "Content-Disposition: form-data; name=\"f\"; filename=\"x.bin\"",
                "",
                "<script>alert(1)</script>",
                "--XyZ--"));

        assertThat(sink.lines()).containsExactly("NAME f=f", "FILENAME f=x.bin", "VALUE f=<script>alert(1)</script>");
    }

    @Test
    void emitsAScriptUploadedAsOctetStream() throws Exception {
        CollectingSink sink = parse(crlf(
                "--XyZ",
                "Content-Disposition: form-data; name=\"f\"; filename=\"shell.php\"",
                "Content-Type: application/octet-stream",
                "",
                "<?php system($_GET['c']); ?>",
                "--XyZ--"));

        assertThat(sink.first(Component.VALUE, "f").decoded()).isEqualTo("<?php system($_GET['c']); ?>");
    }

    @Test
    void returnsAPngFileAsUninspectedWithoutEmittingItsContent() throws Exception {
        byte[] head = crlf("--XyZ", "Content-Disposition: form-data; name=\"avatar\"; filename=\"me.png\"",
                "Content-Type: application/octet-stream", "", "").getBytes(StandardCharsets.ISO_8859_1);
        byte[] png = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13,
            'I', 'H', 'D', 'R'}, 48);
        byte[] tail = crlf("", "--XyZ--").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer body = ByteBuffer.allocate(head.length + png.length + tail.length).put(head).put(png).put(tail).flip();
        CollectingSink sink = new CollectingSink();

        List<UninspectedContent> binary = parser.parse(body, TYPE, sink);

        assertThat(sink.lines()).containsExactly("NAME avatar=avatar", "FILENAME avatar=me.png",
                "VALUE avatar:content-type=application/octet-stream");
        assertThat(binary).containsExactly(new UninspectedContent(Location.value(Source.MULTIPART, "avatar"),
                "application/octet-stream", "PNG image", true));
    }

    @Test
    void readsQuotedAndUnquotedBoundariesAndIgnoresMediaTypeCase() throws Exception {
        String body = crlf(field("a", "1"), "--XyZ--");

        assertThat(parse(parser, "Multipart/Form-Data; boundary=\"XyZ\"", body.getBytes(StandardCharsets.UTF_8)).values)
                .hasSize(2);
        assertThat(parse(parser, "multipart/form-data;boundary=XyZ;charset=utf-8", body.getBytes(StandardCharsets.UTF_8))
                .values).hasSize(2);
    }

    @Test
    void acceptsABoundaryWithSpacesAndPunctuation() throws Exception {
        String body = crlf("--a'(b)+_,-./:=? c", "Content-Disposition: form-data; name=\"x\"", "", "1",
                "--a'(b)+_,-./:=? c--");

        assertThat(parse(parser, "multipart/form-data; boundary=\"a'(b)+_,-./:=? c\"",
                body.getBytes(StandardCharsets.UTF_8)).values).hasSize(2);
    }

    @Test
    void ignoresPreambleAndEpilogue() throws Exception {
        CollectingSink sink = parse(crlf("This is the preamble.", field("a", "1"), "--XyZ--", "This is the epilogue."));

        assertThat(sink.lines()).containsExactly("NAME a=a", "VALUE a=1");
    }

    @Test
    void acceptsAClosingDelimiterAtTheVeryEnd() throws Exception {
        assertThat(parse(crlf(field("a", "1"), "--XyZ--")).values).hasSize(2);
    }

    @Test
    void acceptsABodyWithoutParts() throws Exception {
        assertThat(parse("--XyZ--\r\n").values).isEmpty();
    }

    @Test
    void keepsAnEmptyValue() throws Exception {
        assertThat(parse(crlf(field("a", ""), "--XyZ--")).lines()).containsExactly("NAME a=a", "VALUE a=");
    }

    @Test
    void rejectsABodyWithoutClosingDelimiter() {
        assertMalformed(parsing(crlf(field("a", "1"), "")), "multipart.truncated");
        assertMalformed(parsing(crlf(field("a", "1"), "--XyZ")), "multipart.truncated");
    }

    @Test
    void rejectsATruncatedBody() {
        assertMalformed(parsing("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nval"), "multipart.truncated");
        assertMalformed(parsing("--XyZ\r\nContent-Disp"), "multipart.truncated");
    }

    @Test
    void rejectsABodyWithoutAnyDelimiter() {
        assertMalformed(parsing("a=1&b=2"), "multipart.truncated");
        assertMalformed(parsing(""), "multipart.truncated");
    }

    @Test
    void rejectsTheBoundaryInsideAPart() {
        assertMalformed(parsing(crlf(field("a", "x--XyZ"), "--XyZ--")), "multipart.delimiter");
    }

    @Test
    void rejectsALineThatStartsWithTheBoundaryButIsNoDelimiter() {
        String smuggled = crlf(
                "--XyZ",
                "Content-Disposition: form-data; name=\"a\"",
                "",
                "1",
                "--XyZevil",
                "Content-Disposition: form-data; name=\"b\"",
                "",
                "2",
                "--XyZ--");

        assertMalformed(parsing(smuggled), "multipart.delimiter");
    }

    @Test
    void rejectsTheBoundaryInPreambleOrEpilogue() {
        assertMalformed(parsing(crlf("pre--XyZ", field("a", "1"), "--XyZ--")), "multipart.delimiter");
        assertMalformed(parsing(crlf(field("a", "1"), "--XyZ--", field("b", "2"), "--XyZ--")), "multipart.delimiter");
    }

    @Test
    void rejectsBareLineFeedDelimiters() {
        String lf = "--XyZ\nContent-Disposition: form-data; name=\"a\"\n\n1\n--XyZ--\n";

        assertMalformed(parsing(lf), "multipart.delimiter");
    }

    @Test
    void rejectsBareLineFeedInPartHeaders() {
        assertMalformed(parsing("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\n\r\n1\r\n--XyZ--"), "multipart.header");
    }

    @Test
    void rejectsTransportPaddingAfterADelimiter() {
        assertMalformed(parsing(crlf("--XyZ  ", "Content-Disposition: form-data; name=\"a\"", "", "1", "--XyZ--")),
                "multipart.delimiter");
        assertMalformed(parsing(crlf(field("a", "1"), "--XyZ-- ")), "multipart.delimiter");
    }

    @Test
    void rejectsAMissingOrInvalidBoundary() {
        String body = crlf(field("a", "1"), "--XyZ--");
        assertMalformed(parsing("multipart/form-data", body), "multipart.boundary");
        assertMalformed(parsing("multipart/form-data; boundary=\"\"", body), "multipart.boundary");
        assertMalformed(parsing("multipart/form-data; boundary=" + "b".repeat(71), body), "multipart.boundary");
        assertMalformed(parsing("multipart/form-data; boundary=\"a b \"", body), "multipart.boundary");
        assertMalformed(parsing("multipart/form-data; boundary=a\u00e9b", body), "multipart.boundary");
        assertMalformed(parsing("multipart/form-data; boundary=XyZ; boundary=abc", body), "multipart.content-type");
        assertMalformed(parsing("multipart/mixed; boundary=XyZ", body), "multipart.content-type");
        assertMalformed(parsing(null, body), "multipart.content-type");
    }

    @Test
    void rejectsFoldedPartHeaders() {
        assertMalformed(parsing(crlf("--XyZ", "Content-Disposition: form-data;", " name=\"a\"", "", "1", "--XyZ--")),
                "multipart.header-folding");
    }

    @Test
    void rejectsPartHeadersWithoutEmptyLine() {
        assertMalformed(parsing(crlf("--XyZ", "Content-Disposition: form-data; name=\"a\"", "--XyZ--")), "multipart.header");
    }

    @Test
    void rejectsAPartHeaderNameThatIsNotAToken() {
        assertMalformed(parsing(crlf("--XyZ", "Content-Disposition : form-data; name=\"a\"", "", "1", "--XyZ--")),
                "multipart.header");
    }

    @Test
    void rejectsRepeatedDispositionHeaders() {
        assertMalformed(parsing(crlf("--XyZ", "Content-Disposition: form-data; name=\"a\"",
                "Content-Disposition: form-data; name=\"b\"", "", "1", "--XyZ--")), "multipart.header");
    }

    @Test
    void rejectsRepeatedDispositionParameters() {
        assertMalformed(parsing(crlf("--XyZ", "Content-Disposition: form-data; name=\"a\"; name=\"b\"", "", "1",
                "--XyZ--")), "multipart.disposition");
        assertMalformed(parsing(crlf("--XyZ", "Content-Disposition: form-data; name=a; filename=\"x.txt\"; FILENAME=\"x.php\"",
                "", "1", "--XyZ--")), "multipart.disposition");
    }

    @Test
    void rejectsABackslashBeforeAQuote() {
        assertMalformed(parsing(crlf("--XyZ", "Content-Disposition: form-data; name=\"a\"; filename=\"x\\\"; y=\"z.php\"",
                "", "1", "--XyZ--")), "multipart.disposition");
    }

    @Test
    void keepsOtherBackslashesInFileNames() throws Exception {
        CollectingSink sink = parse(crlf("--XyZ", "Content-Disposition: form-data; name=\"f\"; filename=\"C:\\temp\\a.txt\"",
                "", "1", "--XyZ--"));

        assertThat(sink.first(Component.FILENAME, "f").decoded()).isEqualTo("C:\\temp\\a.txt");
    }

    @Test
    void rejectsParameterContinuations() {
        assertMalformed(parsing(crlf("--XyZ", "Content-Disposition: form-data; name=\"f\"; filename=\"a.txt\"; filename*0=\"a.php\"",
                "", "1", "--XyZ--")), "multipart.disposition");
    }

    @Test
    void rejectsPartsWithoutDispositionOrName() {
        assertMalformed(parsing(crlf("--XyZ", "Content-Type: text/plain", "", "1", "--XyZ--")), "multipart.disposition");
        assertMalformed(parsing(crlf("--XyZ", "Content-Disposition: form-data; filename=\"a\"", "", "1", "--XyZ--")),
                "multipart.disposition");
        assertMalformed(parsing(crlf("--XyZ", "Content-Disposition: attachment; name=\"a\"", "", "1", "--XyZ--")),
                "multipart.disposition");
    }

    @Test
    void decodesExtendedFileNames() throws Exception {
        CollectingSink sink = parse(crlf("--XyZ",
                "Content-Disposition: form-data; name=\"f\"; filename=\"a.txt\"; filename*=UTF-8''%E2%82%AC..%252f.php",
                "", "x", "--XyZ--"));

        assertThat(sink.lines()).containsExactly("NAME f=f", "FILENAME f=a.txt", "FILENAME f=€../.php", "VALUE f=x");
        RequestValue extended = sink.values.get(2);
        assertThat(extended.raw()).isEqualTo("UTF-8''%E2%82%AC..%252f.php");
        assertThat(extended.flags()).contains(DecodingFlag.MULTIPLE_ENCODING);
    }

    @Test
    void decodesLatin1ExtendedFileNames() throws Exception {
        CollectingSink sink = parse(crlf("--XyZ",
                "Content-Disposition: form-data; name=\"f\"; filename*=iso-8859-1'en'%A3%20rates.txt", "", "x", "--XyZ--"));

        assertThat(sink.first(Component.FILENAME, "f").decoded()).isEqualTo("£ rates.txt");
    }

    @Test
    void rejectsExtendedFileNamesInOtherCharsets() {
        assertMalformed(parsing(crlf("--XyZ", "Content-Disposition: form-data; name=\"f\"; filename*=UTF-7''x", "", "x",
                "--XyZ--")), "multipart.filename");
        assertMalformed(parsing(crlf("--XyZ", "Content-Disposition: form-data; name=\"f\"; filename*=x.txt", "", "x",
                "--XyZ--")), "multipart.filename");
    }

    @Test
    void percentDecodesFileNamesForInspection() throws Exception {
        CollectingSink sink = parse(crlf("--XyZ",
                "Content-Disposition: form-data; name=\"f\"; filename=\"..%2F..%2Fetc%2Fpasswd%00.png\"", "", "x", "--XyZ--"));

        RequestValue fileName = sink.first(Component.FILENAME, "f");
        assertThat(fileName.raw()).isEqualTo("..%2F..%2Fetc%2Fpasswd%00.png");
        assertThat(fileName.decoded()).isEqualTo("../../etc/passwd\0.png");
        assertThat(fileName.flags()).contains(DecodingFlag.NUL_BYTE);
        assertThat(fileName.location()).isEqualTo(new Location(Source.MULTIPART, "f", Component.FILENAME));
    }

    @Test
    void decodesUtf8FieldNamesAndFileNames() throws Exception {
        CollectingSink sink = parse(crlf("--XyZ", "Content-Disposition: form-data; name=\"städte\"; filename=\"Zürich.txt\"",
                "Content-Type: text/plain", "", "x", "--XyZ--"));

        assertThat(sink.lines()).containsExactly("NAME städte=städte", "FILENAME städte=Zürich.txt",
                "VALUE städte:content-type=text/plain", "VALUE städte=x");
    }

    @Test
    void emitsEveryPartHeaderButTheDisposition() throws Exception {
        CollectingSink sink = parse(crlf("--XyZ", "Content-Disposition: form-data; name=\"a\"", "X-Note:  ${jndi:ldap://x} ",
                "Content-Type: text/plain; charset=utf-8", "", "v", "--XyZ--"));

        assertThat(sink.lines()).containsExactly("NAME a=a", "VALUE a:x-note=${jndi:ldap://x}",
                "VALUE a:content-type=text/plain; charset=utf-8", "VALUE a=v");
    }

    @Test
    void decodesTextWithThePartCharset() throws Exception {
        byte[] latin1 = crlf("--XyZ", "Content-Disposition: form-data; name=\"a\"", "Content-Type: text/plain; charset=ISO-8859-1",
                "", "caf\u00e9", "--XyZ--").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(parse(parser, TYPE, latin1).first(Component.VALUE, "a").decoded()).isEqualTo("café");
    }

    @Test
    void rejectsAnUnknownCharset() {
        assertMalformed(parsing(crlf("--XyZ", "Content-Disposition: form-data; name=\"a\"", "Content-Type: text/plain; charset=x-nope",
                "", "v", "--XyZ--")), "multipart.charset");
    }

    @Test
    void flagsInvalidAndOverlongUtf8InText() throws Exception {
        byte[] head = crlf("--XyZ", "Content-Disposition: form-data; name=\"a\"", "", "").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n--XyZ--".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + 4 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = '.';
        body[head.length + 1] = (byte) 0xC0;
        body[head.length + 2] = (byte) 0xAF;
        body[head.length + 3] = (byte) 0xFF;
        System.arraycopy(tail, 0, body, head.length + 4, tail.length);

        RequestValue value = parse(parser, TYPE, body).first(Component.VALUE, "a");

        assertThat(value.decoded()).isEqualTo(".\uFFFD\uFFFD");
        assertThat(value.flags()).contains(DecodingFlag.INVALID_UTF8, DecodingFlag.OVERLONG_UTF8);
    }

    @Test
    void rejectsNestedMultipart() {
        assertMalformed(parsing(crlf("--XyZ", "Content-Disposition: form-data; name=\"files\"",
                "Content-Type: multipart/mixed; boundary=inner", "", "--inner--", "--XyZ--")), "multipart.nested");
    }

    @Test
    void rejectsEncodingsThatHideContent() {
        assertMalformed(parsing(crlf("--XyZ", "Content-Disposition: form-data; name=\"a\"",
                "Content-Transfer-Encoding: base64", "", "PHNjcmlwdD4=", "--XyZ--")), "multipart.transfer-encoding");
    }

    @Test
    void acceptsIdentityTransferEncodings() throws Exception {
        assertThat(parse(crlf("--XyZ", "Content-Disposition: form-data; name=\"a\"", "Content-Transfer-Encoding: 8bit",
                "", "v", "--XyZ--")).first(Component.VALUE, "a").decoded()).isEqualTo("v");
    }

    @Test
    void rejectsMorePartsThanTheLimit() {
        MultipartParser few = new MultipartParser(Limits.custom().multipartParts(2).build(), new PercentDecoder(3));
        String body = crlf(field("a", "1"), field("b", "2"), field("c", "3"), "--XyZ--");

        assertThatThrownBy(() -> parse(few, TYPE, body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("multipart.parts");
                    assertThat(e.limitValue()).isEqualTo(2);
                    assertThat(e.status()).isEqualTo(400);
                });
    }

    @Test
    void rejectsAPartLargerThanTheLimitWith413() {
        MultipartParser small = new MultipartParser(Limits.custom().multipartPartSize(100).build(), new PercentDecoder(3));
        String body = crlf("--XyZ", "Content-Disposition: form-data; name=\"f\"; filename=\"big.bin\"", "", "x".repeat(100),
                "--XyZ--");

        assertThatThrownBy(() -> parse(small, TYPE, body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("multipart.part-size");
                    assertThat(e.limitValue()).isEqualTo(100);
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.location()).isEqualTo(Location.value(Source.MULTIPART, "f"));
                });
    }

    @Test
    void rejectsAFieldValueOverTheParameterLimitButNotATextFile() throws Exception {
        MultipartParser small = new MultipartParser(Limits.custom().parameterValueLength(10).build(), new PercentDecoder(3));
        String longText = "y".repeat(11);

        assertThatThrownBy(() -> parse(small, TYPE, crlf(field("a", longText), "--XyZ--").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("parameters.value-length");
                    assertThat(e.status()).isEqualTo(400);
                });
        String textFile = crlf("--XyZ", "Content-Disposition: form-data; name=\"f\"; filename=\"a.txt\"",
                "Content-Type: text/plain", "", longText, "--XyZ--");
        assertThat(parse(small, TYPE, textFile.getBytes(StandardCharsets.UTF_8)).first(Component.VALUE, "f").decoded())
                .isEqualTo(longText);
    }

    @Test
    void rejectsAFieldNameOverTheParameterLimit() {
        MultipartParser small = new MultipartParser(Limits.custom().parameterNameLength(3).build(), new PercentDecoder(3));

        assertThatThrownBy(() -> parse(small, TYPE, crlf(field("abcd", "1"), "--XyZ--").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.limit()).isEqualTo("parameters.name-length"));
    }

    @Test
    void readsOnlyTheRemainingBytesOfTheBufferAndLeavesItsPosition() throws Exception {
        byte[] bytes = ("JUNK" + crlf(field("a", "1"), "--XyZ--") + "JUNK").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 4, bytes.length - 8).slice().asReadOnlyBuffer();
        ByteBuffer window = ByteBuffer.wrap(bytes).position(4).limit(bytes.length - 4).asReadOnlyBuffer();
        CollectingSink sink = new CollectingSink();

        parser.parse(buffer, TYPE, sink);
        parser.parse(window, TYPE, sink);

        assertThat(sink.lines()).containsExactly("NAME a=a", "VALUE a=1", "NAME a=a", "VALUE a=1");
        assertThat(window.position()).isEqualTo(4);
    }

    @Test
    void stopsWhenTheSinkStops() {
        String body = crlf(field("a", "1"), field("b", "2"), "--XyZ--");

        assertThatThrownBy(() -> parser.parse(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), TYPE, new CollectingSink(3)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo("test.count"));
    }

    @Test
    void scansAdversarialMegabyteBodiesInLinearTime() {
        int size = 1 << 20;
        String nearBoundary = "-".repeat(69) + "x";
        String nearType = "multipart/form-data; boundary=" + nearBoundary;
        String dashes = crlf("--" + nearBoundary, "Content-Disposition: form-data; name=\"f\"; filename=\"a\"", "",
                "-".repeat(size), "--" + nearBoundary + "--");
        String almost = crlf(field("a", ("\r\n--XyY").repeat(size / 7)), "--XyZ--");
        String manyHeaders = crlf("--XyZ", "Content-Disposition: form-data; name=\"a\"", "X: " + "x".repeat(size), "", "v", "--XyZ--");
        MultipartParser lenient = new MultipartParser(
                Limits.custom().parameterValueLength(size * 2).multipartPartSize(size * 2L).build(),
                new PercentDecoder(3));

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThat(parse(lenient, nearType, dashes.getBytes(StandardCharsets.US_ASCII)).values).hasSize(3);
            assertThat(parse(lenient, TYPE, almost.getBytes(StandardCharsets.US_ASCII)).values).hasSize(2);
            assertThat(parse(lenient, TYPE, manyHeaders.getBytes(StandardCharsets.US_ASCII)).values).hasSize(3);
        });
    }

    private static String part(String disposition, String value) {
        return crlf("--XyZ", "Content-Disposition: " + disposition, "", value);
    }

    @Test
    void inspectsAPartWithOnlyAnExtendedFileNameAsAField() throws Exception {
        CollectingSink sink = parse(crlf(part("form-data; name=\"q\"; filename*=UTF-8''a", "1' UNION SELECT"), "--XyZ--"));

        assertThat(sink.lines()).containsExactly("NAME q=q", "FILENAME q=a", "VALUE q=1' UNION SELECT");
    }

    @Test
    void inspectsAPartWithAnEmptyFileNameAsAField() throws Exception {
        CollectingSink sink = parse(crlf(part("form-data; name=\"q\"; filename=\"\"", "<script>"), "--XyZ--"));

        assertThat(sink.lines()).contains("VALUE q=<script>");
    }

    @Test
    void treatsAPartWithAPlainFileNameAsAFileWhateverItsExtendedFileName() throws Exception {
        CollectingSink sink = parse(crlf(
                part("form-data; name=\"a\"; filename=\"a.png\"", "\u0089PNG" + "\u0000".repeat(20)),
                part("form-data; name=\"b\"; filename=b.png; filename*=UTF-8''b%C3%A9.png", "\u0089PNG" + "\u0000".repeat(20)),
                "--XyZ--"));

        assertThat(sink.lines()).noneMatch(line -> line.startsWith("VALUE"));
    }

    @Test
    void holdsAnExtendedFileNamePartToTheParameterValueLength() {
        MultipartParser small = new MultipartParser(Limits.custom().parameterValueLength(10).build(), new PercentDecoder(3));

        assertThatThrownBy(() -> parse(small, TYPE, crlf(part("form-data; name=\"q\"; filename*=UTF-8''a.bin",
                "x".repeat(11)), "--XyZ--").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.limit()).isEqualTo("parameters.value-length"));
    }

    @Test
    void rejectsWhitespaceBeforeTheEqualsSignOfADispositionParameter() {
        assertMalformed(parsing(crlf(part("form-data; name=\"q\"; filename =\"a.png\"", "x"), "--XyZ--")),
                "multipart.disposition");
        assertMalformed(parsing(crlf(part("form-data; name =\"q\"", "x"), "--XyZ--")), "multipart.disposition");
    }

    @Test
    void acceptsWhitespaceAfterTheEqualsSignOfADispositionParameter() throws Exception {
        CollectingSink sink = parse(crlf(part("form-data; name= \"q\"", "x"), "--XyZ--"));

        assertThat(sink.lines()).containsExactly("NAME q=q", "VALUE q=x");
    }

    @Test
    void rejectsPartNamesThatContainersTrim() {
        assertMalformed(parsing(crlf(part("form-data; name=\" q\"", "x"), "--XyZ--")), "multipart.disposition");
        assertMalformed(parsing(crlf(part("form-data; name=\"q\t\"", "x"), "--XyZ--")), "multipart.disposition");
    }

    @Test
    void rejectsEncodedWordsInPartNamesAndFileNames() {
        assertMalformed(parsing(crlf(part("form-data; name=\"=?UTF-8?B?cQ==?=\"", "x"), "--XyZ--")),
                "multipart.disposition");
        assertMalformed(parsing(crlf(part("form-data; name=\"f\"; filename=\"=?UTF-8?Q?a?=\"", "x"), "--XyZ--")),
                "multipart.disposition");
    }

    @Test
    void readsAFieldWithItsOwnCharsetInUtf8Too() throws Exception {
        CollectingSink sink = parse(crlf("--XyZ", "Content-Disposition: form-data; name=\"q\"",
                "Content-Type: text/plain; charset=UTF-16BE", "", "<script>", "--XyZ--"));

        assertThat(sink.lines()).contains("VALUE q=<script>");
    }

    @Test
    void readsFieldsInTheCharsetOfTheRequestToo() throws Exception {
        byte[] body = crlf(part("form-data; name=\"q\"", "\u00e9"), "--XyZ--").getBytes(StandardCharsets.UTF_8);

        CollectingSink sink = parse(parser, TYPE + "; charset=ISO-8859-1", body);

        assertThat(sink.lines()).containsExactly("NAME q=q", "VALUE q=\u00e9", "VALUE q=\u00c3\u00a9");
    }

    @Test
    void readsEarlierFieldsInTheCharsetNamedByTheCharsetField() throws Exception {
        byte[] hidden = "<script>".getBytes(StandardCharsets.UTF_16BE);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes((part("form-data; name=\"q\"", "") ).getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(hidden);
        body.writeBytes(("\r\n" + crlf(part("form-data; name=\"_charset_\"", "UTF-16BE"), "--XyZ--"))
                .getBytes(StandardCharsets.US_ASCII));

        CollectingSink sink = parse(parser, TYPE, body.toByteArray());

        assertThat(sink.lines()).last().isEqualTo("VALUE q=<script>");
    }

    @Test
    void rejectsARequestCharsetThatDoesNotReadAsciiAsAscii() {
        assertMalformed(parsing(TYPE + "; charset=UTF-16", crlf(part("form-data; name=\"q\"", "x"), "--XyZ--")),
                "multipart.charset");
    }

    @Test
    void rejectsAnUnknownCharsetInTheCharsetField() {
        assertMalformed(parsing(crlf(part("form-data; name=\"_charset_\"", "no-such-charset"), "--XyZ--")),
                "multipart.charset");
    }


    @Test
    void rejectsNonAsciiPartNamesUnderARequestCharsetOtherThanUtf8() {
        assertMalformed(parsing(TYPE + "; charset=ISO-8859-1", crlf(part("form-data; name=\"st\u00e4dte\"", "x"), "--XyZ--")),
                "multipart.charset");
    }

    @Test
    void acceptsNonAsciiPartNamesUnderUtf8() throws Exception {
        byte[] body = crlf(part("form-data; name=\"st\u00e4dte\"", "x"), "--XyZ--").getBytes(StandardCharsets.UTF_8);

        assertThat(parse(parser, TYPE + "; charset=utf-8", body).lines()).containsExactly("NAME st\u00e4dte=st\u00e4dte", "VALUE st\u00e4dte=x");
    }

}
