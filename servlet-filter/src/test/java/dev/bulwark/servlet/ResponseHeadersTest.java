package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextResponse;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The default response headers: security headers added, information leaks removed. */
class ResponseHeadersTest extends FilterContainerTest {

    /**
     * Whether Jetty held each field of a response to {@code /app/recorded} pre-encoded, by name, as a
     * filter outside Bulwark's saw it once the response was written; that may be after the client read it.
     */
    private final BlockingQueue<Map<String, Boolean>> preEncoded = new LinkedBlockingQueue<>();

    @Override
    void customize(ServletContextHandler context) {
        context.addServlet(new ServletHolder(new HeaderSettingServlet()), "/app/*");
        Filter recorder = (request, response, chain) -> {
            chain.doFilter(request, response);
            Map<String, Boolean> held = new HashMap<>();
            for (HttpField field : ServletContextResponse.getServletContextResponse(response).getHeaders()) {
                held.put(field.getName(), field instanceof PreEncodedHttpField);
            }
            preEncoded.add(held);
        };
        context.addFilter(new FilterHolder(recorder), "/app/recorded", EnumSet.of(DispatcherType.REQUEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream", "writer", "none"})
    void addsSecurityHeadersToApplicationResponses(String body) {
        HttpResponse<String> response = get("/app/page?body=" + body);

        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(response.headers().firstValue("Permissions-Policy")).get().asString().contains("camera=()");
        assertThat(response.headers().firstValue("Content-Security-Policy")).isEmpty();
    }

    @Test
    void handsTheSecurityHeadersToJettyPreEncoded() throws InterruptedException {
        get("/app/recorded?body=stream");

        assertThat(preEncoded.poll(10, TimeUnit.SECONDS))
                .containsEntry("X-Content-Type-Options", true).containsEntry("X-Frame-Options", true)
                .containsEntry("Referrer-Policy", true).containsEntry("Permissions-Policy", true);
    }

    @Test
    void addsNoHstsOverPlainHttp() {
        assertThat(get("/app/page").headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void keepsSecurityHeaderTheApplicationSet() {
        HttpResponse<String> response = get("/app/page?set=X-Frame-Options:SAMEORIGIN");

        assertThat(response.headers().allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream", "writer", "none", "error"})
    void removesServerAndPoweredByTheApplicationSets(String body) {
        HttpResponse<String> response = get("/app/page?body=" + body
                + "&set=Server:Acme%2F1.0&add=X-Powered-By:PHP%2F5.2&add=x-powered-by:Express");

        // Jetty's own Server header is a connector setting (sendServerVersion), on in this test server.
        assertThat(response.headers().allValues("Server")).noneMatch(value -> value.contains("Acme"));
        assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
    }

    @Test
    void addsSecurityHeadersWhenTheApplicationSendsAnError() {
        HttpResponse<String> response = get("/app/missing?body=error");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void addsSecurityHeadersToBlockResponses() {
        HttpResponse<String> response = get("/echo/search?q=attack");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Test
    void leavesOtherApplicationHeadersAlone() {
        HttpResponse<String> response = get("/app/page?set=X-Request-Id:42&add=Set-Cookie:a%3Db");

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("42");
        assertThat(response.headers().firstValue("Set-Cookie")).hasValue("a=b");
        assertThat(response.body()).isEqualTo("ok");
    }
}
