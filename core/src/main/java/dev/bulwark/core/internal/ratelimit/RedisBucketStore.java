package dev.bulwark.core.internal.ratelimit;

import dev.bulwark.core.config.RedisStore;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Buckets in Redis, through Bucket4j's Lettuce backend (compare-and-swap), so that every instance
 * pointing at one server shares them. Keys are {@code key-prefix + limit + ':' + key} and expire
 * one second after their bucket would be full again.
 *
 * <p>The connection is opened on first use, not at start-up, so that a service starts while Redis
 * is down and follows {@code on-store-failure} meanwhile. Commands are rejected at once while the
 * connection is down (Lettuce reconnects in the background) and time out after the configured
 * timeout otherwise; either way the caller sees an exception and opens its circuit.
 */
final class RedisBucketStore implements BucketStore {

    /** How long a key outlives the moment its bucket would be full again. */
    private static final Duration KEY_GRACE = Duration.ofSeconds(1);

    private final RedisStore config;
    private final RedisClient client;
    private final ProxyManager<Object> buckets;
    private volatile StatefulRedisConnection<byte[], byte[]> connection;

    RedisBucketStore(RedisStore config) {
        this.config = config;
        RedisURI uri = RedisURI.create(config.uri());
        uri.setTimeout(config.timeout());
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(config.timeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(config.timeout()).build())
                .build());
        this.buckets = new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(new LazyRedisApi())
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEY_GRACE))
                .requestTimeout(config.timeout())
                .build();
    }

    @Override
    public Space space(String name, BucketConfiguration configuration) {
        String prefix = config.keyPrefix() + name + ":";
        return new Space() {
            @Override
            public Bucket bucket(String key) {
                return buckets.getProxy(bytes(prefix, key), () -> configuration);
            }

            @Override
            public Bucket existing(String key) {
                byte[] id = bytes(prefix, key);
                Optional<BucketConfiguration> stored = buckets.getProxyConfiguration(id);
                return stored.isPresent() ? buckets.getProxy(id, () -> configuration) : null;
            }
        };
    }

    private static byte[] bytes(String prefix, String key) {
        return (prefix + key).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String description() {
        return config.safeUri();
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public void close() {
        StatefulRedisConnection<byte[], byte[]> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private RedisAsyncCommands<byte[], byte[]> commands() {
        StatefulRedisConnection<byte[], byte[]> open = connection;
        if (open == null) {
            synchronized (this) {
                open = connection;
                if (open == null) {
                    open = client.connect(ByteArrayCodec.INSTANCE);
                    connection = open;
                }
            }
        }
        return open.async();
    }

    /**
     * Bucket4j's view of Redis, connecting on first use. Keys are byte arrays, typed {@code Object}
     * because Bucket4j hands them over in an {@code Object[]} (a generic array).
     */
    private final class LazyRedisApi implements RedisApi<Object> {
        @Override
        public <V> RedisFuture<V> eval(String script, ScriptOutputType type, Object[] keys, byte[][] args) {
            return commands().eval(script, type, Arrays.copyOf(keys, keys.length, byte[][].class), args);
        }

        @Override
        public RedisFuture<byte[]> get(Object key) {
            return commands().get((byte[]) key);
        }

        @Override
        public RedisFuture<?> delete(Object key) {
            return commands().del((byte[]) key);
        }
    }
}
