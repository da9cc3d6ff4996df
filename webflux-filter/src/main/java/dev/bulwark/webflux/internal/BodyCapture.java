package dev.bulwark.webflux.internal;

import dev.bulwark.core.config.BodyReadLimits;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * Reads a request body once, without blocking, never keeping more than {@code limit + 1} bytes:
 * the one extra byte tells a body of exactly the limit from a longer one without receiving the
 * rest. A declared {@code Content-Length} over the limit is not read at all.
 *
 * <p>Buffers are asked for one at a time and copied into one array, allocated with the first
 * bytes (nothing for a request without a body) at the declared length (or 8 KiB when none is
 * declared) and grown by doubling up to {@code limit + 1}; each buffer is released once copied. When the limit is crossed, no more is asked for: the rest of the
 * body (and the unread part of the buffer that crossed it) waits in {@link CapturedBody#rest()}
 * until the application asks for it, or is given up with {@link CapturedBody#discard()}.
 *
 * <p>Time is bounded by the {@link BodyReadLimits}: a check on {@code timer} at the deadline
 * ends the read with {@link BodyReadTimeoutException} even while the client sends nothing, and
 * moves the deadline on when bytes arrived in the meantime. No thread waits for the client.
 */
public final class BodyCapture {

    private static final int INITIAL_UNKNOWN_LENGTH = 8 * 1024;
    private static final byte[] NONE = new byte[0];

    private BodyCapture() {
    }

    /**
     * Reads {@code body}.
     *
     * @param declaredLength the declared {@code Content-Length}, or -1 when none is declared
     * @param limit the largest body accepted, in bytes; below 2 GiB
     * @param limits the body-read timeout and minimum rate
     * @param timer runs the deadline checks, and its clock times the read; the checks never block
     * @return the body, or an error: {@link BodyReadTimeoutException} when it does not arrive by
     *     its deadline, {@link BodyReadException} when the server fails to deliver it
     */
    public static Mono<CapturedBody> read(Flux<DataBuffer> body, long declaredLength, long limit, BodyReadLimits limits,
            Scheduler timer) {
        if (limit < 0 || limit >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("limit out of range: " + limit);
        }
        if (declaredLength > limit) {
            return Mono.just(CapturedBody.unread(body));
        }
        int max = (int) limit + 1;
        int initial = declaredLength > 0 ? (int) declaredLength : Math.min(max, INITIAL_UNKNOWN_LENGTH);
        return Mono.create(sink -> {
            Capture capture = new Capture(sink, initial, max, limits, timer);
            sink.onCancel(capture::abandon);
            body.subscribe(capture);
        });
    }

    /** The subscriber that copies the body and, past the limit, hands the rest on. */
    private static final class Capture extends BaseSubscriber<DataBuffer> {
        private final MonoSink<CapturedBody> result;
        private final int max;
        private final BodyReadLimits limits;
        private final Scheduler timer;
        private final int initial;
        private byte[] buffer = NONE;
        private int count;
        private long startNanos;
        private Disposable deadlineCheck;
        /** The result was signalled, or will never be (abandoned): the capture itself is over. */
        private boolean delivered;
        /** After a truncated result: the part of the buffer that crossed the limit, not yet handed on. */
        private DataBuffer remainder;
        private FluxSink<DataBuffer> rest;
        private boolean upstreamDone;
        private Throwable upstreamError;
        private boolean discarded;

        Capture(MonoSink<CapturedBody> result, int initial, int max, BodyReadLimits limits, Scheduler timer) {
            this.result = result;
            this.max = max;
            this.limits = limits;
            this.timer = timer;
            this.initial = initial;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            synchronized (this) {
                startNanos = timer.now(TimeUnit.NANOSECONDS);
                scheduleCheck(limits.deadline(startNanos, 0));
            }
            request(1);
        }

        @Override
        protected void hookOnNext(DataBuffer data) {
            FluxSink<DataBuffer> forward;
            boolean truncated = false;
            synchronized (this) {
                forward = rest;
                if (forward == null) {
                    if (delivered) {
                        DataBufferUtils.release(data);
                        return;
                    }
                    int take = Math.min(data.readableByteCount(), max - count);
                    ensureCapacity(count + take);
                    data.read(buffer, count, take);
                    count += take;
                    if (count >= max) {
                        delivered = true;
                        truncated = true;
                        cancelCheck();
                        if (data.readableByteCount() > 0) {
                            remainder = data;
                        } else {
                            DataBufferUtils.release(data);
                        }
                    } else {
                        DataBufferUtils.release(data);
                    }
                }
            }
            if (forward != null) {
                forward.next(data);
            } else if (truncated) {
                result.success(CapturedBody.truncated(buffer, restOfBody(), this::discardRest));
            } else {
                request(1);
            }
        }

        @Override
        protected void hookOnComplete() {
            FluxSink<DataBuffer> forward;
            boolean complete = false;
            synchronized (this) {
                forward = rest;
                if (!delivered) {
                    delivered = true;
                    complete = true;
                    cancelCheck();
                } else {
                    upstreamDone = true;
                }
            }
            if (forward != null) {
                forward.complete();
            } else if (complete) {
                result.success(CapturedBody.complete(count == buffer.length ? buffer : Arrays.copyOf(buffer, count)));
            }
        }

        @Override
        protected void hookOnError(Throwable error) {
            FluxSink<DataBuffer> forward;
            boolean failed = false;
            synchronized (this) {
                forward = rest;
                if (!delivered) {
                    delivered = true;
                    failed = true;
                    cancelCheck();
                } else {
                    upstreamError = error;
                }
            }
            if (forward != null) {
                forward.error(error);
            } else if (failed) {
                result.error(new BodyReadException(error));
            }
        }

        /** The exchange went away before the body was read: stop reading. */
        void abandon() {
            synchronized (this) {
                if (delivered) {
                    return;
                }
                delivered = true;
                cancelCheck();
            }
            cancel();
        }

        private void ensureCapacity(int needed) {
            if (needed > buffer.length) {
                long grown = Math.max(needed, Math.max(initial, 2L * buffer.length));
                buffer = Arrays.copyOf(buffer, (int) Math.min(max, grown));
            }
        }

        /** Called with the lock held. */
        private void scheduleCheck(long deadlineNanos) {
            long delay = Math.max(0, deadlineNanos - timer.now(TimeUnit.NANOSECONDS));
            deadlineCheck = timer.schedule(this::checkDeadline, delay, TimeUnit.NANOSECONDS);
        }

        /** Called with the lock held. */
        private void cancelCheck() {
            if (deadlineCheck != null) {
                deadlineCheck.dispose();
                deadlineCheck = null;
            }
        }

        private void checkDeadline() {
            BodyReadTimeoutException timeout;
            synchronized (this) {
                if (delivered) {
                    return;
                }
                long deadline = limits.deadline(startNanos, count);
                if (timer.now(TimeUnit.NANOSECONDS) - deadline < 0) {
                    scheduleCheck(deadline);
                    return;
                }
                delivered = true;
                deadlineCheck = null;
                timeout = new BodyReadTimeoutException(count, limits.rateBound(count));
            }
            cancel();
            result.error(timeout);
        }

        /** The body after the first {@code limit + 1} bytes, for one subscriber. */
        private Flux<DataBuffer> restOfBody() {
            return Flux.create(sink -> {
                DataBuffer first;
                boolean done;
                Throwable error;
                synchronized (this) {
                    if (rest != null || discarded) {
                        sink.error(new IllegalStateException("the rest of the body can be received only once"));
                        return;
                    }
                    rest = sink;
                    first = remainder;
                    remainder = null;
                    done = upstreamDone;
                    error = upstreamError;
                }
                if (first != null) {
                    sink.next(first);
                }
                if (error != null) {
                    sink.error(error);
                } else if (done) {
                    sink.complete();
                } else {
                    sink.onCancel(this::cancel);
                    sink.onRequest(this::request);
                }
            });
        }

        private void discardRest() {
            DataBuffer held;
            boolean cancelUpstream;
            synchronized (this) {
                if (discarded) {
                    return;
                }
                discarded = true;
                held = remainder;
                remainder = null;
                cancelUpstream = rest == null;
            }
            if (held != null) {
                DataBufferUtils.release(held);
            }
            if (cancelUpstream) {
                cancel();
            }
        }
    }
}
