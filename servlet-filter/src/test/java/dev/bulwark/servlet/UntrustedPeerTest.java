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

/**
 * A service behind proxies in 10.0.0.0/8, reached directly from 127.0.0.1: whatever forwarding
 * headers the client sends, it stays 127.0.0.1 and the application never sees them.
 */
class UntrustedPeerTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                client-ip: {source: x-forwarded-for, trusted-proxies: [10.0.0.0/8]}
                headers: {request: {proxy-only: [X-Authenticated-User]}}
                routes:
                  - when: {path: {prefix: /echo/internal/}}
                    ip-rules: {allow: [10.0.0.0/8]}
                """).toBuilder().limits(Limits.custom().bodySize(BODY_LIMIT).build()).build();
    }

    @Test
    void dropsForgedForwardedForFromUntrustedPeer() {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri("/echo/headers"))
                .header("X-Forwarded-For", "10.0.0.5").header("X-Forwarded-Host", "admin.internal")
                .header("X-Real-IP", "10.0.0.5").header("Forwarded", "for=10.0.0.5")).body());

        assertThat(seen.get("xForwardedFor").isNull()).isTrue();
        assertThat(seen.get("headers").fieldNames()).toIterable()
                .noneMatch(name -> name.toLowerCase().startsWith("x-forwarded") || name.equalsIgnoreCase("x-real-ip")
                        || name.equalsIgnoreCase("forwarded"));
    }

    @Test
    void dropsForwardingHeadersWhateverTheirCaseSpellingOrNumber() {
        RawHttp.Response response = raw("GET /echo/headers HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Forwarded-For: 10.0.0.1\r\nx-forwarded-for: 10.0.0.2\r\nX-FORWARDED-FOR: 10.0.0.3\r\n"
                + "X_Forwarded_For: 10.0.0.4\r\nConnection: close\r\n\r\n");

        JsonNode headers = json(response.body()).get("headers");
        assertThat(headers.fieldNames()).toIterable().noneMatch(name -> name.toLowerCase().contains("forwarded"));
    }

    @Test
    void dropsIdentityHeadersFromUntrustedPeer() {
        JsonNode seen = json(send(HttpRequest.newBuilder(uri("/echo/headers")).header("X-Authenticated-User", "admin")).body());

        assertThat(seen.get("headers").has("X-Authenticated-User")).isFalse();
    }

    @Test
    void judgesIpRulesByTheConnectionAddressDespiteForgedForwardedFor() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/echo/internal/config"))
                .header("X-Forwarded-For", "10.0.0.5"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response.body()).get("title").asText()).isEqualTo("Request blocked");
    }

    @Test
    void logsForwardingHeadersThatBypassedTheProxies() {
        Assumptions.assumeTrue(SecurityLog.available());

        String incidentId = json(send(HttpRequest.newBuilder(uri("/echo/bypass")).header("X-Forwarded-For", "10.0.0.5"))
                .body()).get("incidentId").asText();

        JsonNode event = SecurityLog.event(incidentId);
        assertThat(event.get("rule.id").asText()).isEqualTo("HEADER-UNTRUSTED-FORWARDING");
        assertThat(event.get("source.ip").asText()).isEqualTo("127.0.0.1");
        assertThat(event.has("bulwark.peer_ip")).isFalse();
    }
}
