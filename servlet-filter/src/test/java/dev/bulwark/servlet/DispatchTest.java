package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.Bulwark;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The filter inspects each request once: on its REQUEST dispatch, not on later dispatches. */
class DispatchTest extends FilterContainerTest {

    @Override
    void customize(ServletContextHandler context) {
        // A second instance mapped too, as happens when a filter is registered twice.
        context.addFilter(new FilterHolder(BulwarkFilter.create(Bulwark.builder(config()).check(check).build())),
                "/twice/*", EnumSet.allOf(DispatcherType.class));
    }

    @BeforeEach
    void resetCount() {
        check.invocations.set(0);
    }

    @Test
    void inspectsRequestDispatchOnce() {
        get("/echo/once");

        assertThat(check.invocations.get()).isEqualTo(1);
    }

    @Test
    void doesNotInspectForwardDispatchAgain() {
        HttpResponse<String> response = get("/forward/x");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode seen = json(response.body());
        assertThat(seen.get("dispatcher").asText()).isEqualTo("FORWARD");
        assertThat(seen.get("path").asText()).isEqualTo("/echo/forwarded");
        assertThat(check.invocations.get()).isEqualTo(1);
    }

    @Test
    void doesNotInspectErrorDispatch() {
        HttpResponse<String> response = get("/fail/x");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response.body()).get("dispatcher").asText()).isEqualTo("ERROR");
        assertThat(check.invocations.get()).isEqualTo(1);
    }

    @Test
    void inspectsOnceWhenTwoInstancesAreMapped() {
        HttpResponse<String> response = get("/twice/x");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(check.invocations.get()).isEqualTo(1);
    }
}
