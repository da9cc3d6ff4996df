package dev.bulwark.spring.boot35;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spring.security.BulwarkAccessDeniedHandler;
import dev.bulwark.spring.security.BulwarkAuthenticationEntryPoint;
import dev.bulwark.testsupport.HmacTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot 3.5 application on its embedded Tomcat, with Actuator and Spring Security, that has
 * nothing of Bulwark but the starter and {@code bulwark.*} properties.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Boot35ApplicationTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin-password".getBytes(StandardCharsets.UTF_8));

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ConfigurableApplicationContext context;
    private int port;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Orders.class)
    static class Application {
        @Bean
        SecurityFilterChain security(HttpSecurity http, BulwarkAuthenticationEntryPoint entryPoint,
                BulwarkAccessDeniedHandler accessDenied) throws Exception {
            return http.authorizeHttpRequests(requests -> requests
                            .requestMatchers("/reports").hasAuthority("SCOPE_reports:read")
                            .anyRequest().authenticated())
                    .httpBasic(Customizer.withDefaults())
                    .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                            .accessDeniedHandler(accessDenied))
                    .csrf(csrf -> csrf.disable())
                    .build();
        }
    }

    @RestController
    static class Orders {
        @GetMapping("/orders")
        String orders(Principal principal) {
            return "orders for " + principal.getName();
        }

        @GetMapping("/reports")
        String reports() {
            return "reports";
        }
    }

    @BeforeAll
    void start() {
        context = new SpringApplicationBuilder(Application.class).properties(
                "server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                "spring.security.user.name=admin",
                "spring.security.user.password=admin-password",
                "management.endpoints.web.exposure.include=health,bulwark",
                "management.endpoint.health.show-details=always",
                "management.endpoint.bulwark.show-values=when-authorized",
                "bulwark.deny-rules.custom-rules[0].id=NO-DEBUG",
                "bulwark.deny-rules.custom-rules[0].key=DEBUG",
                "bulwark.deny-rules.custom-rules[0].parameter.name=debug",
                "bulwark.jwt.required=false",
                "bulwark.jwt.issuers[0].issuer=internal",
                "bulwark.jwt.issuers[0].hmac-secret=" + SECRET).run();
        port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void blocksAnAttackBeforeSpringSecurityAsksForCredentials() throws Exception {
        HttpResponse<String> response = get("/orders?debug=1", null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"incidentId\"").doesNotContain("DEBUG");
    }

    @Test
    void passesCleanRequestsOnToSpringSecurityAndTheApplication() throws Exception {
        assertThat(get("/orders", null).statusCode()).isEqualTo(401);
        assertThat(get("/orders", BASIC).body()).isEqualTo("orders for admin");
    }

    @Test
    void authenticatesARequestWithATokenBulwarkVerified() throws Exception {
        String token = HmacTokens.hs256(SECRET, "internal", "alice", Map.of("scope", "orders:read"));

        HttpResponse<String> response = get("/orders", "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("orders for alice");
    }

    @Test
    void grantsTheTokensScopesAsAuthorities() throws Exception {
        String reader = HmacTokens.hs256(SECRET, "internal", "alice", Map.of("scope", "reports:read"));
        String other = HmacTokens.hs256(SECRET, "internal", "bob", Map.of("scp", List.of("orders:read")));

        assertThat(get("/reports", "Bearer " + reader).statusCode()).isEqualTo(200);
        HttpResponse<String> denied = get("/reports", "Bearer " + other);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(denied.body()).contains("\"status\":403", "\"incidentId\"");
    }

    @Test
    void answersSpringSecuritysUnauthenticatedWithBulwarksProblemDocument() throws Exception {
        HttpResponse<String> response = get("/orders", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.body()).contains("\"status\":401", "\"incidentId\"");
    }

    @Test
    void reportsHealth() throws Exception {
        HttpResponse<String> response = get("/actuator/health", BASIC);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"bulwark\":{\"status\":\"UP\",\"details\":{\"mode\":\"block\"");
    }

    @Test
    void showsTheConfigurationWithoutSecretsOnTheBulwarkEndpoint() throws Exception {
        HttpResponse<String> response = get("/actuator/bulwark", BASIC);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"configuration\"", "\"hmac-secret\":\"******\"", "\"NO-DEBUG\"")
                .doesNotContain(SECRET);
    }

    private HttpResponse<String> get(String target, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
