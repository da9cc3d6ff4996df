package dev.bulwark.servlet.internal;

import dev.bulwark.core.config.BodyReadLimits;
import jakarta.servlet.ServletRequest;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends blocking reads of request bodies at their {@link BodyReadLimits} deadline, so that a client
 * that stalls in the middle of its body frees the server thread then, not at the container's idle
 * timeout, which every trickled byte renews.
 *
 * <p>One daemon thread per filter, started by the first read that may block, parked while no read
 * is watched, and looking at the watched reads every {@value #TICK_MILLIS} ms while some are: the
 * deadline holds to within that. A read is watched only while it may block ({@link Watch#beforeRead}
 * to {@link Watch#afterRead}); a body the container already holds is read without the watchdog.
 * Watching is an insertion into and a removal from a concurrent set: constant time, no thread and
 * no timer task per request.
 *
 * <p>How a blocked read is ended depends on the container:
 * <ul>
 *   <li><b>Interrupt</b> (Jetty 12, Tomcat's HTTP/2 streams): the blocked thread is interrupted and
 *       the container's read fails with an {@code IOException} (Jetty's
 *       {@code BlockingContentProducer} turns the {@code InterruptedException} into a failed chunk;
 *       Tomcat's {@code Stream.StreamInputBuffer} wraps it). The interrupt is sent only while the
 *       thread is inside the watched read, and the reader clears it in {@link Watch#afterRead}
 *       before it goes on, so no interrupt reaches the application or the container's pool.</li>
 *   <li><b>Socket read timeout</b> (Tomcat HTTP/1.1, which ignores interrupts in a blocking
 *       read): see {@link TomcatBodyRead}. The interrupt is sent there too, and is harmless.</li>
 * </ul>
 * The container's own timeouts stay in force and end a stalled read first when they are shorter:
 * Jetty's idle timeout (30 s by default) and Tomcat's {@code connectionTimeout} (60 s by default,
 * 20 s in the shipped {@code server.xml}) apply to each wait for data, and are renewed by every byte.
 */
public final class BodyReadWatchdog implements AutoCloseable {

    /** How often, in milliseconds, the watched reads are looked at while there are some. */
    static final long TICK_MILLIS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(BodyReadWatchdog.class);

    private final BodyReadLimits limits;
    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private volatile Thread thread;
    private volatile boolean idle;
    private volatile boolean closed;

    public BodyReadWatchdog(BodyReadLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The limits the deadlines follow. */
    public BodyReadLimits limits() {
        return limits;
    }

    /**
     * The watch for the body of {@code request}, read by the current thread since
     * {@code startNanos} ({@link System#nanoTime()}).
     */
    Watch watch(ServletRequest request, long startNanos) {
        return new Watch(startNanos, TomcatBodyRead.of(request));
    }

    /** Whether the watchdog thread was ever started: only a read that may block starts it. */
    boolean started() {
        return thread != null;
    }

    /**
     * Stops the watchdog thread and waits for it to end (briefly: it only has to wake up), so that a
     * container undeploying the application finds no thread of it left. Reads watched later are
     * still bounded, by their own checks between reads only.
     */
    @Override
    public void close() {
        closed = true;
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null && running != Thread.currentThread()) {
            LockSupport.unpark(running);
            try {
                running.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void add(Watch watch) {
        watched.add(watch);
        Thread running = thread;
        if (running == null) {
            running = start();
        }
        if (running != null && idle) {
            LockSupport.unpark(running);
        }
    }

    private synchronized Thread start() {
        if (thread == null && !closed) {
            Thread started = new Thread(this::run, "bulwark-body-read-watchdog");
            started.setDaemon(true);
            thread = started;
            started.start();
        }
        return thread;
    }

    private void run() {
        while (!closed) {
            if (watched.isEmpty()) {
                idle = true;
                if (watched.isEmpty() && !closed) {
                    LockSupport.park(this);
                }
                idle = false;
                continue;
            }
            long now = System.nanoTime();
            for (Watch watch : watched) {
                try {
                    watch.endIfDue(now);
                } catch (RuntimeException e) {
                    // One failure must not stop the watchdog: every other stalled read would hang.
                    LOG.warn("Could not end a stalled body read", e);
                }
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
        }
    }

    /**
     * The deadline of one request body, read by one thread. Not thread-safe except for what the
     * watchdog calls.
     */
    final class Watch {

        private static final int IDLE = 0;
        private static final int READING = 1;
        private static final int ENDING = 2;
        private static final int ENDED = 3;

        private final Thread reader = Thread.currentThread();
        private final long startNanos;
        private final TomcatBodyRead tomcat;
        private final AtomicInteger state = new AtomicInteger(IDLE);
        private volatile long deadline;

        private Watch(long startNanos, TomcatBodyRead tomcat) {
            this.startNanos = startNanos;
            this.tomcat = tomcat;
        }

        /**
         * Before a read that may block, with the bytes received so far.
         *
         * @throws BodyReadTimeoutException when the deadline has already passed
         */
        void beforeRead(long bytesRead) throws BodyReadTimeoutException {
            long due = limits.deadline(startNanos, bytesRead);
            long left = due - System.nanoTime();
            if (left <= 0) {
                throw timeout(bytesRead);
            }
            deadline = due;
            if (tomcat != null) {
                tomcat.limitNextRead(left);
            }
            state.set(READING);
            add(this);
        }

        /**
         * After the read, whether it returned or failed: clears the interrupt the watchdog sent, if
         * it sent one.
         *
         * @return whether the watchdog ended the read
         */
        boolean afterRead() {
            watched.remove(this);
            while (true) {
                if (state.compareAndSet(READING, IDLE)) {
                    return false;
                }
                if (state.get() == ENDED) {
                    Thread.interrupted();
                    state.set(IDLE);
                    return true;
                }
                // The watchdog is between claiming the read and interrupting it: a few instructions.
                Thread.onSpinWait();
            }
        }

        /** Whether the deadline of the last read has passed (a container's own timeout ended it). */
        boolean pastDeadline() {
            return System.nanoTime() - deadline >= 0;
        }

        /** The exception for a body that missed its deadline after {@code bytesRead} bytes. */
        BodyReadTimeoutException timeout(long bytesRead) {
            return new BodyReadTimeoutException(limits.rateBound(bytesRead), bytesRead);
        }

        /** Once the body has been read, gives the connection back its own settings. */
        void finish() {
            if (tomcat != null) {
                tomcat.restore();
            }
        }

        /** Called by the watchdog thread. */
        private void endIfDue(long now) {
            if (state.get() != READING || now - deadline < 0 || !state.compareAndSet(READING, ENDING)) {
                return;
            }
            if (now - deadline < 0) {
                // The reader finished that read and began another, with a later deadline.
                state.set(READING);
                return;
            }
            if (tomcat != null) {
                tomcat.expire();
            }
            reader.interrupt();
            state.set(ENDED);
        }
    }
}
