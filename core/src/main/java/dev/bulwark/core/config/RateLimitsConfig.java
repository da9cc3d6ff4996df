package dev.bulwark.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Rate limits and repeat-offender blocking ({@code rate-limits:}). Buckets are Bucket4j's: kept in
 * the instance (bounded by {@link #maxKeys()} per limit, each key dropped once its bucket would be
 * full again) or in Redis ({@link #redis()}) to hold across instances. None by default.
 */
public final class RateLimitsConfig {

    /** Default of {@link #maxKeys()}: 100,000 keys per limit. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    private static final RateLimitsConfig NONE = custom().build();

    private final RedisStore redis;
    private final StoreFailurePolicy onStoreFailure;
    private final int maxKeys;
    private final List<RateLimit> limits;
    private final RepeatOffenders repeatOffenders;

    private RateLimitsConfig(Builder builder) {
        this.redis = builder.redis;
        this.onStoreFailure = builder.onStoreFailure;
        this.maxKeys = builder.maxKeys;
        this.limits = List.copyOf(builder.limits);
        this.repeatOffenders = builder.repeatOffenders;
        checkUniqueNames(limits);
    }

    /** No limits, no repeat-offender blocking. */
    public static RateLimitsConfig none() {
        return NONE;
    }

    public static Builder custom() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.redis = redis;
        builder.onStoreFailure = onStoreFailure;
        builder.maxKeys = maxKeys;
        builder.limits.addAll(limits);
        builder.repeatOffenders = repeatOffenders;
        return builder;
    }

    /** The Redis store; {@code null} for the local store (the default). */
    public RedisStore redis() {
        return redis;
    }

    /** What a request gets when the store fails; {@link StoreFailurePolicy#ALLOW} by default. */
    public StoreFailurePolicy onStoreFailure() {
        return onStoreFailure;
    }

    /** Most keys one limit keeps in the local store; the least recently used go first. Default 100,000. */
    public int maxKeys() {
        return maxKeys;
    }

    /** The global limits, checked in order for every request they cover. */
    public List<RateLimit> limits() {
        return limits;
    }

    /** Repeat-offender blocking; {@code null} when off (the default). */
    public RepeatOffenders repeatOffenders() {
        return repeatOffenders;
    }

    /** Whether there is anything to do, globally. */
    public boolean enabled() {
        return !limits.isEmpty() || repeatOffenders != null;
    }

    static void checkUniqueNames(List<RateLimit> limits) {
        Set<String> names = new HashSet<>();
        for (RateLimit limit : limits) {
            if (!names.add(limit.name())) {
                throw new IllegalArgumentException("duplicate limit name '" + limit.name() + "'");
            }
        }
    }

    /** Builds a {@link RateLimitsConfig}; setters reject bad values at once. */
    public static final class Builder {
        private RedisStore redis;
        private StoreFailurePolicy onStoreFailure = StoreFailurePolicy.ALLOW;
        private int maxKeys = DEFAULT_MAX_KEYS;
        private final List<RateLimit> limits = new ArrayList<>();
        private RepeatOffenders repeatOffenders;

        private Builder() {
        }

        /** Keeps buckets in Redis; {@code null} for the local store. */
        public Builder redis(RedisStore store) {
            this.redis = store;
            return this;
        }

        public Builder onStoreFailure(StoreFailurePolicy policy) {
            this.onStoreFailure = Objects.requireNonNull(policy, "onStoreFailure");
            return this;
        }

        public Builder maxKeys(int keys) {
            if (keys < 1) {
                throw new IllegalArgumentException("max-keys must be at least 1, was " + keys);
            }
            this.maxKeys = keys;
            return this;
        }

        /** Appends a limit. */
        public Builder limit(RateLimit limit) {
            limits.add(Objects.requireNonNull(limit, "limit"));
            return this;
        }

        public Builder limits(List<RateLimit> newLimits) {
            limits.clear();
            newLimits.forEach(this::limit);
            return this;
        }

        /** Repeat-offender blocking; {@code null} to switch it off. */
        public Builder repeatOffenders(RepeatOffenders offenders) {
            this.repeatOffenders = offenders;
            return this;
        }

        public RateLimitsConfig build() {
            return new RateLimitsConfig(this);
        }
    }
}
