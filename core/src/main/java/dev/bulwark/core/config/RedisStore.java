package dev.bulwark.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A Redis server that holds the buckets of every instance ({@code rate-limits.store.redis}), so
 * that limits and repeat-offender bans hold across a fleet. Needs
 * {@code com.bucket4j:bucket4j_jdk17-lettuce} and {@code io.lettuce:lettuce-core} on the classpath.
 *
 * @param uri a {@code redis://} or {@code rediss://} URI, with credentials and database if needed
 * @param timeout how long one call may take before it counts as a store failure; default 100 ms
 * @param keyPrefix put before every key, to share a server with other users; default {@code bulwark:}
 * @param retryInterval how long the store is not asked after a failure (the open circuit); default 5 s
 */
public record RedisStore(String uri, Duration timeout, String keyPrefix, Duration retryInterval) {

    /** Default of {@link #timeout()}: 100 ms. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(100);
    /** Default of {@link #keyPrefix()}. */
    public static final String DEFAULT_KEY_PREFIX = "bulwark:";
    /** Default of {@link #retryInterval()}: 5 s. */
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(5);

    public RedisStore {
        Objects.requireNonNull(uri, "uri");
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        keyPrefix = keyPrefix == null ? DEFAULT_KEY_PREFIX : keyPrefix;
        retryInterval = retryInterval == null ? DEFAULT_RETRY_INTERVAL : retryInterval;
        String scheme = URI.create(uri).getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("expected a redis:// or rediss:// URI");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("timeout must be positive and at most 10s, was " + timeout);
        }
        if (retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("retry-interval must be positive, was " + retryInterval);
        }
    }

    /** A store at {@code uri} with the default timeout, prefix and retry interval. */
    public static RedisStore of(String uri) {
        return new RedisStore(uri, null, null, null);
    }

    /** The URI without its password, for logs and the health endpoint. */
    public String safeUri() {
        URI parsed = URI.create(uri);
        return parsed.getScheme() + "://" + parsed.getHost() + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort())
                + (parsed.getPath() == null ? "" : parsed.getPath());
    }

    @Override
    public String toString() {
        return "RedisStore[" + safeUri() + ", timeout=" + timeout + ", keyPrefix=" + keyPrefix + "]";
    }
}
