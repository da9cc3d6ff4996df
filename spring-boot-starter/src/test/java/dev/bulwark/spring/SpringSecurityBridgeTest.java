package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.spring.internal.BulwarkAuthenticationFilter;
import dev.bulwark.spring.security.BulwarkAccessDeniedHandler;
import dev.bulwark.spring.security.BulwarkAuthenticationEntryPoint;
import dev.bulwark.testsupport.HmacTokens;
import dev.bulwark.testsupport.SecurityLog;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot application with Spring Security (HTTP Basic, URL rules and method security) and
 * the starter with {@code bulwark.jwt}: a token Bulwark verified is the request's authentication,
 * and Spring Security's refusals look like Bulwark's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringSecurityBridgeTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin-password".getBytes(StandardCharsets.UTF_8));
    private static final ObjectMapper JSON = new ObjectMapper();

    private TomcatApplication application;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableMethodSecurity
    @Import(Orders.class)
    static class Application {

        /** HTTP Basic too, Bulwark's answers to Spring Security's 401 and 403, no CSRF tokens (no browser). */
        @Bean
        SecurityFilterChain security(HttpSecurity http, BulwarkAuthenticationEntryPoint entryPoint,
                BulwarkAccessDeniedHandler accessDenied) {
            return http.authorizeHttpRequests(requests -> requests
                            .requestMatchers("/public").permitAll()
                            .requestMatchers("/orders").hasAuthority("SCOPE_orders:write")
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
        @GetMapping("/me")
        String me(Principal principal) {
            return principal.getName();
        }

        @PostMapping("/orders")
        String create() {
            return "created";
        }

        @GetMapping("/reports")
        @PreAuthorize("hasAuthority('SCOPE_reports:read')")
        String reports() {
            return "reports";
        }

        @GetMapping("/public")
        String everyone(HttpServletRequest request) {
            return request.getUserPrincipal() == null ? "anonymous" : request.getUserPrincipal().getName();
        }
    }

    static String[] properties(String... more) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.security.user.name=admin",
                "spring.security.user.password=admin-password",
                "bulwark.jwt.required=false",
                "bulwark.jwt.issuers[0].issuer=internal",
                "bulwark.jwt.issuers[0].hmac-secret=" + SECRET));
        properties.addAll(List.of(more));
        return properties.toArray(String[]::new);
    }

    @BeforeAll
    void start() {
        application = TomcatApplication.start(Application.class, properties());
    }

    @AfterAll
    void stop() {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void authenticatesARequestWithATokenBulwarkVerifiedOnAnAuthenticatedEndpoint() throws Exception {
        HttpResponse<String> response = get("/me", bearer("alice", "orders:read"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("alice");
    }

    @Test
    void grantsTheTokensScopesAsScopeAuthoritiesForHasAuthority() throws Exception {
        assertThat(post("/orders", bearer("alice", "orders:read orders:write")).statusCode()).isEqualTo(200);
        assertThat(post("/orders", bearer("bob", "orders:read")).statusCode()).isEqualTo(403);
    }

    @Test
    void grantsTheTokensScopesForPreAuthorize() throws Exception {
        assertThat(get("/reports", bearer("alice", "reports:read")).statusCode()).isEqualTo(200);
        assertThat(get("/reports", bearer("bob", "orders:read")).statusCode()).isEqualTo(403);
    }

    @Test
    void namesTheSubjectInGetUserPrincipalOnAPermitAllEndpoint() throws Exception {
        assertThat(get("/public", bearer("alice", "orders:read")).body()).isEqualTo("alice");
        assertThat(get("/public", null).body()).isEqualTo("anonymous");
    }

    @Test
    void leavesHttpBasicWorkingForRequestsWithoutAToken() throws Exception {
        HttpResponse<String> response = get("/me", BASIC);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("admin");
    }

    @Test
    void answersSpringSecuritysUnauthenticatedLikeBulwarksInvalidToken() throws Exception {
        HttpResponse<String> bulwarks = get("/me", "Bearer " + HmacTokens.hs256("another-secret-another-secret-00",
                "internal", "mallory", Map.of()));
        HttpResponse<String> springSecuritys = get("/me", null);

        assertThat(bulwarks.statusCode()).isEqualTo(401);
        assertThat(springSecuritys.statusCode()).isEqualTo(401);
        assertAlike(springSecuritys, bulwarks);
        assertThat(springSecuritys.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
    }

    @Test
    void answersSpringSecuritysAccessDeniedWithAProblemDocument() throws Exception {
        HttpResponse<String> response = post("/orders", bearer("bob", "orders:read"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(403);
        assertThat(body.get("incidentId").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("SCOPE", "orders:write", "Spring");
    }

    @Test
    void logsSpringSecuritysRefusalWithTheIncidentIdOfItsResponse() throws Exception {
        Assumptions.assumeTrue(SecurityLog.available(), "run through Maven, which sets the log file");

        HttpResponse<String> response = post("/orders", bearer("bob", "orders:read"));

        String incidentId = JSON.readTree(response.body()).get("incidentId").asText();
        assertThat(SecurityLog.line(incidentId)).contains("SPRING-SECURITY-ACCESS-DENIED", "/orders");
    }

    @Test
    void leavesSpringSecurityAloneWhenTheBridgeIsSwitchedOff() throws Exception {
        try (TomcatApplication off = TomcatApplication.start(Application.class,
                properties("bulwark.spring-security.enabled=false"))) {
            HttpResponse<String> response = off.send(HttpRequest.newBuilder(off.uri("/me"))
                    .header("Authorization", bearer("alice", "orders:read")));

            assertThat(response.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void addsNothingToSpringSecurityWithoutATokenIssuer() {
        try (TomcatApplication noJwt = TomcatApplication.start(Application.class,
                "spring.security.user.name=admin", "spring.security.user.password=admin-password")) {
            FilterChainProxy chains = noJwt.context().getBean(FilterChainProxy.class);

            assertThat(chains.getFilterChains()).flatExtracting(SecurityFilterChain::getFilters)
                    .isNotEmpty().noneMatch(BulwarkAuthenticationFilter.class::isInstance);
        }
    }

    @Test
    void addsTheAuthenticationRightAfterTheSecurityContextIsLoaded() {
        List<Filter> filters = application.context().getBean(FilterChainProxy.class).getFilterChains().get(0).getFilters();

        int loaded = indexOf(filters, SecurityContextHolderFilter.class);
        assertThat(loaded).isNotNegative();
        assertThat(filters.get(loaded + 1)).isInstanceOf(BulwarkAuthenticationFilter.class);
    }

    private static int indexOf(List<Filter> filters, Class<?> type) {
        for (int i = 0; i < filters.size(); i++) {
            if (type.isInstance(filters.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The same status, media type and members, with values alike but for the incident id. */
    private static void assertAlike(HttpResponse<String> actual, HttpResponse<String> expected) throws Exception {
        assertThat(actual.headers().firstValue("Content-Type")).isEqualTo(expected.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        JsonNode actualBody = JSON.readTree(actual.body());
        JsonNode expectedBody = JSON.readTree(expected.body());
        assertThat(names(actualBody)).isEqualTo(names(expectedBody));
        for (String name : names(expectedBody)) {
            if (!name.equals("incidentId")) {
                assertThat(actualBody.get(name)).as(name).isEqualTo(expectedBody.get(name));
            }
        }
        assertThat(actualBody.get("incidentId").asText()).isNotBlank().isNotEqualTo(expectedBody.get("incidentId").asText());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String bearer(String subject, String scope) {
        return "Bearer " + HmacTokens.hs256(SECRET, "internal", subject, Map.of("scope", scope));
    }

    private HttpResponse<String> get(String target, String authorization) throws Exception {
        return application.send(authorized(HttpRequest.newBuilder(application.uri(target)), authorization));
    }

    private HttpResponse<String> post(String target, String authorization) throws Exception {
        return application.send(authorized(HttpRequest.newBuilder(application.uri(target))
                .POST(HttpRequest.BodyPublishers.noBody()), authorization));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String authorization) {
        return authorization == null ? request : request.header("Authorization", authorization);
    }
}
