package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.Limits;
import dev.bulwark.testsupport.RawHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** CSRF protection of a cookie-authenticated service over HTTP. */
class CsrfFilterTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                csrf:
                  enabled: true
                  allowed-origins: [https://shop.example.com]
                routes:
                  - when: {path: {prefix: /echo/webhooks/}}
                    csrf: {enabled: false}
                """).toBuilder().limits(Limits.custom().bodySize(BODY_LIMIT).build()).build();
    }

    @Test
    void refusesPostFromAForeignOrigin() {
        HttpResponse<String> response = send(form("/echo/transfer").header("Origin", "https://evil.example"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response.body()).get("title").asText()).isEqualTo("Request blocked");
    }

    @Test
    void refusesOriginNull() {
        assertThat(send(form("/echo/transfer").header("Origin", "null")).statusCode()).isEqualTo(403);
    }

    @Test
    void refusesPostWithoutOriginOrReferer() {
        assertThat(send(form("/echo/transfer")).statusCode()).isEqualTo(403);
    }

    @Test
    void refusesTwoOrigins() {
        RawHttp.Response response = raw("POST /echo/transfer HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Cookie: session=abc\r\nOrigin: http://127.0.0.1:" + port + "\r\norigin: https://evil.example\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void allowsPostFromTheServicesOwnOrigin() {
        assertThat(send(form("/echo/transfer").header("Origin", "http://127.0.0.1:" + port)).statusCode()).isEqualTo(200);
    }

    @Test
    void allowsPostFromAConfiguredOrigin() {
        assertThat(send(form("/echo/transfer").header("Origin", "https://shop.example.com")).statusCode()).isEqualTo(200);
    }

    @Test
    void fallsBackToTheRefererWithoutOrigin() {
        assertThat(send(form("/echo/transfer").header("Referer", "http://127.0.0.1:" + port + "/echo/form")).statusCode())
                .isEqualTo(200);
        assertThat(send(form("/echo/transfer").header("Referer", "https://evil.example/?to=http://127.0.0.1:" + port))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void allowsSameOriginFetchMetadata() {
        assertThat(send(form("/echo/transfer").header("Sec-Fetch-Site", "same-origin").header("Origin", "null"))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void allowsPostWithoutCookies() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/echo/api"))
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString("")));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void allowsForeignOriginOnAnExemptRoute() {
        assertThat(send(form("/echo/webhooks/payment").header("Origin", "https://psp.example")).statusCode()).isEqualTo(200);
    }

    @Test
    void allowsSafeMethodsFromAnywhere() {
        assertThat(send(HttpRequest.newBuilder(uri("/echo/account")).header("Cookie", "session=abc")
                .header("Origin", "https://evil.example")).statusCode()).isEqualTo(200);
    }

    private HttpRequest.Builder form(String target) {
        return HttpRequest.newBuilder(uri(target)).header("Cookie", "session=abc")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("to=mallory&amount=1000"));
    }
}
