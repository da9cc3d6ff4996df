package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The incident id of a decision whose id is drawn when first asked for. */
class DecisionIncidentIdTest {

    private static Decision allowed() {
        return Decision.ofNewIncident(List.of(), Map.of(), HeaderChanges.NONE, List.of());
    }

    @Test
    void givesTheSameIncidentIdEveryTimeItIsAskedFor() {
        Decision decision = allowed();

        String first = decision.incidentId();

        assertThat(first).matches("[0-9A-HJKMNP-TV-Z]{16}");
        assertThat(decision.incidentId()).isEqualTo(first);
        assertThat(decision.toString()).contains(first);
    }

    @Test
    void givesEachDecisionItsOwnIncidentId() {
        assertThat(allowed().incidentId()).isNotEqualTo(allowed().incidentId());
    }

    @Test
    void givesThreadsAskingAtOnceOneIncidentId() throws InterruptedException {
        Decision decision = allowed();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = List.of(new Thread(() -> ask(decision, start, seen)), new Thread(() -> ask(decision, start, seen)),
                new Thread(() -> ask(decision, start, seen)), new Thread(() -> ask(decision, start, seen)));
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(seen).hasSize(1);
    }

    @Test
    void blocksWithTheFirstBlockingFinding() {
        Finding finding = Finding.blocking("MALFORMED", "MALFORMED-X", "bad", Location.REQUEST, BlockType.MALFORMED, 400);

        Decision decision = Decision.ofNewIncident(List.of(finding), Map.of(), HeaderChanges.NONE, List.of());

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.status()).isEqualTo(400);
        assertThat(decision.blockType()).isEqualTo(BlockType.MALFORMED);
    }

    private static void ask(Decision decision, CountDownLatch start, Set<String> seen) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        seen.add(decision.incidentId());
    }
}
