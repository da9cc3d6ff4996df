package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Violation;
import dev.bulwark.core.config.BulwarkConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A body is checked against the contract only under one clear media type: without a
 * {@code Content-Type}, or with two, the validator would let a body through unchecked. The deny
 * rules are off here: the protocol rules refuse some of these requests first at their default
 * level, but the contract must hold without them.
 */
class OpenApiContentTypeTest {

    private static final Bulwark BULWARK = Bulwark.create(BulwarkConfig.fromYaml("""
            deny-rules: {level: "off"}
            openapi:
              specs: [{location: "classpath:openapi/petstore.yaml", base-path: /api}]
            """));

    /** Violates NewPet twice: an unknown species and an extra property. */
    private static final byte[] FORGED = "{\"name\":\"Rex\",\"species\":\"dragon\",\"isAdmin\":true}"
            .getBytes(StandardCharsets.UTF_8);

    private static HttpRequest.Builder post() {
        return HttpRequest.builder("POST", "/api/pets").body(FORGED);
    }

    private static void assertRefusedForContentType(Decision decision) {
        assertThat(decision.status()).isEqualTo(400);
        assertThat(decision.findings()).extracting(Finding::ruleId).contains("validation.request.contentType.notAllowed");
        assertThat(decision.violations()).contains(new Violation("validation.request.contentType.notAllowed", "header:content-type"));
    }

    @Test
    void blocksBodyWithoutContentType() {
        assertRefusedForContentType(BULWARK.evaluate(post().build()));
    }

    @Test
    void blocksBodyWithBlankContentType() {
        assertRefusedForContentType(BULWARK.evaluate(post().header("Content-Type", " ").build()));
    }

    @Test
    void blocksTwoContentTypeFields() {
        assertRefusedForContentType(BULWARK.evaluate(post().header("Content-Type", "text/plain")
                .header("Content-Type", "application/json").build()));
    }

    @Test
    void blocksListOfMediaTypesInOneField() {
        assertRefusedForContentType(BULWARK.evaluate(post().header("Content-Type", "text/plain, application/json").build()));
    }

    @Test
    void allowsCommaInsideMediaTypeParameters() {
        Decision decision = BULWARK.evaluate(HttpRequest.builder("POST", "/api/pets")
                .header("Content-Type", "application/json; profile=\"a,b\"")
                .body("{\"name\":\"Rex\",\"species\":\"dog\"}".getBytes(StandardCharsets.UTF_8)).build());

        assertThat(decision.allowed()).isTrue();
    }

    @Test
    void allowsBodilessRequestWithoutContentType() {
        assertThat(BULWARK.evaluate(HttpRequest.builder("DELETE", "/api/pets/1").build()).allowed()).isTrue();
    }

    @Test
    void keepsNotFoundForUnknownPathWithBodyAndNoContentType() {
        Decision decision = BULWARK.evaluate(HttpRequest.builder("POST", "/api/unicorns").body(FORGED).build());

        assertThat(decision.status()).isEqualTo(404);
        assertThat(decision.findings()).extracting(Finding::ruleId).containsExactly("validation.request.path.missing");
    }
}
