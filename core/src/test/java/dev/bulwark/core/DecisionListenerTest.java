package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionListenerTest {

    private final Decision decision = Decision.of(List.of(), "INCIDENT00000010", Map.of());

    @Test
    void tellsEveryListenerInOrder() {
        List<String> heard = new ArrayList<>();
        DecisionListener all = DecisionListener.all(List.of((d, t) -> heard.add("first"), (d, t) -> heard.add("second")));

        all.onDecision(decision, Duration.ofMillis(3));

        assertThat(heard).containsExactly("first", "second");
    }

    @Test
    void skipsAListenerThatThrowsAndTellsTheRest() {
        List<String> heard = new ArrayList<>();
        DecisionListener all = DecisionListener.all(List.of((d, t) -> {
            throw new IllegalStateException("listener failed");
        }, (d, t) -> heard.add(d.incidentId())));

        assertThatCode(() -> all.onDecision(decision, Duration.ZERO)).doesNotThrowAnyException();
        assertThat(heard).containsExactly("INCIDENT00000010");
    }
}
