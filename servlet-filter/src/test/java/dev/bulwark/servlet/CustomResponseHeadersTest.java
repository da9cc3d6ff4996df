package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.Limits;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/** Configured response headers: a Content-Security-Policy, other removals, and CORS policing. */
class CustomResponseHeadersTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                headers:
                  response:
                    security-headers:
                      content-security-policy: "default-src 'self'"
                      x-frame-options: SAMEORIGIN
                      permissions-policy: false
                    remove: [X-Internal-Node]
                    cors:
                      allowed-origins: [https://shop.example, "*"]
                """).toBuilder().limits(Limits.custom().bodySize(BODY_LIMIT).build()).build();
    }

    @Override
    void customize(ServletContextHandler context) {
        context.addServlet(new ServletHolder(new HeaderSettingServlet()), "/app/*");
    }

    @Test
    void addsTheConfiguredSecurityHeaders() {
        HttpResponse<String> response = get("/app/page");

        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'self'");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(response.headers().firstValue("Permissions-Policy")).isEmpty();
    }

    @Test
    void removesTheConfiguredHeadersOnly() {
        HttpResponse<String> response = get("/app/page?set=X-Internal-Node:node-7&set=X-Powered-By:Servlet");

        assertThat(response.headers().firstValue("X-Internal-Node")).isEmpty();
        assertThat(response.headers().firstValue("X-Powered-By")).hasValue("Servlet");
    }

    @Test
    void keepsCorsHeadersForAnAllowedOrigin() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/app/api?reflect-origin&credentials"))
                .header("Origin", "https://shop.example"));

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
    }

    @Test
    void removesCorsHeadersThatReflectAForeignOrigin() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/app/api?reflect-origin&credentials"))
                .header("Origin", "https://evil.example"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(response.headers().firstValue("Vary")).hasValue("Origin");
    }

    @Test
    void removesCorsHeadersThatAllowTheNullOrigin() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/app/api?reflect-origin"))
                .header("Origin", "null"));

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void keepsAListedWildcardWithoutCredentials() {
        HttpResponse<String> response = get("/app/api?set=Access-Control-Allow-Origin:*");

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void removesAWildcardWithCredentials() {
        HttpResponse<String> response = get("/app/api?set=Access-Control-Allow-Origin:*&credentials"
                + "&set=Access-Control-Allow-Methods:GET,POST");

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
    }

    @Test
    void removesCorsHeadersWhenTheOriginIsSentTwice() {
        HttpResponse<String> response = get("/app/api?add=Access-Control-Allow-Origin:https://shop.example"
                + "&add=access-control-allow-origin:https://evil.example");

        assertThat(response.headers().allValues("Access-Control-Allow-Origin")).isEmpty();
    }
}
