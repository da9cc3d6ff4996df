package dev.bulwark.core.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Headers;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.Limits;
import dev.bulwark.core.internal.decode.PathNormalizer;
import dev.bulwark.core.internal.decode.PercentDecoder;
import dev.bulwark.core.internal.rules.HtmlEntities;
import dev.bulwark.core.internal.rules.Unescaper;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds every parser and decoder thousands of randomly mutated versions of valid input. Whatever
 * the bytes, a parser may only finish or throw one of its two exceptions.
 */
class MutatedInputTest {

    private static final int ROUNDS = 3_000;
    private static final byte[] INTERESTING = "\r\n-\"\\;:=&%<>/[]{},'!?0x\u0000 ".getBytes(StandardCharsets.ISO_8859_1);

    private final Limits limits = Limits.custom().jsonDepth(8).xmlDepth(8).build();
    private final PercentDecoder decoder = new PercentDecoder(3);

    @FunctionalInterface
    private interface Target {
        void run(byte[] input) throws Exception;
    }

    private static void survives(String sample, long seed, Target target) {
        Random random = new Random(seed);
        byte[] original = sample.getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] input = mutate(original, random);
            try {
                target.run(input);
            } catch (LimitExceededException | MalformedRequestException expected) {
                assertThat(expected.getMessage()).isNotNull();
            } catch (Throwable unexpected) {
                throw new AssertionError("input " + new String(input, StandardCharsets.ISO_8859_1), unexpected);
            }
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] input = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int kind = random.nextInt(4);
            if (input.length == 0) {
                return new byte[] {INTERESTING[random.nextInt(INTERESTING.length)]};
            }
            int at = random.nextInt(input.length);
            switch (kind) {
                case 0 -> input[at] = (byte) random.nextInt(256);
                case 1 -> input[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 2 -> {
                    byte[] shorter = new byte[at];
                    System.arraycopy(input, 0, shorter, 0, at);
                    input = shorter;
                }
                default -> {
                    int length = 1 + random.nextInt(Math.min(16, input.length - at));
                    byte[] longer = new byte[input.length + length];
                    System.arraycopy(input, 0, longer, 0, at + length);
                    System.arraycopy(input, at, longer, at + length, input.length - at);
                    input = longer;
                }
            }
        }
        return input;
    }

    private static String latin1(byte[] input) {
        return new String(input, StandardCharsets.ISO_8859_1);
    }

    @Test
    void jsonParserThrowsOnlyItsOwnExceptions() {
        JsonBodyParser parser = new JsonBodyParser(limits);
        survives("{\"a\":[1,\"x\\u0041\",{\"b/~\":null,\"c\":[true,false,-1.5e3]}],\"d\":\"\u00e9\"}", 1,
                input -> parser.parse(new ByteArrayInputStream(input), new CollectingSink()));
    }

    @Test
    void xmlParserThrowsOnlyItsOwnExceptions() {
        XmlBodyParser parser = new XmlBodyParser(limits);
        survives("<?xml version=\"1.0\"?><a x=\"1\" xmlns:p=\"urn:p\"><p:b>t&amp;<![CDATA[c]]></p:b><?pi d?><!--c--></a>", 2,
                input -> parser.parse(new ByteArrayInputStream(input), new CollectingSink()));
    }

    @Test
    void multipartParserThrowsOnlyItsOwnExceptions() {
        MultipartParser parser = new MultipartParser(limits, decoder);
        String body = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.txt\"; filename*=UTF-8''%41\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nt\r\n--b--\r\n";
        survives(body, 3, input -> parser.parse(ByteBuffer.wrap(input), "multipart/form-data; boundary=b", new CollectingSink()));
        survives("multipart/form-data; boundary=\"b\"; charset=utf-8", 4,
                input -> parser.parse(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), latin1(input), new CollectingSink()));
    }

    @Test
    void parameterAndCookieParsersThrowOnlyTheirOwnExceptions() {
        ParameterParser parameters = new ParameterParser(limits, decoder);
        CookieParser cookies = new CookieParser(limits);
        survives("a=1&b=%41%u0042+c&d&=e&f=%C3%A9%25", 5, input -> parameters.parse(latin1(input), Source.QUERY, new CollectingSink()));
        survives("a=1; b=\"q\"; c=%41+; d", 6,
                input -> cookies.parse(Headers.builder().add("Cookie", latin1(input)).build(), new CollectingSink()));
    }

    @Test
    void decodersNeverThrow() {
        PathNormalizer paths = new PathNormalizer(decoder);
        survives("/a/%2e%2e/b;c=d/..;/%u002e\\e//f%C0%AF&lt;&#x41;\\u0041\\x41\\101", 7, input -> {
            String text = latin1(input);
            decoder.decode(text, true);
            paths.normalize(text);
            HtmlEntities.decode(text);
            Unescaper.decode(text);
        });
    }
}
