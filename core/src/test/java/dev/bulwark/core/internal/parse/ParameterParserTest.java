package dev.bulwark.core.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.bulwark.core.Component;
import dev.bulwark.core.DecodingFlag;
import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.Limits;
import dev.bulwark.core.internal.decode.PercentDecoder;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterParserTest {

    private final ParameterParser parser = new ParameterParser(Limits.defaults(), new PercentDecoder(3));

    private CollectingSink parse(String raw, Source source) throws LimitExceededException {
        CollectingSink sink = new CollectingSink();
        parser.parse(raw, source, sink);
        return sink;
    }

    @Test
    void emitsNameThenValueForEachPairInOrder() throws Exception {
        CollectingSink sink = parse("q=shoes&page=2", Source.QUERY);

        assertThat(sink.lines()).containsExactly("NAME q=q", "VALUE q=shoes", "NAME page=page", "VALUE page=2");
        assertThat(sink.allFrom(Source.QUERY)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=1&b&c=3", "=x&y=", "&&a==b=c&", "a&b&c=d=e", "k=v", "", "&", "=", "a=%26&%3D=b"})
    void splitsAStringAsAnyOtherCharSequence(String raw) throws Exception {
        CollectingSink fromString = new CollectingSink();
        CollectingSink fromBuilder = new CollectingSink();

        parser.parse(raw, Source.QUERY, fromString);
        parser.parse(new StringBuilder(raw), Source.QUERY, fromBuilder);

        assertThat(fromString.lines()).isEqualTo(fromBuilder.lines());
    }

    @Test
    void splitsManyParametersWithoutEqualsSignsInLinearTime() {
        String raw = "a&".repeat(200_000) + "b=1";

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            CollectingSink sink = new CollectingSink();
            parser.parse(raw, Source.QUERY, sink);
            assertThat(sink.lines()).hasSize(400_002).endsWith("VALUE b=1");
        });
    }

    @Test
    void tagsValuesWithTheGivenSource() throws Exception {
        assertThat(parse("a=b", Source.FORM).allFrom(Source.FORM)).isTrue();
    }

    @Test
    void keepsTheRawTextAndDecodesNameAndValueWithPlusAsSpace() throws Exception {
        CollectingSink sink = parse("first+name=J%C3%B6rg+M%C3%BCller", Source.QUERY);

        RequestValue name = sink.values.get(0);
        RequestValue value = sink.values.get(1);
        assertThat(name.location()).isEqualTo(Location.name(Source.QUERY, "first name"));
        assertThat(name.raw()).isEqualTo("first+name");
        assertThat(name.decoded()).isEqualTo("first name");
        assertThat(value.location()).isEqualTo(Location.value(Source.QUERY, "first name"));
        assertThat(value.raw()).isEqualTo("J%C3%B6rg+M%C3%BCller");
        assertThat(value.decoded()).isEqualTo("Jörg Müller");
    }

    static Stream<Arguments> pairs() {
        return Stream.of(
                arguments(named("splits only at the first equals sign", "token=a=b=="),
                        List.of("NAME token=token", "VALUE token=a=b==")),
                arguments(named("gives a name without equals sign the empty value", "debug&x=1"),
                        List.of("NAME debug=debug", "VALUE debug=", "NAME x=x", "VALUE x=1")),
                arguments(named("emits an empty name", "=value"), List.of("NAME =", "VALUE =value")),
                arguments(named("skips empty pairs", "&&a=1&&&b=2&"), List.of("NAME a=a", "VALUE a=1", "NAME b=b", "VALUE b=2")),
                arguments(named("emits nothing for nothing", ""), List.of()),
                arguments(named("does not split on semicolons", "a=1;b=2"), List.of("NAME a=a", "VALUE a=1;b=2")),
                arguments(named("does not split on an encoded ampersand", "a=1%26b%3D2"), List.of("NAME a=a", "VALUE a=1&b=2")));
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void splitsPairsAtAmpersandsAndNamesAtTheFirstEqualsSign(String query, List<String> lines) throws Exception {
        assertThat(parse(query, Source.QUERY).lines()).containsExactlyElementsOf(lines);
    }

    @Test
    void carriesDecodingFlags() throws Exception {
        CollectingSink sink = parse("file=..%252f..%252fetc%252fpasswd%00", Source.QUERY);

        RequestValue value = sink.first(Component.VALUE, "file");
        assertThat(value.decoded()).isEqualTo("../../etc/passwd\0");
        assertThat(value.flags()).contains(DecodingFlag.MULTIPLE_ENCODING, DecodingFlag.NUL_BYTE);
    }

    @Test
    void rejectsANameOverTheLimitAfterDecoding() {
        ParameterParser small = new ParameterParser(Limits.custom().parameterNameLength(3).build(), new PercentDecoder(3));

        assertThatThrownBy(() -> small.parse("%61%62%63=1&abcd=1", Source.QUERY, new CollectingSink()))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("parameters.name-length");
                    assertThat(e.limitValue()).isEqualTo(3);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.location()).isEqualTo(Location.name(Source.QUERY, "abcd"));
                });
    }

    @Test
    void rejectsAValueOverTheLimitAfterDecoding() throws Exception {
        ParameterParser small = new ParameterParser(Limits.custom().parameterValueLength(3).build(), new PercentDecoder(3));
        small.parse("a=%41%42%43", Source.FORM, new CollectingSink());

        assertThatThrownBy(() -> small.parse("a=ABCD", Source.FORM, new CollectingSink()))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("parameters.value-length");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.location()).isEqualTo(Location.value(Source.FORM, "a"));
                });
    }

    @Test
    void shortensAHugeNameInTheLimitLocation() {
        assertThatThrownBy(() -> parser.parse("x".repeat(100_000) + "=1", Source.QUERY, new CollectingSink()))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.location().name()).hasSizeLessThanOrEqualTo(Names.MAX_REPORTED_NAME + 1));
    }

    @Test
    void leavesCountingHundredThousandParametersToTheSink() {
        String flood = "p=1&".repeat(100_000);
        CollectingSink sink = new CollectingSink(2 * 128);

        assertThatThrownBy(() -> parser.parse(flood, Source.QUERY, sink))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo("test.count"));
        assertThat(sink.values).hasSize(256);
    }

    @Test
    void streamsHundredThousandParametersInLinearTime() {
        String flood = "p=1&".repeat(100_000) + "q";
        CollectingSink sink = new CollectingSink();

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> parser.parse(flood, Source.QUERY, sink));
        assertThat(sink.values).hasSize(200_002);
    }

    @Test
    void parsesAMegabyteOfEqualsSignsInLinearTime() {
        ParameterParser lenient = new ParameterParser(Limits.custom().parameterValueLength(2_000_000).build(),
                new PercentDecoder(3));

        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> lenient.parse("=".repeat(1 << 20), Source.FORM, new CollectingSink()));
    }
}
