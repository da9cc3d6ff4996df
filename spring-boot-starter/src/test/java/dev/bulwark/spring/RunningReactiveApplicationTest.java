package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A real WebFlux application on Netty, with Spring Security and Actuator, that has nothing of
 * Bulwark but the starter on its classpath and {@code bulwark.*} in its properties: it is
 * protected as a servlet application would be.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunningReactiveApplicationTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ConfigurableApplicationContext context;
    private int port;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        /** Lets every exchange past Spring Security, so that Bulwark alone decides. */
        @Bean
        SecurityWebFilterChain security(ServerHttpSecurity http) {
            return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }

        @Bean
        Echo echo() {
            return new Echo();
        }
    }

    @RestController
    static class Echo {
        @PostMapping("/echo")
        byte[] echo(@RequestBody byte[] body) {
            return body;
        }
    }

    @BeforeAll
    void start() {
        context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.REACTIVE)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "management.endpoints.web.exposure.include=health,prometheus",
                        "bulwark.limits.body-size=4096")
                .run();
        port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Test
    void blocksAnInjectionInAWebFluxApplicationWithOnlyTheStarter() throws Exception {
        HttpResponse<String> response = post("/echo?q=" + "1%27%20UNION%20SELECT%20password%20FROM%20users--", "{\"a\":1}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void passesABenignBodyByteForByte() throws Exception {
        String body = "{\"note\":\"café ☕ and a\\r\\nnew line\"}";

        HttpResponse<String> response = post("/echo", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void appliesTheBodySizeFromTheProperties() throws Exception {
        HttpResponse<String> response = post("/echo", "a".repeat(4097));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void countsDecisionsInTheMetrics() throws Exception {
        post("/echo?q=" + "%3Cscript%3Ealert(1)%3C/script%3E", "{}");

        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(metrics.body()).contains("bulwark_requests_total{outcome=\"blocked\"}");
    }

    private HttpResponse<String> post(String target, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(target)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(String target) {
        return URI.create("http://127.0.0.1:" + port + target);
    }
}
