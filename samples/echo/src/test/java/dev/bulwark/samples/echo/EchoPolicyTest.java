package dev.bulwark.samples.echo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.config.BulwarkConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The echo service started as {@code java -jar samples/echo/target/echo.jar --config
 * samples/echo/config/policy.yaml} would start it (the same file, loaded the same way), enforcing
 * each section of the request policy.
 */
class EchoPolicyTest extends RunningEcho {

    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";
    private static final ObjectMapper JSON = new ObjectMapper();

    EchoPolicyTest() {
        super(Path.of("samples/echo/config/policy.yaml"));
    }

    @Test
    void enforcesAllowRules() throws Exception {
        HttpResponse<String> unknown = send(request("/admin").header("Accept", BROWSER_ACCEPT));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(unknown.body()).containsPattern("Reference: [0-9A-Z]{16}");
        assertThat(send(request("/api/orders")).statusCode()).isEqualTo(200);
        assertThat(send(request("/search?q=oak&debug=1")).statusCode()).isEqualTo(404);
    }

    @Test
    void enforcesAllowedMethods() throws Exception {
        HttpResponse<String> response = send(request("/api/orders").PUT(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD, POST, OPTIONS");
    }

    @Test
    void filtersRequestHeaders() throws Exception {
        JsonNode seen = JSON.readTree(send(request("/api/orders").header("X-Request-Id", "42").header("X-Debug", "1")
                .header("X-Internal-Flag", "1").header("X-Authenticated-User", "admin")).body());

        assertThat(seen.get("headers").has("X-Request-Id")).isTrue();
        assertThat(seen.get("headers").has("X-Debug")).isFalse();
        assertThat(seen.get("headers").has("X-Internal-Flag")).isFalse();
        assertThat(seen.get("headers").has("X-Authenticated-User")).isTrue();
    }

    @Test
    void addsSecurityHeadersAndSendsNoServerHeader() throws Exception {
        HttpResponse<String> response = send(request("/api/orders"));

        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; frame-ancestors 'none'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Server")).isEmpty();
        assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
    }

    @Test
    void enforcesCsrf() throws Exception {
        HttpResponse<String> forged = send(jsonPost("/api/orders").header("Origin", "https://evil.example"));
        HttpResponse<String> shop = send(jsonPost("/api/orders").header("Origin", "https://shop.example.com"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(shop.statusCode()).isEqualTo(200);
    }

    @Test
    void resolvesTheClientAddressFromTheTrustedProxy() throws Exception {
        assertThat(send(request("/api/orders").header("X-Forwarded-For", "203.0.113.9")).statusCode()).isEqualTo(403);
        assertThat(send(request("/account/admin/users").header("X-Forwarded-For", "10.0.0.5")).statusCode()).isEqualTo(200);
        assertThat(send(request("/account/admin/users")).statusCode()).isEqualTo(403);
    }

    @Test
    void answersApiClientsWithProblemJson() throws Exception {
        HttpResponse<String> response = send(request("/admin").header("Accept", "application/json"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void dropsForgedForwardedForByDefault() throws Exception {
        try (EchoServer defaults = EchoServer.start(0, BulwarkConfig.defaults())) {
            JsonNode seen = JSON.readTree(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + defaults.port() + "/"))
                    .header("X-Forwarded-For", "10.0.0.1").header("X-Real-IP", "10.0.0.1").build(),
                    HttpResponse.BodyHandlers.ofString()).body());

            assertThat(seen.get("headers").has("X-Forwarded-For")).isFalse();
            assertThat(seen.get("headers").has("X-Real-IP")).isFalse();
        }
    }

    @Test
    void refusesToStartWithABadPolicyFile(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bulwark.yaml");
        Files.writeString(config, "csrf:\n  enabled: true\n  allowed-origins: [https://shop.example.com/app]\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = EchoServer.run(new String[] {"--port", "0", "--config", config.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("csrf.allowed-origins[0]");
    }

    private HttpRequest.Builder jsonPost(String target) {
        return request(target).header("Content-Type", "application/json").header("Cookie", "session=abc")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":1}"));
    }
}
