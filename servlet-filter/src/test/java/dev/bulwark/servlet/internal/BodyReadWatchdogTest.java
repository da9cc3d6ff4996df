package dev.bulwark.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.bulwark.servlet.internal.ContainerBodies.request;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.config.BodyReadLimits;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deadline as {@link BodyReader} keeps it, against streams that behave like a container's:
 * blocking until data arrives, and answering an interrupt with an {@code IOException}.
 */
class BodyReadWatchdogTest {

    /** 1.5 s in all, 100 bytes/s after 300 ms. */
    private final BodyReadWatchdog watchdog = new BodyReadWatchdog(
            new BodyReadLimits(Duration.ofMillis(1500), 100, Duration.ofMillis(300)));

    @AfterEach
    void stopWatchdog() {
        watchdog.close();
    }

    @Test
    void endsAReadBlockedWithoutDataAtTheEndOfTheGracePeriod() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> BodyReader.read(request(100, new StalledStream(0)), 1000, watchdog))
                .isInstanceOfSatisfying(BodyReadTimeoutException.class, e -> {
                    assertThat(e.rateBound()).isTrue();
                    assertThat(e.bytesRead()).isZero();
                });

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(300), Duration.ofMillis(1500));
    }

    @Test
    void clearsTheInterruptItSentBeforeTheThreadGoesOn() {
        assertThatThrownBy(() -> BodyReader.read(request(100, new StalledStream(0)), 1000, watchdog))
                .isInstanceOf(BodyReadTimeoutException.class);

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void givesEachByteTimeAtTheMinimumRate() {
        // 50 bytes buy 500 ms after the 300 ms grace period; then the stream stalls.
        long started = System.nanoTime();

        assertThatThrownBy(() -> BodyReader.read(request(100, new StalledStream(50)), 1000, watchdog))
                .isInstanceOfSatisfying(BodyReadTimeoutException.class, e -> assertThat(e.bytesRead()).isEqualTo(50));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(800), Duration.ofMillis(2000));
    }

    @Test
    void endsATrickleAtTheTimeoutEvenWhenItKeepsTheRate() {
        // 20 bytes every 100 ms is 200 bytes/s, twice the minimum rate: only the timeout ends it.
        long started = System.nanoTime();

        assertThatThrownBy(() -> BodyReader.read(request(10_000, new TricklingStream(10_000, 20, 100)), 100_000, watchdog))
                .isInstanceOfSatisfying(BodyReadTimeoutException.class, e -> assertThat(e.rateBound()).isFalse());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1400), Duration.ofMillis(2500));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void readsASlowBodyThatKeepsTheRateInFull() throws Exception {
        CapturedBody body = BodyReader.read(request(100, new TricklingStream(100, 20, 100)), 1000, watchdog);

        assertThat(body.bytes()).hasSize(100);
    }

    @Test
    void readsABodyTheContainerAlreadyHoldsWithoutTheWatchdog() throws Exception {
        ServletInputStream held = new StalledStream(0) {
            private int served;

            @Override
            public int available() {
                return 100 - served;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (served == 100) {
                    return -1;
                }
                int n = Math.min(length, 100 - served);
                served += n;
                return n;
            }
        };

        CapturedBody body = BodyReader.read(request(100, held), 1000, watchdog);

        assertThat(body.bytes()).hasSize(100);
        assertThat(watchdog.started()).isFalse();
    }

    @Test
    void failureOtherThanTheDeadlineStaysAnUnreadableBody() {
        ServletInputStream failing = new StalledStream(0) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                throw new IOException("early EOF");
            }
        };

        // Far from any deadline, however slowly the test runs.
        try (BodyReadWatchdog lenient = new BodyReadWatchdog(BodyReadLimits.defaults())) {
            assertThatThrownBy(() -> BodyReader.read(request(100, failing), 1000, lenient))
                    .isInstanceOf(BodyReadException.class)
                    .isNotInstanceOf(BodyReadTimeoutException.class);
        }
    }

    /**
     * Serves {@code available} bytes at once, then blocks as a container's stream does while the
     * client sends nothing, until interrupted.
     */
    private static class StalledStream extends ContainerBodies.BlockingStream {
        private int left;

        StalledStream(int available) {
            this.left = available;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left > 0) {
                int n = Math.min(left, length);
                left -= n;
                return n;
            }
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                throw new InterruptedIOException("interrupted");
            }
            throw new IOException("idle timeout");
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public boolean isFinished() {
            return false;
        }
    }

    /** Serves {@code total} bytes, {@code chunk} bytes every {@code intervalMillis}, blocking in between. */
    private static class TricklingStream extends StalledStream {
        private final int chunk;
        private final long intervalMillis;
        private int left;

        TricklingStream(int total, int chunk, long intervalMillis) {
            super(0);
            this.left = total;
            this.chunk = chunk;
            this.intervalMillis = intervalMillis;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left == 0) {
                return -1;
            }
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                throw new InterruptedIOException("interrupted");
            }
            int n = Math.min(left, Math.min(chunk, length));
            left -= n;
            return n;
        }
    }
}
