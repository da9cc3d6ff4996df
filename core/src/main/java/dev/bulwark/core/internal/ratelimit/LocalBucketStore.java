package dev.bulwark.core.internal.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import dev.bulwark.core.internal.Caches;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Duration;
import java.util.function.Function;

/**
 * Buckets in this instance: one Caffeine cache per limit, bounded to {@code maxKeys} entries (least
 * recently used go first) and dropping a key once it has not been used for the longest refill
 * period of its limit, when its bucket would be full again anyway.
 */
final class LocalBucketStore implements BucketStore {

    private final int maxKeys;

    LocalBucketStore(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    @Override
    public Space space(String name, BucketConfiguration configuration) {
        long longest = 0;
        for (Bandwidth bandwidth : configuration.getBandwidths()) {
            longest = Math.max(longest, bandwidth.getRefillPeriodNanos());
        }
        Cache<String, Bucket> buckets = Caches.onCallingThread()
                .maximumSize(maxKeys)
                .expireAfterAccess(Duration.ofNanos(longest))
                .build();
        Function<String, Bucket> create = key -> {
            LocalBucketBuilder builder = Bucket.builder();
            for (Bandwidth bandwidth : configuration.getBandwidths()) {
                builder.addLimit(bandwidth);
            }
            return builder.build();
        };
        return new Space() {
            @Override
            public Bucket bucket(String key) {
                return buckets.get(key, create);
            }

            @Override
            public Bucket existing(String key) {
                return buckets.getIfPresent(key);
            }
        };
    }

    @Override
    public String description() {
        return "local";
    }

    @Override
    public boolean remote() {
        return false;
    }

    @Override
    public void close() {
    }
}
