package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * A real application on an embedded Tomcat without Spring Security, where nothing protects the
 * actuator endpoints: the {@code bulwark} endpoint is off the web unless exposed, and once exposed
 * shows keys but no values unless {@code show-values} says so.
 */
class UnprotectedEndpointTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ConfigurableApplicationContext application;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }

    private int start(String... properties) {
        ClassLoader withoutSecurity = new FilteredClassLoader("org.springframework.security");
        application = new SpringApplicationBuilder(Application.class)
                .resourceLoader(new DefaultResourceLoader(withoutSecurity))
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "bulwark.deny-rules.level=strict",
                        "bulwark.jwt.required=false",
                        "bulwark.jwt.issuers[0].issuer=internal",
                        "bulwark.jwt.issuers[0].hmac-secret=" + SECRET)
                .properties(properties)
                .run();
        return ((WebServerApplicationContext) application).getWebServer().getPort();
    }

    @AfterEach
    void stop() {
        if (application != null) {
            application.close();
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void keepsTheEndpointOffTheWebByDefault() throws Exception {
        int port = start();

        assertThat(get(port, "/actuator/bulwark").statusCode()).isEqualTo(404);
        assertThat(get(port, "/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void masksEveryValueOfAnExposedEndpointByDefault() throws Exception {
        int port = start("management.endpoints.web.exposure.include=bulwark");
        get(port, "/orders?x=%3Cscript%3Ealert(1)%3C/script%3E");

        HttpResponse<String> response = get(port, "/actuator/bulwark");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"mode\":\"******\"", "\"level\":\"******\"", "\"XSS\":\"******\"")
                .doesNotContain("\"strict\"", "internal", SECRET);
    }

    @Test
    void masksValuesWhenAuthorizedBecauseNoCallerIsAuthenticated() throws Exception {
        int port = start("management.endpoints.web.exposure.include=bulwark",
                "management.endpoint.bulwark.show-values=when-authorized");

        assertThat(get(port, "/actuator/bulwark").body()).contains("\"mode\":\"******\"").doesNotContain("internal");
    }

    @Test
    void showsValuesToAnyoneWhenAskedToAlways() throws Exception {
        int port = start("management.endpoints.web.exposure.include=bulwark",
                "management.endpoint.bulwark.show-values=always");

        assertThat(get(port, "/actuator/bulwark").body()).contains("\"mode\":\"block\"", "\"internal\"")
                .doesNotContain(SECRET);
    }
}
