package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigurationException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Limits a route sets for its own requests, e.g. a larger body on an upload endpoint only. */
class RouteLimitsTest {

    private static final Bulwark UPLOADS = Bulwark.create(BulwarkConfig.fromYaml("""
            method-override: allow
            limits: {body-size: 4KiB, multipart: {part-size: 2KiB}}
            routes:
              - when: {path: {prefix: /uploads/}, methods: [POST]}
                limits: {body-size: 64KiB, multipart: {part-size: 32KiB}}
            """));

    private static HttpRequest upload(String path, int size) {
        byte[] content = new byte[size];
        Arrays.fill(content, (byte) 'a');
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(content);
        body.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        return HttpRequest.builder("POST", path).remoteAddress("127.0.0.1")
                .header("Content-Type", "multipart/form-data; boundary=b").body(body.toByteArray()).build();
    }

    @Test
    void allowsALargerUploadOnTheRouteWithItsOwnLimits() {
        assertThat(UPLOADS.evaluate(upload("/uploads/avatar", 20_000)).findings()).isEmpty();
    }

    @Test
    void blocksTheSameUploadOutsideTheRoute() {
        Decision decision = UPLOADS.evaluate(upload("/profile", 20_000));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.blockingFindings().get(0).ruleId()).isEqualTo("LIMIT-BODY-SIZE");
        assertThat(decision.status()).isEqualTo(413);
    }

    @Test
    void blocksAPartOverTheRoutePartSize() {
        Decision decision = UPLOADS.evaluate(upload("/uploads/avatar", 40_000));

        assertThat(decision.blockingFindings().get(0).ruleId()).isEqualTo("LIMIT-MULTIPART-PART-SIZE");
        assertThat(decision.blockingFindings().get(0).location()).isEqualTo(Location.value(Source.MULTIPART, "file"));
    }

    @Test
    void keepsTheGlobalValueOfALimitTheRouteDoesNotSet() {
        BulwarkConfig config = BulwarkConfig.fromYaml("""
                limits: {multipart: {parts: 3}}
                routes:
                  - when: {path: /uploads}
                    limits: {body-size: 8MiB}
                """);

        assertThat(config.routes().get(0).limits().bodySize()).isEqualTo(8L * 1024 * 1024);
        assertThat(config.routes().get(0).limits().multipartParts()).isEqualTo(3);
    }

    @Test
    void answersTheRouteBodySizeBeforeTheBodyIsRead() {
        HttpRequest headersOnly = HttpRequest.builder("POST", "/uploads/avatar").remoteAddress("127.0.0.1")
                .header("Content-Type", "multipart/form-data; boundary=b").build();

        assertThat(UPLOADS.bodySizeLimit(headersOnly)).isEqualTo(64 * 1024);
        assertThat(UPLOADS.bodySizeLimit(HttpRequest.builder("POST", "/profile").remoteAddress("127.0.0.1").build()))
                .isEqualTo(4 * 1024);
    }

    @Test
    void blocksAMethodOverrideIntoARouteWithOtherLimits() {
        // Parsed as a POST under the route's larger limits; the application acts on a PUT, which no route covers.
        HttpRequest request = HttpRequest.builder("POST", "/uploads/avatar").remoteAddress("127.0.0.1")
                .header("X-HTTP-Method-Override", "PUT").build();

        Decision decision = UPLOADS.evaluate(request);

        assertThat(decision.blockingFindings()).extracting(Finding::ruleId).contains("MALFORMED-ROUTE-LIMITS");
    }

    @Test
    void refusesARouteLimitThatIsCheckedBeforeRouting() {
        assertThatThrownBy(() -> BulwarkConfig.fromYaml("routes: [{when: {path: /a}, limits: {path-length: 10}}]"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("routes[0].limits.path-length: unknown key");
    }
}
