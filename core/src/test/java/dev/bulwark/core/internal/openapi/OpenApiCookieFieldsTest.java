package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Headers;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.config.BulwarkConfig;
import org.junit.jupiter.api.Test;

/**
 * Cookie parameters are checked whether a client sends its cookies in one {@code Cookie} field or,
 * as HTTP/2 allows (RFC 9113, section 8.2.3), in several.
 */
class OpenApiCookieFieldsTest {

    private static final Bulwark BULWARK = Bulwark.create(BulwarkConfig.fromYaml("""
            openapi:
              specs: [{location: "classpath:openapi/cookies.yaml"}]
            """));

    private static Decision get(String... cookieFields) {
        Headers.Builder headers = Headers.builder();
        for (String field : cookieFields) {
            headers.add("Cookie", field);
        }
        return BULWARK.evaluate(HttpRequest.builder("GET", "/items").headers(headers.build()).build());
    }

    @Test
    void allowsValidCookiesSplitOverTwoFields() {
        assertThat(get("theme=dark", "lang=en").allowed()).isTrue();
    }

    @Test
    void blocksInvalidCookieInTheSecondField() {
        Decision decision = get("lang=en", "theme=blue");

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.findings()).extracting(finding -> finding.location().toString())
                .containsExactly("cookie:theme");
    }

    @Test
    void blocksInvalidRequiredCookieInTheSecondField() {
        assertThat(get("theme=dark", "lang=fr").findings()).extracting(Finding::ruleId)
                .containsExactly("validation.request.parameter.schema.enum");
    }

    @Test
    void checksCookiesOfOneFieldAsBefore() {
        assertThat(get("theme=dark; lang=en").allowed()).isTrue();
        assertThat(get("lang=en; theme=blue").blocked()).isTrue();
    }
}
