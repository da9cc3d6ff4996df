package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * A real application on an embedded Tomcat without Spring Security, where nothing protects the
 * actuator endpoints: the {@code bulwark} endpoint is off the web unless exposed, and once exposed
 * shows keys but no values unless {@code show-values} says so.
 */
class UnprotectedEndpointTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private TomcatApplication application;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }

    private void start(String... properties) {
        ClassLoader withoutSecurity = new FilteredClassLoader("org.springframework.security");
        application = TomcatApplication.start(new SpringApplicationBuilder(Application.class)
                .resourceLoader(new DefaultResourceLoader(withoutSecurity))
                .properties("bulwark.deny-rules.level=strict",
                        "bulwark.jwt.required=false",
                        "bulwark.jwt.issuers[0].issuer=internal",
                        "bulwark.jwt.issuers[0].hmac-secret=" + SECRET), properties);
    }

    @AfterEach
    void stop() {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void keepsTheEndpointOffTheWebByDefault() throws Exception {
        start();

        assertThat(application.get("/actuator/bulwark").statusCode()).isEqualTo(404);
        assertThat(application.get("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void masksEveryValueOfAnExposedEndpointByDefault() throws Exception {
        start("management.endpoints.web.exposure.include=bulwark");
        application.get("/orders?x=%3Cscript%3Ealert(1)%3C/script%3E");

        HttpResponse<String> response = application.get("/actuator/bulwark");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"mode\":\"******\"", "\"level\":\"******\"", "\"XSS\":\"******\"")
                .doesNotContain("\"strict\"", "internal", SECRET);
    }

    @Test
    void masksValuesWhenAuthorizedBecauseNoCallerIsAuthenticated() throws Exception {
        start("management.endpoints.web.exposure.include=bulwark",
                "management.endpoint.bulwark.show-values=when-authorized");

        assertThat(application.get("/actuator/bulwark").body()).contains("\"mode\":\"******\"").doesNotContain("internal");
    }

    @Test
    void showsValuesToAnyoneWhenAskedToAlways() throws Exception {
        start("management.endpoints.web.exposure.include=bulwark",
                "management.endpoint.bulwark.show-values=always");

        assertThat(application.get("/actuator/bulwark").body()).contains("\"mode\":\"block\"", "\"internal\"")
                .doesNotContain(SECRET);
    }
}
