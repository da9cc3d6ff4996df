package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.testsupport.SecurityLog;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A request that cannot be inspected is refused with 503, never passed on and never a 500. */
class FailClosedTest extends FilterContainerTest {

    @Override
    void customize(ServletContextHandler context) {
        // A filter in front of Bulwark that takes the body as characters: Bulwark can then no
        // longer get the byte stream, which is a failure of the set-up, not of the client.
        Filter readerFirst = (request, response, chain) -> {
            request.getReader();
            chain.doFilter(request, response);
        };
        context.addFilter(new FilterHolder(readerFirst), "/reader-first/*", EnumSet.of(DispatcherType.REQUEST));
    }

    @Test
    void answers503WhenACheckThrows() {
        int before = servlet.calls.get();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/echo/explode")).header("X-Explode", "1"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response.body());
        assertThat(problem.get("title").asText()).isEqualTo("Service unavailable");
        assertThat(problem.get("incidentId").asText()).hasSize(16);
        assertThat(response.body()).doesNotContain("exploded", "IllegalStateException");
        assertThat(servlet.calls.get()).isEqualTo(before);
    }

    @Test
    void answers503WhenTheFilterCannotReadTheRequest() {
        int before = servlet.calls.get();

        HttpResponse<String> response = post("/reader-first/x", "text/plain", "body".getBytes(StandardCharsets.US_ASCII));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response.body()).get("incidentId").asText()).hasSize(16);
        assertThat(servlet.calls.get()).isEqualTo(before);
    }

    @Test
    void logsTheFailureWithItsIncidentId() {
        Assumptions.assumeTrue(SecurityLog.available());

        HttpResponse<String> response = post("/reader-first/y", "text/plain", "body".getBytes(StandardCharsets.US_ASCII));
        String incidentId = json(response.body()).get("incidentId").asText();

        JsonNode event = SecurityLog.event(incidentId);
        assertThat(event.get("rule.id").asText()).isEqualTo("INTERNAL-ADAPTER");
        assertThat(event.get("http.response.status_code").asInt()).isEqualTo(503);
        assertThat(SecurityLog.lines()).anyMatch(line -> line.contains("ERROR") && line.contains(incidentId));
    }
}
