package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What adapters read from a decision, typed, instead of string-keyed attributes. */
class DecisionAccessorsTest {

    @Test
    void readsTheClientAndThePrincipalCoreResolved() {
        Decision decision = Decision.of(List.of(), "ID", Map.of(Decision.CLIENT_ADDRESS_ATTRIBUTE, "192.0.2.7",
                Decision.CLIENT_SECURE_ATTRIBUTE, true, Decision.SUBJECT_ATTRIBUTE, "alice",
                Decision.CLAIMS_ATTRIBUTE, Map.of("sub", "alice")));

        assertThat(decision.clientAddress()).contains("192.0.2.7");
        assertThat(decision.clientSecure()).contains(true);
        assertThat(decision.principal()).contains("alice");
        assertThat(decision.claims()).containsEntry("sub", "alice");
    }

    @Test
    void leavesThemEmptyWhenNoCheckSetThem() {
        Decision decision = Decision.of(List.of(), "ID", Map.of());

        assertThat(decision.clientAddress()).isEmpty();
        assertThat(decision.clientSecure()).isEmpty();
        assertThat(decision.principal()).isEmpty();
        assertThat(decision.claims()).isEmpty();
    }

    @Test
    void blocksAFailureWithANewIncidentId() {
        Decision failure = Decision.failure(Finding.blocking("INTERNAL", "INTERNAL-ADAPTER", "failed", Location.REQUEST,
                BlockType.INTERNAL, 503));

        assertThat(failure.blocked()).isTrue();
        assertThat(failure.status()).isEqualTo(503);
        assertThat(failure.incidentId()).hasSize(16);
    }

    @Test
    void refusesAFailureThatDoesNotBlock() {
        Finding logged = Finding.blocking("INTERNAL", "INTERNAL-ADAPTER", "failed", Location.REQUEST, BlockType.INTERNAL, 503)
                .withMode(Mode.LOG_ONLY);

        assertThatThrownBy(() -> Decision.failure(logged)).isInstanceOf(IllegalArgumentException.class);
    }
}
