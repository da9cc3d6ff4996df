package dev.bulwark.core.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Component;
import dev.bulwark.core.DecodingFlag;
import dev.bulwark.core.Location;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.Limits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmlBodyParserTest {

    private final XmlBodyParser parser = new XmlBodyParser(Limits.defaults());

    private CollectingSink parse(String xml) throws Exception {
        return parse(parser, xml.getBytes(StandardCharsets.UTF_8));
    }

    private static CollectingSink parse(XmlBodyParser parser, byte[] xml) throws Exception {
        CollectingSink sink = new CollectingSink();
        parser.parse(new ByteArrayInputStream(xml), sink);
        return sink;
    }

    private ThrowingCallable parsing(String xml) {
        return () -> parse(xml);
    }

    private static ThrowingCallable parsing(XmlBodyParser parser, String xml) {
        return () -> parse(parser, xml.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertMalformed(ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(MalformedRequestException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void emitsElementNamesAttributesAndTextByPathInDocumentOrder() throws Exception {
        CollectingSink sink = parse("<?xml version=\"1.0\"?>\n<order id=\"7\">\n  <item><name>tea</name></item>\n</order>");

        assertThat(sink.lines()).containsExactly(
                "NAME /order=order",
                "NAME /order/@id=id",
                "VALUE /order/@id=7",
                "NAME /order/item=item",
                "NAME /order/item/name=name",
                "VALUE /order/item/name=tea");
        assertThat(sink.allFrom(Source.XML)).isTrue();
    }

    @Test
    void decodesPredefinedAndCharacterReferences() throws Exception {
        CollectingSink sink = parse("<q a=\"&quot;&#39;\">&lt;script&gt;&#x61;</q>");

        assertThat(sink.first(Component.VALUE, "/q").decoded()).isEqualTo("<script>a");
        assertThat(sink.first(Component.VALUE, "/q/@a").decoded()).isEqualTo("\"'");
    }

    @Test
    void joinsTextSplitByCdataCommentsAndProcessingInstructions() throws Exception {
        CollectingSink sink = parse("<q>uni<!-- -->on <![CDATA[sel]]>ect<?x y?> 1</q>");

        assertThat(sink.first(Component.VALUE, "/q").decoded()).isEqualTo("union select 1");
    }

    @Test
    void skipsWhitespaceOnlyText() throws Exception {
        assertThat(parse("<a>\n  <b> </b>\t</a>").lines()).containsExactly("NAME /a=a", "NAME /a/b=b");
    }

    @Test
    void emitsProcessingInstructionData() throws Exception {
        CollectingSink sink = parse("<?payload <script>alert(1)</script>?><a><?cmd rm -rf /?></a>");

        assertThat(sink.lines()).containsExactly(
                "NAME /?payload=payload",
                "VALUE /?payload=<script>alert(1)</script>",
                "NAME /a=a",
                "NAME /a/?cmd=cmd",
                "VALUE /a/?cmd=rm -rf /");
    }

    @Test
    void keepsPrefixesAndEmitsNamespaceDeclarations() throws Exception {
        CollectingSink sink = parse("<s:env xmlns:s=\"urn:soap\"><s:body s:mode=\"x\">v</s:body></s:env>");

        assertThat(sink.lines()).containsExactly(
                "NAME /s:env=s:env",
                "NAME /s:env/@xmlns:s=xmlns:s",
                "VALUE /s:env/@xmlns:s=urn:soap",
                "NAME /s:env/s:body=s:body",
                "NAME /s:env/s:body/@s:mode=s:mode",
                "VALUE /s:env/s:body/@s:mode=x",
                "VALUE /s:env/s:body=v");
    }

    @Test
    void flagsControlCharactersFromCharacterReferences() throws Exception {
        assertThat(parse("<?xml version=\"1.1\"?><a>x&#x1;y</a>").first(Component.VALUE, "/a").flags()).contains(DecodingFlag.CONTROL_CHARACTER);
    }

    @Test
    void rejectsBillionLaughsAsDoctypeWithoutExpandingIt() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        xml.append(" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            xml.append(" <!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        xml.append("]>\n<lolz>&lol9;</lolz>");

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertMalformed(parsing(xml.toString()), "xml.doctype"));
    }

    @Test
    void rejectsExternalEntitiesAsDoctype(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><r>&x;</r>";
        CollectingSink sink = new CollectingSink();

        assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(xxe.getBytes(StandardCharsets.UTF_8)), sink))
                .isInstanceOfSatisfying(MalformedRequestException.class, e -> {
                    assertThat(e.reason()).isEqualTo("xml.doctype");
                    assertThat(e.getMessage()).doesNotContain("TOP-SECRET");
                });
        assertThat(sink.lines()).noneMatch(line -> line.contains("TOP-SECRET"));
    }

    @Test
    void neverFetchesAnExternalDtd() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(200);
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/evil.dtd";

            assertMalformed(parsing("<!DOCTYPE r SYSTEM \"" + url + "\"><r/>"), "xml.doctype");
            assertMalformed(parsing("<!DOCTYPE r [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]><r/>"), "xml.doctype");
            assertThatThrownBy(server::accept).isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    @Test
    void rejectsUndeclaredEntities() {
        assertMalformed(parsing("<a>&nbsp;</a>"), "xml.syntax");
    }

    @Test
    void rejectsDocumentsThatAreNotWellFormed() {
        for (String xml : new String[] {"", "<a>", "<a></b>", "<a/><b/>", "<a/>trailing", "text", "<a x=1/>", "<a x='1' x='2'/>"}) {
            assertMalformed(parsing(xml), "xml.syntax");
        }
    }

    @Test
    void rejectsOverlongUtf8() {
        byte[] overlong = {'<', 'a', '>', '.', '.', (byte) 0xC0, (byte) 0xAF, '<', '/', 'a', '>'};

        assertMalformed(() -> parse(parser, overlong), "xml.encoding");
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        byte[] invalid = {'<', 'a', '>', (byte) 0xFF, '<', '/', 'a', '>'};

        assertMalformed(() -> parse(parser, invalid), "xml.encoding");
    }

    @Test
    void decodesTheEncodingOfTheXmlDeclaration() throws Exception {
        byte[] latin1 = "<?xml version='1.0' encoding='ISO-8859-1'?><a>caf\u00e9</a>".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(parse(parser, latin1).first(Component.VALUE, "/a").decoded()).isEqualTo("café");
    }

    @Test
    void decodesUtf16WithAndWithoutByteOrderMark() throws Exception {
        byte[] withBom = "\uFEFF<a>\u00e9</a>".getBytes(StandardCharsets.UTF_16BE);
        byte[] withoutBom = "<?xml version=\"1.0\" encoding=\"UTF-16LE\"?><a>\u00e9</a>".getBytes(StandardCharsets.UTF_16LE);

        assertThat(parse(parser, withBom).first(Component.VALUE, "/a").decoded()).isEqualTo("é");
        assertThat(parse(parser, withoutBom).first(Component.VALUE, "/a").decoded()).isEqualTo("é");
    }

    @Test
    void skipsAUtf8ByteOrderMark() throws Exception {
        byte[] xml = "\uFEFF<a>x</a>".getBytes(StandardCharsets.UTF_8);

        assertThat(parse(parser, xml).first(Component.VALUE, "/a").decoded()).isEqualTo("x");
    }

    @Test
    void rejectsAnEncodingTheJdkDoesNotKnow() {
        assertMalformed(parsing("<?xml version=\"1.0\" encoding=\"UTF-7\"?><a>+ADw-script+AD4-</a>"), "xml.encoding");
    }

    @Test
    void rejectsNestingDeeperThanTheLimitWithoutStackOverflow() {
        String deep = "<a>".repeat(100_000) + "</a>".repeat(100_000);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(parsing(deep)).isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("xml.depth");
                    assertThat(e.limitValue()).isEqualTo(100);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.location().name()).isEqualTo("/a".repeat(100));
                }));
    }

    @Test
    void acceptsNestingAtTheDepthLimit() throws Exception {
        XmlBodyParser shallow = new XmlBodyParser(Limits.custom().xmlDepth(3).build());

        assertThat(parse(shallow, "<a><b><c>x</c></b></a>".getBytes(StandardCharsets.UTF_8)).values).hasSize(4);
        assertThatThrownBy(parsing(shallow, "<a><b><c><d/></c></b></a>")).isInstanceOfSatisfying(
                LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo("xml.depth"));
    }

    @Test
    void rejectsMoreElementsThanTheLimit() {
        String many = "<r>" + "<i/>".repeat(10_000) + "</r>";

        assertThatThrownBy(parsing(many)).isInstanceOfSatisfying(LimitExceededException.class, e -> {
            assertThat(e.limit()).isEqualTo("xml.elements");
            assertThat(e.limitValue()).isEqualTo(10_000);
            assertThat(e.status()).isEqualTo(400);
        });
    }

    @Test
    void rejectsTextOverTheStringLimit() {
        XmlBodyParser small = new XmlBodyParser(Limits.custom().jsonStringLength(8).build());

        assertThatThrownBy(parsing(small, "<a><b>12345<!---->6789</b></a>"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("json.string-length");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.location()).isEqualTo(Location.value(Source.XML, "/a/b"));
                });
    }

    @Test
    void rejectsAnAttributeOverTheStringLimit() {
        assertThatThrownBy(parsing("<a v=\"" + "x".repeat(100_000) + "\"/>"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("json.string-length");
                    assertThat(e.location()).isEqualTo(Location.value(Source.XML, "/a/@v"));
                });
    }

    @Test
    void parsesAdversarialMegabyteBodiesInLinearTime() {
        XmlBodyParser lenient = new XmlBodyParser(Limits.custom().xmlElements(1_000_000).jsonStringLength(2_000_000).build());
        String[] bodies = {
            "<r>" + "<i a=\"1\"/>".repeat(100_000) + "</r>",
            "<r>" + "x<!---->".repeat(120_000) + "</r>",
            "<r>" + "&lt;".repeat(250_000) + "</r>",
        };
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (String body : bodies) {
                parse(lenient, body.getBytes(StandardCharsets.UTF_8));
            }
        });
    }
}
