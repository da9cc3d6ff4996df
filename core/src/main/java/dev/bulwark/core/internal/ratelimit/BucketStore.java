package dev.bulwark.core.internal.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/** Where buckets are kept. Thread-safe; calls to a remote store may throw when it fails. */
interface BucketStore extends AutoCloseable {

    /** The buckets of one limit, all with {@code configuration}; created at start-up. */
    Space space(String name, BucketConfiguration configuration);

    /** {@code local}, or where the remote store is, without credentials. */
    String description();

    /** Whether calls go over the network and may fail. */
    boolean remote();

    @Override
    void close();

    /** The buckets of one limit, by key. */
    interface Space {
        /** The bucket of {@code key}, created full when there is none. */
        Bucket bucket(String key);

        /** The bucket of {@code key} when there is one; {@code null} otherwise. Never creates one. */
        Bucket existing(String key);
    }
}
