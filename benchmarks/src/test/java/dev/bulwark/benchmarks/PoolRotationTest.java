package dev.bulwark.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.config.BulwarkConfig;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The rotation measures what it says: each call timed, the threads taking strict turns. */
class PoolRotationTest {

    private static final Bulwark ENGINE = Bulwark.create(BulwarkConfig.defaults());
    private static final HttpRequest REQUEST = HttpRequest.builder("GET", "/api/v1/orders?status=open")
            .header("Host", "api.example.com")
            .build();

    @Test
    void threadsTakeStrictTurns() throws InterruptedException {
        PoolRotation.Calls calls = PoolRotation.inTurn(ENGINE, REQUEST, 3, 30, PoolRotation.Sweep.none());

        assertThat(calls.threadIds()).containsExactly(IntStream.range(0, 30).map(call -> call % 3).toArray());
    }

    @Test
    void timesEveryCall() throws InterruptedException {
        PoolRotation.Calls calls = PoolRotation.inTurn(ENGINE, REQUEST, 4, 40, new PoolRotation.Sweep(64));

        assertThat(calls.nanos()).hasSize(40);
        assertThat(Arrays.stream(calls.nanos())).allMatch(nanos -> nanos > 0);
        assertThat(calls.median()).isPositive();
    }

    @Test
    void oneThreadMakesEveryCall() throws InterruptedException {
        PoolRotation.Calls calls = PoolRotation.inTurn(ENGINE, REQUEST, 1, 10, PoolRotation.Sweep.none());

        assertThat(Arrays.stream(calls.nanos())).allMatch(nanos -> nanos > 0);
    }

    @Test
    void sweepWritesEveryLineOfItsRunOnce() {
        PoolRotation.Sweep sweep = new PoolRotation.Sweep(1);

        sweep.run();

        assertThat(sweep.linesTouched()).isEqualTo(1024 / 64);
    }

    @Test
    void refusesCallsThatTheThreadsCannotShareEvenly() {
        assertThatThrownBy(() -> PoolRotation.inTurn(ENGINE, REQUEST, 3, 10, PoolRotation.Sweep.none()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
