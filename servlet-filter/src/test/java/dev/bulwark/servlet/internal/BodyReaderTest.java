package dev.bulwark.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.bulwark.servlet.internal.ContainerBodies.request;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.config.BodyReadLimits;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class BodyReaderTest {

    private static final BodyReadWatchdog WATCHDOG = new BodyReadWatchdog(BodyReadLimits.defaults());

    @AfterAll
    static void stopWatchdog() {
        WATCHDOG.close();
    }

    @Test
    void stopsReadingOneByteAfterTheLimit() throws IOException {
        CountingStream endless = new CountingStream(Long.MAX_VALUE);

        CapturedBody body = BodyReader.read(request(-1, endless), 1000, WATCHDOG);

        assertThat(body.truncated()).isTrue();
        assertThat(body.length()).isEqualTo(1001);
        assertThat(endless.served).isEqualTo(1001);
    }

    @Test
    void readsBodyOfUnknownLengthWhole() throws IOException {
        CapturedBody body = BodyReader.read(request(-1, new CountingStream(20_000)), 50_000, WATCHDOG);

        assertThat(body.truncated()).isFalse();
        assertThat(body.length()).isEqualTo(20_000);
        assertThat(body.bytes()[19_999]).isEqualTo((byte) 19_999);
    }

    @Test
    void readsBodyOfDeclaredLengthIntoAnExactBuffer() throws IOException {
        CapturedBody body = BodyReader.read(request(300, new CountingStream(300)), 1000, WATCHDOG);

        assertThat(body.bytes()).hasSize(300);
        assertThat(body.truncated()).isFalse();
    }

    @Test
    void marksBodyLongerThanDeclaredAndOverTheLimitAsTruncated() throws IOException {
        CountingStream longer = new CountingStream(5000);

        CapturedBody body = BodyReader.read(request(10, longer), 100, WATCHDOG);

        assertThat(body.truncated()).isTrue();
        assertThat(longer.served).isEqualTo(101);
    }

    @Test
    void doesNotReadWhenTheDeclaredLengthIsOverTheLimit() throws IOException {
        CountingStream stream = new CountingStream(5000);

        CapturedBody body = BodyReader.read(request(5000, stream), 100, WATCHDOG);

        assertThat(body.truncated()).isTrue();
        assertThat(body.consumed()).isFalse();
        assertThat(stream.served).isZero();
    }

    @Test
    void reportsAFailingStreamAsUnreadableBody() {
        ServletInputStream failing = new CountingStream(0) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> BodyReader.read(request(-1, failing), 100, WATCHDOG)).isInstanceOf(BodyReadException.class)
                .hasRootCauseMessage("connection reset");
    }

    @Test
    void leavesTheStreamAloneWhenAnHttp1RequestFramesNoBody() throws IOException {
        CountingStream stream = new CountingStream(5000);

        CapturedBody body = BodyReader.read(request("HTTP/1.1", -1, null, stream), 100, WATCHDOG);

        assertThat(body.length()).isZero();
        assertThat(body.consumed()).isFalse();
        assertThat(stream.served).isZero();
    }

    @Test
    void readsAnHttp2BodyOfUnknownLength() throws IOException {
        CapturedBody body = BodyReader.read(request("HTTP/2.0", -1, null, new CountingStream(300)), 1000, WATCHDOG);

        assertThat(body.length()).isEqualTo(300);
        assertThat(body.consumed()).isTrue();
    }

    /** Serves {@code length} bytes (byte i is {@code (byte) i}) and counts how many it served. */
    private static class CountingStream extends ContainerBodies.BlockingStream {
        private final long length;
        long served;

        CountingStream(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            return served < length ? (int) (served++ & 0xff) : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (served >= length) {
                return -1;
            }
            int n = (int) Math.min(count, Math.min(length - served, 700));
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) served++;
            }
            return n;
        }

        @Override
        public boolean isFinished() {
            return served >= length;
        }
    }
}
