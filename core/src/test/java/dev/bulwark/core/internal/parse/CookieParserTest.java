package dev.bulwark.core.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Component;
import dev.bulwark.core.Headers;
import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.Limits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CookieParserTest {

    private final CookieParser parser = new CookieParser(Limits.defaults());

    private CollectingSink parse(Headers headers) throws LimitExceededException {
        CollectingSink sink = new CollectingSink();
        parser.parse(headers, sink);
        return sink;
    }

    private static Headers cookies(String... values) {
        Headers.Builder builder = Headers.builder().add("Host", "example.com");
        for (String value : values) {
            builder.add("Cookie", value);
        }
        return builder.build();
    }

    @Test
    void emitsNameThenValueOfEachCookie() throws Exception {
        CollectingSink sink = parse(cookies("SID=31d4d96e407aad42; lang=en-US"));

        assertThat(sink.lines()).containsExactly("NAME SID=SID", "VALUE SID=31d4d96e407aad42", "NAME lang=lang",
                "VALUE lang=en-US");
        assertThat(sink.allFrom(Source.COOKIE)).isTrue();
    }

    @Test
    void readsEveryCookieHeaderFieldWhateverTheCaseOfItsName() throws Exception {
        Headers headers = Headers.builder().add("Cookie", "a=1").add("cookie", "b=2").add("X-Cookie", "c=3").build();

        assertThat(parse(headers).lines()).containsExactly("NAME a=a", "VALUE a=1", "NAME b=b", "VALUE b=2");
    }

    @Test
    void trimsSpacesAndTabsAndSkipsEmptyPieces() throws Exception {
        assertThat(parse(cookies(" ;\ta = 1 ;; b=2; ")).lines())
                .containsExactly("NAME a=a", "VALUE a=1", "NAME b=b", "VALUE b=2");
    }

    @Test
    void keepsQuotedValuesAsSent() throws Exception {
        RequestValue value = parse(cookies("q=\"a b\"")).first(Component.VALUE, "q");

        assertThat(value.raw()).isEqualTo("\"a b\"");
        assertThat(value.decoded()).isEqualTo("\"a b\"");
    }

    @Test
    void splitsAtTheFirstEqualsSign() throws Exception {
        assertThat(parse(cookies("jwt=a.b=c==")).first(Component.VALUE, "jwt").decoded()).isEqualTo("a.b=c==");
    }

    @Test
    void readsACookieWithoutEqualsSignAsANameWithTheEmptyValue() throws Exception {
        assertThat(parse(cookies("flag; a=1")).lines()).containsExactly("NAME flag=flag", "VALUE flag=", "NAME a=a", "VALUE a=1");
    }

    @Test
    void percentDecodesValuesButKeepsTheRawText() throws Exception {
        RequestValue value = parse(cookies("pref=1%27+or+%271%27%3D%271")).first(Component.VALUE, "pref");

        assertThat(value.raw()).isEqualTo("1%27+or+%271%27%3D%271");
        assertThat(value.decoded()).isEqualTo("1' or '1'='1");
        assertThat(value.location()).isEqualTo(Location.value(Source.COOKIE, "pref"));
    }

    @Test
    void rejectsMoreCookiesThanTheLimitAcrossHeaderFields() {
        CookieParser small = new CookieParser(Limits.custom().cookieCount(2).build());

        assertThatThrownBy(() -> small.parse(cookies("a=1", "b=2; c=3"), new CollectingSink()))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo("cookies.count");
                    assertThat(e.limitValue()).isEqualTo(2);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.location().name()).isEqualTo("c");
                });
    }

    @Test
    void acceptsCookiesUpToTheLimit() throws Exception {
        CookieParser small = new CookieParser(Limits.custom().cookieCount(2).build());
        CollectingSink sink = new CollectingSink();

        small.parse(cookies("a=1", "b=2"), sink);

        assertThat(sink.values).hasSize(4);
    }

    @Test
    void emitsNothingWithoutCookieHeader() throws Exception {
        assertThat(parse(Headers.empty()).values).isEmpty();
    }

    @Test
    void parsesAdversarialMegabyteHeadersInLinearTime() {
        CookieParser lenient = new CookieParser(Limits.custom().cookieCount(Integer.MAX_VALUE).build());
        String[] fields = {"a".repeat(1 << 20) + "=", ";".repeat(1 << 20), "x;".repeat(1 << 19) + "=", "=".repeat(1 << 20)};
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (String field : fields) {
                lenient.parse(cookies(field), new CollectingSink());
            }
        });
    }
}
