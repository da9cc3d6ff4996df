package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A real Spring Boot application on an embedded Tomcat, with Spring Security and Actuator, that
 * has nothing of Bulwark but the starter on its classpath and {@code bulwark.*} in its properties.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunningApplicationTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String CREDENTIALS = "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin-password".getBytes(StandardCharsets.UTF_8));

    private TomcatApplication application;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Orders.class)
    static class Application {
    }

    @RestController
    static class Orders {
        @GetMapping("/orders")
        String orders() {
            return "orders";
        }

        @PutMapping("/orders")
        String update(@RequestParam Map<String, String> parameters) {
            return "updated " + parameters;
        }

        /** HTTP Basic for everything, and no CSRF tokens, so that requests without a browser get through. */
        @Bean
        SecurityFilterChain security(HttpSecurity http) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .httpBasic(Customizer.withDefaults())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }
    }

    @BeforeAll
    void start() {
        application = TomcatApplication.start(Application.class,
                "spring.security.user.name=admin",
                "spring.security.user.password=admin-password",
                "spring.security.user.roles=OPS",
                "management.endpoints.web.exposure.include=health,prometheus,bulwark",
                "management.endpoint.bulwark.show-values=when-authorized",
                "management.endpoint.bulwark.roles=OPS",
                "management.endpoint.health.show-details=always",
                "bulwark.deny-rules.custom-rules[0].id=NO-DEBUG",
                "bulwark.deny-rules.custom-rules[0].key=DEBUG",
                "bulwark.deny-rules.custom-rules[0].parameter.name=debug",
                "bulwark.jwt.required=false",
                "bulwark.jwt.issuers[0].issuer=internal",
                "bulwark.jwt.issuers[0].hmac-secret=" + SECRET);
    }

    @AfterAll
    void stop() {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void blocksAnAttackBeforeSpringSecurityAsksForCredentials() throws Exception {
        HttpResponse<String> response = get("/orders?debug=1", null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"incidentId\"").doesNotContain("DEBUG", "debug");
    }

    @Test
    void passesCleanRequestsOnToSpringSecurityAndTheApplication() throws Exception {
        assertThat(get("/orders?q=oak", null).statusCode()).isEqualTo(401);

        HttpResponse<String> response = get("/orders?q=oak", CREDENTIALS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("orders");
    }

    @Test
    void inspectsFormBodiesOfPutRequestsBeforeSpringReadsThem() throws Exception {
        // Spring's FormContentFilter (order -9900) parses form bodies of PUT, PATCH and DELETE
        // requests; Bulwark must see the body before it does.
        HttpResponse<String> clean = application.send(HttpRequest.newBuilder(application.uri("/orders"))
                .header("Authorization", CREDENTIALS)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("status=shipped")));
        HttpResponse<String> attack = application.send(HttpRequest.newBuilder(application.uri("/orders"))
                .header("Authorization", CREDENTIALS)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("status=shipped&debug=1")));

        assertThat(clean.statusCode()).isEqualTo(200);
        assertThat(clean.body()).isEqualTo("updated {status=shipped}");
        assertThat(attack.statusCode()).isEqualTo(403);
    }

    @Test
    void publishesMetersOnThePrometheusEndpoint() throws Exception {
        get("/orders?debug=1", null);

        HttpResponse<String> response = get("/actuator/prometheus", CREDENTIALS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .containsPattern("bulwark_requests_total\\{outcome=\"blocked\"\\} [1-9]")
                .containsPattern("bulwark_blocks_total\\{mode=\"block\",rule_key=\"DEBUG\"\\} [1-9]")
                .contains("bulwark_inspection_seconds_count");
    }

    @Test
    void reportsHealth() throws Exception {
        HttpResponse<String> response = get("/actuator/health", CREDENTIALS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"bulwark\":{\"details\":{\"mode\":\"block\",\"denyRulesLevel\":\"standard\","
                        + "\"openapiSpecs\":0,\"jwtIssuers\":[\"internal\"]},\"status\":\"UP\"}");
    }

    @Test
    void showsTheConfigurationWithoutSecretsToAnAuthorizedCallerOnTheBulwarkEndpoint() throws Exception {
        get("/orders?debug=1", null);

        HttpResponse<String> response = get("/actuator/bulwark", CREDENTIALS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"configuration\"", "\"hmac-secret\":\"******\"", "\"NO-DEBUG\"")
                .containsPattern("\"blocked\":\\{\"DEBUG\":[1-9]")
                .doesNotContain(SECRET);
    }

    private HttpResponse<String> get(String target, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(application.uri(target));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return application.send(request);
    }
}
