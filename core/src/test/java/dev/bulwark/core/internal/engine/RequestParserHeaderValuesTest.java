package dev.bulwark.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.internal.decode.PercentDecoder;
import dev.bulwark.core.internal.parse.HeaderLocations;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestParserHeaderValuesTest {

    /**
     * An engine's parsers (the global one and those of routes with limits of their own) share one
     * table of the recent value of each header; whatever the values and their order (repeated,
     * changing on every request, escaped, with control characters, more headers than the table
     * holds) and whichever parser reads them, each header value must be what decoding it afresh
     * gives.
     */
    @Test
    void givesEveryHeaderValueAsDecodingItAfreshDoes() throws Exception {
        BulwarkConfig config = BulwarkConfig.defaults();
        RecentHeaderValues shared = new RecentHeaderValues(new PercentDecoder(config.decodingPasses()));
        RequestParser[] parsers = {new RequestParser(config, config.limits(), shared),
            new RequestParser(config, config.limits(), shared)};
        PercentDecoder fresh = new PercentDecoder(config.decodingPasses());
        String[] values = {"Mozilla/5.0 (X11)", "Bearer abc.def", "a%20b", "a%2520b", "tab\there", "nul\u0000x", "%C3%A9",
            "%zz", "", "same", "x".repeat(3000)};
        Random random = new Random(41);
        for (int run = 0; run < 3_000; run++) {
            HttpRequest.Builder request = HttpRequest.builder("GET", "/a").header("Host", "h");
            for (int k = random.nextInt(6); k > 0; k--) {
                String name = random.nextInt(4) == 0 ? "X-Extra-" + random.nextInt(300) : "X-H" + random.nextInt(5);
                String value = random.nextInt(5) == 0 ? "id-" + run : values[random.nextInt(values.length)];
                request.header(name, value);
            }
            HttpRequest built = request.build();
            List<RequestValue> parsed = new ArrayList<>();
            RequestParser parser = parsers[random.nextInt(parsers.length)];
            parser.parse(built, parser.normalize(built.rawPath()), parsed);

            List<RequestValue> expected = new ArrayList<>();
            built.headers().all().stream().filter(header -> !header.lowerCaseName().equals("host"))
                    .forEach(header -> expected.add(fresh.decodeValue(HeaderLocations.valueOf(header.lowerCaseName()),
                            header.value(), false)));
            assertThat(parsed.stream().filter(value -> value.location().source() == Source.HEADER).toList())
                    .isEqualTo(expected);
        }
    }
}
