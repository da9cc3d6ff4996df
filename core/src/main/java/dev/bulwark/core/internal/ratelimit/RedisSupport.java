package dev.bulwark.core.internal.ratelimit;

import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.core.config.RedisStore;

/**
 * Creates the Redis store only when its optional libraries are present, so that services keeping
 * limits locally need not carry them.
 */
final class RedisSupport {

    private static final String[] REQUIRED_CLASSES = {
        "io.github.bucket4j.redis.lettuce.Bucket4jLettuce", "io.lettuce.core.RedisClient"};

    private RedisSupport() {
    }

    /** The store for this configuration; fails start-up, naming the artifacts, when a library is missing. */
    static BucketStore create(RedisStore config) {
        requireLibraries(RedisSupport.class.getClassLoader());
        return new RedisBucketStore(config);
    }

    /** Fails start-up, naming the artifacts, when {@code loader} cannot see a class the Redis store needs. */
    static void requireLibraries(ClassLoader loader) {
        for (String name : REQUIRED_CLASSES) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                throw new ConfigurationException("rate-limits.store.redis", "the Redis store needs "
                        + "com.bucket4j:bucket4j_jdk17-lettuce and io.lettuce:lettuce-core on the classpath ("
                        + name + " is missing)");
            }
        }
    }
}
