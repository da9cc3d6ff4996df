package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.testsupport.TestCheck;
import jakarta.servlet.Filter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listeners hear about every decision the filter carries out, and cannot change one. */
class DecisionListenerTest extends FilterContainerTest {

    record Heard(Decision decision, Duration time) {
    }

    final List<Heard> heard = new CopyOnWriteArrayList<>();
    final List<Heard> heardSecond = new CopyOnWriteArrayList<>();

    @Override
    Filter filter() {
        return BulwarkFilter.builder(Bulwark.builder(config()).check(check).build())
                .listener((decision, time) -> heard.add(new Heard(decision, time)))
                .listener((decision, time) -> {
                    throw new IllegalStateException("listener failed");
                })
                .listener((decision, time) -> heardSecond.add(new Heard(decision, time)))
                .build();
    }

    @BeforeEach
    void clear() {
        heard.clear();
        heardSecond.clear();
    }

    @Test
    void tellsListenersAboutAnAllowedRequest() {
        HttpResponse<String> response = get("/echo/plain?q=oak");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(heard).hasSize(1);
        Heard one = heard.get(0);
        assertThat(one.decision().allowed()).isTrue();
        assertThat(one.decision().incidentId()).isEqualTo(json(response.body()).get("incidentId").asText());
        assertThat(one.time()).isPositive();
    }

    @Test
    void tellsListenersAboutABlockedRequest() {
        int before = servlet.calls.get();

        HttpResponse<String> response = get("/echo/search?q=attack");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(heard).singleElement().satisfies(one -> {
            assertThat(one.decision().blocked()).isTrue();
            assertThat(one.decision().blockingFindings()).extracting(f -> f.ruleKey()).containsExactly(TestCheck.RULE_KEY);
            assertThat(one.decision().incidentId()).isEqualTo(json(response.body()).get("incidentId").asText());
        });
        assertThat(servlet.calls.get()).isEqualTo(before);
    }

    @Test
    void tellsListenersAboutTheFiltersOwnFailureDecision() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/echo/explode")).header("X-Explode", "1"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(heard).singleElement().satisfies(one -> {
            assertThat(one.decision().blocked()).isTrue();
            assertThat(one.decision().status()).isEqualTo(503);
        });
    }

    @Test
    void keepsTheDecisionAndTheOtherListenersWhenAListenerThrows() {
        assertThat(get("/echo/plain").statusCode()).isEqualTo(200);
        assertThat(get("/echo/search?q=attack").statusCode()).isEqualTo(403);

        assertThat(heardSecond).hasSize(2);
        assertThat(heardSecond).extracting(h -> h.decision().blocked()).containsExactly(false, true);
    }

    @Test
    void doesNotTellListenersAboutLaterDispatches() {
        get("/forward/x");

        assertThat(heard).hasSize(1);
    }
}
