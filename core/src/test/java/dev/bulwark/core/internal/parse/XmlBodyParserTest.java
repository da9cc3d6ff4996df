package dev.bulwark.core.internal.parse;

import static dev.bulwark.core.internal.parse.BodyParsing.assertMalformed;
import static dev.bulwark.core.internal.parse.BodyParsing.parse;
import static dev.bulwark.core.internal.parse.BodyParsing.parsing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.bulwark.core.Component;
import dev.bulwark.core.DecodingFlag;
import dev.bulwark.core.Location;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.Limits;
import dev.bulwark.core.internal.parse.BodyParsing.StreamParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class XmlBodyParserTest {

    private final StreamParser parser = new XmlBodyParser(Limits.defaults())::parse;

    static Stream<Arguments> documents() {
        return Stream.of(
                arguments(named("elements, attributes and text",
                        "<?xml version=\"1.0\"?>\n<order id=\"7\">\n  <item><name>tea</name></item>\n</order>"), List.of(
                        "NAME /order=order",
                        "NAME /order/@id=id",
                        "VALUE /order/@id=7",
                        "NAME /order/item=item",
                        "NAME /order/item/name=name",
                        "VALUE /order/item/name=tea")),
                arguments(named("processing instruction data",
                        "<?payload <script>alert(1)</script>?><a><?cmd rm -rf /?></a>"), List.of(
                        "NAME /?payload=payload",
                        "VALUE /?payload=<script>alert(1)</script>",
                        "NAME /a=a",
                        "NAME /a/?cmd=cmd",
                        "VALUE /a/?cmd=rm -rf /")),
                arguments(named("prefixes kept, namespace declarations as attributes",
                        "<s:env xmlns:s=\"urn:soap\"><s:body s:mode=\"x\">v</s:body></s:env>"), List.of(
                        "NAME /s:env=s:env",
                        "NAME /s:env/@xmlns:s=xmlns:s",
                        "VALUE /s:env/@xmlns:s=urn:soap",
                        "NAME /s:env/s:body=s:body",
                        "NAME /s:env/s:body/@s:mode=s:mode",
                        "VALUE /s:env/s:body/@s:mode=x",
                        "VALUE /s:env/s:body=v")));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void emitsNamesAndValuesByPathInDocumentOrder(String xml, List<String> lines) throws Exception {
        CollectingSink sink = parse(parser, xml);

        assertThat(sink.lines()).containsExactlyElementsOf(lines);
        assertThat(sink.allFrom(Source.XML)).isTrue();
    }

    @Test
    void decodesPredefinedAndCharacterReferences() throws Exception {
        CollectingSink sink = parse(parser, "<q a=\"&quot;&#39;\">&lt;script&gt;&#x61;</q>");

        assertThat(sink.first(Component.VALUE, "/q").decoded()).isEqualTo("<script>a");
        assertThat(sink.first(Component.VALUE, "/q/@a").decoded()).isEqualTo("\"'");
    }

    @Test
    void joinsTextSplitByCdataCommentsAndProcessingInstructions() throws Exception {
        CollectingSink sink = parse(parser, "<q>uni<!-- -->on <![CDATA[sel]]>ect<?x y?> 1</q>");

        assertThat(sink.first(Component.VALUE, "/q").decoded()).isEqualTo("union select 1");
    }

    @Test
    void skipsWhitespaceOnlyText() throws Exception {
        assertThat(parse(parser, "<a>\n  <b> </b>\t</a>").lines()).containsExactly("NAME /a=a", "NAME /a/b=b");
    }

    @Test
    void flagsControlCharactersFromCharacterReferences() throws Exception {
        assertThat(parse(parser, "<?xml version=\"1.1\"?><a>x&#x1;y</a>").first(Component.VALUE, "/a").flags()).contains(DecodingFlag.CONTROL_CHARACTER);
    }

    @Test
    void rejectsBillionLaughsAsDoctypeWithoutExpandingIt() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        xml.append(" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            xml.append(" <!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        xml.append("]>\n<lolz>&lol9;</lolz>");

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertMalformed(parsing(parser, xml.toString()), "xml.doctype"));
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

            assertMalformed(parsing(parser, "<!DOCTYPE r SYSTEM \"" + url + "\"><r/>"), "xml.doctype");
            assertMalformed(parsing(parser, "<!DOCTYPE r [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]><r/>"), "xml.doctype");
            assertThatThrownBy(server::accept).isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    @Test
    void rejectsUndeclaredEntities() {
        assertMalformed(parsing(parser, "<a>&nbsp;</a>"), "xml.syntax");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<a>", "<a></b>", "<a/><b/>", "<a/>trailing", "text", "<a x=1/>", "<a x='1' x='2'/>"})
    void rejectsDocumentsThatAreNotWellFormed(String xml) {
        assertMalformed(parsing(parser, xml), "xml.syntax");
    }

    @Test
    void rejectsOverlongUtf8() {
        byte[] overlong = {'<', 'a', '>', '.', '.', (byte) 0xC0, (byte) 0xAF, '<', '/', 'a', '>'};

        assertMalformed(parsing(parser, overlong), "xml.encoding");
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        byte[] invalid = {'<', 'a', '>', (byte) 0xFF, '<', '/', 'a', '>'};

        assertMalformed(parsing(parser, invalid), "xml.encoding");
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
        assertMalformed(parsing(parser, "<?xml version=\"1.0\" encoding=\"UTF-7\"?><a>+ADw-script+AD4-</a>"), "xml.encoding");
    }

    @Test
    void rejectsNestingDeeperThanTheLimitWithoutStackOverflow() {
        String deep = "<a>".repeat(100_000) + "</a>".repeat(100_000);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(parsing(parser, deep)).isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("xml.depth");
                    assertThat(e.limitValue()).isEqualTo(100);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.location().name()).isEqualTo("/a".repeat(100));
                }));
    }

    @Test
    void acceptsNestingAtTheDepthLimit() throws Exception {
        StreamParser shallow = new XmlBodyParser(Limits.custom().xmlDepth(3).build())::parse;

        assertThat(parse(shallow, "<a><b><c>x</c></b></a>").values).hasSize(4);
        assertThatThrownBy(parsing(shallow, "<a><b><c><d/></c></b></a>")).isInstanceOfSatisfying(
                LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo("xml.depth"));
    }

    @Test
    void rejectsMoreElementsThanTheLimit() {
        String many = "<r>" + "<i/>".repeat(10_000) + "</r>";

        assertThatThrownBy(parsing(parser, many)).isInstanceOfSatisfying(LimitExceededException.class, e -> {
            assertThat(e.limit()).isEqualTo("xml.elements");
            assertThat(e.limitValue()).isEqualTo(10_000);
            assertThat(e.status()).isEqualTo(400);
        });
    }

    @Test
    void rejectsTextOverTheStringLimit() {
        StreamParser small = new XmlBodyParser(Limits.custom().jsonStringLength(8).build())::parse;

        assertThatThrownBy(parsing(small, "<a><b>12345<!---->6789</b></a>"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("json.string-length");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.location()).isEqualTo(Location.value(Source.XML, "/a/b"));
                });
    }

    @Test
    void rejectsAnAttributeOverTheStringLimit() {
        assertThatThrownBy(parsing(parser, "<a v=\"" + "x".repeat(100_000) + "\"/>"))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("json.string-length");
                    assertThat(e.location()).isEqualTo(Location.value(Source.XML, "/a/@v"));
                });
    }

    @Test
    void parsesAdversarialMegabyteBodiesInLinearTime() {
        StreamParser lenient = new XmlBodyParser(Limits.custom().xmlElements(1_000_000).jsonStringLength(2_000_000).build())::parse;
        String[] bodies = {
            "<r>" + "<i a=\"1\"/>".repeat(100_000) + "</r>",
            "<r>" + "x<!---->".repeat(120_000) + "</r>",
            "<r>" + "&lt;".repeat(250_000) + "</r>",
        };
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (String body : bodies) {
                parse(lenient, body);
            }
        });
    }
}
