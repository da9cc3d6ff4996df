package dev.bulwark.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplayInputStreamTest {

    private static final ServletRequest REQUEST = (ServletRequest) Proxy.newProxyInstance(
            ReplayInputStreamTest.class.getClassLoader(), new Class<?>[] {ServletRequest.class}, (proxy, method, args) -> null);

    @Test
    void readAllBytesReturnsWhatIsLeftAfterAPartialRead() throws IOException {
        ReplayInputStream in = new ReplayInputStream(bytes("0123456789"), null, REQUEST);
        in.read(new byte[3], 0, 3);

        assertThat(in.readAllBytes()).isEqualTo(bytes("3456789"));
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.readAllBytes()).isEmpty();
    }

    @Test
    void readNBytesStopsAtTheCountAsked() throws IOException {
        ReplayInputStream in = new ReplayInputStream(bytes("0123456789"), null, REQUEST);

        assertThat(in.readNBytes(4)).isEqualTo(bytes("0123"));
        assertThat(in.readNBytes(100)).isEqualTo(bytes("456789"));
    }

    @Test
    void readAllBytesJoinsTheBytesInMemoryAndTheRestOfTheContainersStream() throws IOException {
        ReplayInputStream in = new ReplayInputStream(bytes("head-"), container("tail"), REQUEST);

        assertThat(in.readAllBytes()).isEqualTo(bytes("head-tail"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static ServletInputStream container(String text) {
        ByteArrayInputStream bytes = new ByteArrayInputStream(bytes(text));
        return new ContainerBodies.BlockingStream() {
            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public boolean isFinished() {
                return bytes.available() == 0;
            }
        };
    }
}
