package dev.bulwark.webflux.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BodyReadLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class BodyCaptureTest {

    private static final BodyReadLimits LIMITS = BodyReadLimits.defaults();

    private final NettyDataBufferFactory factory = new NettyDataBufferFactory(new UnpooledByteBufAllocator(false));
    private final List<ByteBuf> sent = new ArrayList<>();

    @Test
    void capturesAWholeBodyAcrossBuffersAndReleasesThem() {
        CapturedBody body = read(Flux.just(buffer("hello "), buffer("reactive "), buffer("world")), -1, 100);

        assertThat(new String(body.bytes(), StandardCharsets.US_ASCII)).isEqualTo("hello reactive world");
        assertThat(body.truncated()).isFalse();
        assertThat(sent).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }

    @Test
    void capturesABodyOfExactlyTheLimitAsComplete() {
        CapturedBody body = read(Flux.just(buffer("12345"), buffer("67890")), 10, 10);

        assertThat(body.bytes()).hasSize(10);
        assertThat(body.truncated()).isFalse();
    }

    @Test
    void stopsAtTheLimitPlusOneByteAndKeepsTheRestInOrder() {
        CapturedBody body = read(Flux.just(buffer("abcd"), buffer("efgh"), buffer("ijkl")), -1, 5);

        assertThat(new String(body.bytes(), StandardCharsets.US_ASCII)).isEqualTo("abcdef");
        assertThat(body.truncated()).isTrue();
        StepVerifier.create(body.rest().map(BodyCaptureTest::text)).expectNext("gh", "ijkl").verifyComplete();
    }

    @Test
    void releasesTheHeldRemainderWhenDiscarded() {
        CapturedBody body = read(Flux.just(buffer("abcd"), buffer("efgh"), buffer("ijkl")), -1, 5);

        body.discard();

        // The third buffer was never asked for: it stays with the server, which frees what it received.
        assertThat(sent.subList(0, 2)).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }

    @Test
    void doesNotReadABodyWhoseDeclaredLengthIsOverTheLimit() {
        Flux<DataBuffer> untouched = Flux.error(new AssertionError("the body must not be read"));

        CapturedBody body = read(untouched, 1_000, 10);

        assertThat(body.bytes()).isEmpty();
        assertThat(body.truncated()).isTrue();
    }

    @Test
    void reportsAFailingBodyAsUnreadable() {
        StepVerifier.create(BodyCapture.read(Flux.error(new IllegalStateException("connection reset")), -1, 10, LIMITS,
                        Schedulers.parallel()))
                .expectError(BodyReadException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void endsAStalledBodyAtTheGracePeriodWithTheRateBound() {
        VirtualTimeScheduler timer = VirtualTimeScheduler.create();
        BodyReadLimits limits = BodyReadLimits.custom().timeout(Duration.ofSeconds(30))
                .gracePeriod(Duration.ofSeconds(5)).minRate(1024).build();

        StepVerifier.create(BodyCapture.read(Flux.<DataBuffer>never(), 100, 1_000, limits, timer))
                .then(() -> timer.advanceTimeBy(Duration.ofSeconds(6)))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(BodyReadTimeoutException.class)
                        .extracting(e -> ((BodyReadTimeoutException) e).rateBound()).isEqualTo(true))
                .verify(Duration.ofSeconds(5));
    }

    private CapturedBody read(Flux<DataBuffer> body, long declared, long limit) {
        CapturedBody captured = BodyCapture.read(body, declared, limit, LIMITS, Schedulers.parallel())
                .block(Duration.ofSeconds(5));
        assertThat(captured).isNotNull();
        return captured;
    }

    private DataBuffer buffer(String text) {
        NettyDataBuffer buffer = factory.wrap(factory.getByteBufAllocator().buffer().writeBytes(
                text.getBytes(StandardCharsets.US_ASCII)));
        sent.add(buffer.getNativeBuffer());
        return buffer;
    }

    private static String text(DataBuffer buffer) {
        String text = buffer.toString(StandardCharsets.US_ASCII);
        DataBufferUtils.release(buffer);
        return text;
    }
}
