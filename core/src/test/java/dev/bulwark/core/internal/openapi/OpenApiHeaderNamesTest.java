package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Violation;
import dev.bulwark.core.config.BulwarkConfig;
import org.junit.jupiter.api.Test;

/**
 * A header the contract asks for is found only under its name spelt in ASCII, as field names are
 * (RFC 9110, section 5.1): a look-alike with a dotless i does not meet an API key requirement.
 */
class OpenApiHeaderNamesTest {

    private static final Bulwark BULWARK = Bulwark.create(BulwarkConfig.fromYaml("""
            openapi:
              specs: [{location: "classpath:openapi/api-key.yaml"}]
            """));

    @Test
    void allowsApiKeyUnderItsNameInAnyCase() {
        assertThat(BULWARK.evaluate(HttpRequest.builder("GET", "/items").header("x-api-key", "k1").build())
                .allowed()).isTrue();
    }

    @Test
    void blocksApiKeyUnderANameWithADotlessI() {
        assertThat(BULWARK.evaluate(HttpRequest.builder("GET", "/items").header("X-Ap\u0131-Key", "k1").build())
                .violations()).containsExactly(new Violation("validation.request.security.missing", "request"));
    }
}
