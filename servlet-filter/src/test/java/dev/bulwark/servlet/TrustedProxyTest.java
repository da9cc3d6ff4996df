package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.Limits;
import dev.bulwark.testsupport.RawHttp;
import dev.bulwark.testsupport.SecurityLog;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A service whose only peer, 127.0.0.1, is its trusted proxy: the client is who the proxy says. */
class TrustedProxyTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                client-ip: {source: x-forwarded-for, trusted-proxies: [127.0.0.1]}
                ip-rules: {deny: [203.0.113.0/24]}
                routes:
                  - when: {path: {prefix: /echo/internal/}}
                    ip-rules: {allow: [10.0.0.0/8]}
                """).toBuilder().limits(Limits.custom().bodySize(BODY_LIMIT).build()).build();
    }

    @Test
    void passesForwardingHeadersFromTheTrustedProxy() {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri("/echo/headers"))
                .header("X-Forwarded-For", "198.51.100.7").header("X-Forwarded-Proto", "https")).body());

        assertThat(seen.get("xForwardedFor").asText()).isEqualTo("198.51.100.7");
        assertThat(seen.get("headers").has("X-Forwarded-Proto")).isTrue();
    }

    @Test
    void takesTheClientAddressFromTheTrustedProxy() {
        assertThat(send(HttpRequest.newBuilder(uri("/echo/internal/config")).header("X-Forwarded-For", "10.0.0.5"))
                .statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/echo/internal/config")).header("X-Forwarded-For", "198.51.100.7"))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void ignoresEntriesTheClientForgedBeforeTheProxysOwn() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/echo/internal/config"))
                .header("X-Forwarded-For", "10.0.0.5, 198.51.100.7"));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void countsEveryForwardedForLineWhateverItsCase() {
        RawHttp.Response response = raw("GET /echo/internal/config HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Forwarded-For: 10.0.0.5\r\nx-FORWARDED-for: 198.51.100.7\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void dropsUnderscoreSpellingEvenFromTheTrustedProxy() {
        RawHttp.Response response = raw("GET /echo/headers HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Forwarded-For: 198.51.100.7\r\nX_Forwarded_For: 10.0.0.5\r\nConnection: close\r\n\r\n");

        JsonNode headers = json(response.body()).get("headers");
        assertThat(headers.has("X-Forwarded-For")).isTrue();
        assertThat(headers.has("X_Forwarded_For")).isFalse();
    }

    @Test
    void blocksForwardedClientOnTheDenyListAndLogsItsAddress() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/echo/shop")).header("X-Forwarded-For", "203.0.113.9"));

        assertThat(response.statusCode()).isEqualTo(403);
        Assumptions.assumeTrue(SecurityLog.available());
        JsonNode event = SecurityLog.event(json(response.body()).get("incidentId").asText());
        assertThat(event.get("rule.id").asText()).isEqualTo("IP-DENIED");
        assertThat(event.get("bulwark.block_type").asText()).isEqualTo("ip-rule");
        assertThat(event.get("source.ip").asText()).isEqualTo("203.0.113.9");
        assertThat(event.get("bulwark.peer_ip").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void sendsHstsWhenTheTrustedProxySaysTheClientSpokeHttps() {
        HttpResponse<String> https = send(HttpRequest.newBuilder(uri("/echo/page")).header("X-Forwarded-Proto", "https"));
        HttpResponse<String> http = send(HttpRequest.newBuilder(uri("/echo/page")).header("X-Forwarded-Proto", "http"));

        assertThat(https.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains");
        assertThat(http.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }
}
