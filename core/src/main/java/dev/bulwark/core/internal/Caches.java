package dev.bulwark.core.internal;

import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Where the core's Caffeine caches start: with their upkeep (eviction, expiry, the draining of
 * Caffeine's read and write buffers) run by the thread that reads or writes them.
 *
 * <p>By default Caffeine hands that upkeep to {@code ForkJoinPool.commonPool()}: every few reads of
 * a hot entry (a client's bearer token, read on each of its requests) wake a pool thread. On a busy
 * server that wake-up, a futex call and a context switch on a core the request threads need, costs
 * more than the upkeep itself, which is a bounded batch of a few dozen entries; it also puts work
 * of ours on a pool the application may rely on.
 */
public final class Caches {

    private Caches() {
    }

    /** A builder whose cache keeps itself up to date on the calling thread. */
    public static Caffeine<Object, Object> onCallingThread() {
        return Caffeine.newBuilder().executor(Runnable::run);
    }
}
