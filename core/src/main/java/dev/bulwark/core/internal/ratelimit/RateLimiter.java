package dev.bulwark.core.internal.ratelimit;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Component;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.RateLimitStatus;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.Bandwidth;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.RateLimit;
import dev.bulwark.core.config.RateLimitKey;
import dev.bulwark.core.config.RateLimitsConfig;
import dev.bulwark.core.config.RepeatOffenders;
import dev.bulwark.core.config.Route;
import dev.bulwark.core.config.StoreFailurePolicy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Applies the rate limits and repeat-offender bans of one configuration. Built once at start-up;
 * thread-safe. The engine calls {@link #refuseBanned} right after resolving the client,
 * {@link #limit} after route selection (limits keyed by address, header, cookie or route) and again
 * after the token check (limits keyed by a claim of the verified token), and
 * {@link #recordDenyBlock} when deny rules blocked a request.
 *
 * <p>A request over a limit gets a {@code RATE-LIMIT} finding (429) and the headers of
 * draft-ietf-httpapi-ratelimit-headers on the block response: {@code RateLimit-Policy} lists every
 * bandwidth of the limit ({@code "per-client";q=5;w=60}), {@code RateLimit} the one exceeded with its
 * remaining quota and seconds to wait ({@code "per-client";r=0;t=12}), and {@code Retry-After} the
 * same seconds. A banned client gets a {@code REPEAT-OFFENDER} finding (403).
 */
public final class RateLimiter implements AutoCloseable {

    /** Rule key of rate-limit findings. */
    public static final String RATE_LIMIT_KEY = "RATE-LIMIT";
    /** Rule key of repeat-offender findings. */
    public static final String REPEAT_OFFENDER_KEY = "REPEAT-OFFENDER";

    /** Longest header, cookie or claim value used as a key as it is; longer ones are hashed. */
    private static final int MAX_PLAIN_KEY = 64;

    private final BucketStore store;
    private final StoreCircuit circuit;
    private final StoreFailurePolicy onStoreFailure;
    private final List<CompiledLimit> global;
    private final Map<Route, List<CompiledLimit>> byRoute = new IdentityHashMap<>();
    private final boolean claimLimits;
    private final BucketStore.Space offenses;
    private final BucketStore.Space bans;
    private final LongAdder limited = new LongAdder();

    private RateLimiter(BulwarkConfig config, BucketStore store) {
        RateLimitsConfig rateLimits = config.rateLimits();
        this.store = store;
        this.circuit = new StoreCircuit(store.description(), rateLimits.redis() != null
                ? rateLimits.redis().retryInterval() : Duration.ofSeconds(5));
        this.onStoreFailure = rateLimits.onStoreFailure();
        this.global = compile("global.", rateLimits.limits());
        boolean claims = global.stream().anyMatch(CompiledLimit::keyedByClaim);
        List<Route> routes = config.routes();
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            if (!route.rateLimits().isEmpty()) {
                List<CompiledLimit> limits = compile("route" + i + ".", route.rateLimits());
                byRoute.put(route, limits);
                claims |= limits.stream().anyMatch(CompiledLimit::keyedByClaim);
            }
        }
        this.claimLimits = claims;
        RepeatOffenders offenders = rateLimits.repeatOffenders();
        if (offenders != null) {
            // Each block takes a token; the last one earns a ban. The ban is a bucket of one token that
            // takes the whole ban to come back: a client is banned while it is empty.
            offenses = store.space("offenses", BucketConfiguration.builder().addLimit(limit -> limit
                    .capacity(offenders.blocks()).refillGreedy(offenders.blocks(), offenders.within())).build());
            bans = store.space("bans", BucketConfiguration.builder().addLimit(limit -> limit
                    .capacity(1).refillGreedy(1, offenders.ban())).build());
        } else {
            offenses = null;
            bans = null;
        }
    }

    /** The limiter of {@code config}, or {@code null} when it configures no limit and no repeat-offender blocking. */
    public static RateLimiter create(BulwarkConfig config) {
        boolean routeLimits = config.routes().stream().anyMatch(route -> !route.rateLimits().isEmpty());
        if (!config.rateLimits().enabled() && !routeLimits) {
            return null;
        }
        RateLimitsConfig rateLimits = config.rateLimits();
        BucketStore store = rateLimits.redis() != null ? RedisSupport.create(rateLimits.redis())
                : new LocalBucketStore(rateLimits.maxKeys());
        return new RateLimiter(config, store);
    }

    private List<CompiledLimit> compile(String scope, List<RateLimit> limits) {
        List<CompiledLimit> compiled = new ArrayList<>(limits.size());
        for (RateLimit limit : limits) {
            compiled.add(new CompiledLimit(limit, store.space(scope + limit.name(), bucketConfiguration(limit)),
                    policyHeader(limit)));
        }
        return List.copyOf(compiled);
    }

    private static BucketConfiguration bucketConfiguration(RateLimit limit) {
        ConfigurationBuilder builder = BucketConfiguration.builder();
        for (Bandwidth bandwidth : limit.bandwidths()) {
            builder.addLimit(stage -> {
                var capacity = stage.capacity(bandwidth.capacity());
                return bandwidth.refill() == Bandwidth.Refill.INTERVAL
                        ? capacity.refillIntervally(bandwidth.capacity(), bandwidth.period())
                        : capacity.refillGreedy(bandwidth.capacity(), bandwidth.period());
            });
        }
        return builder.build();
    }

    /** Whether some limit is keyed by a token claim, so that {@link #limit} must run again after the token check. */
    public boolean hasClaimLimits() {
        return claimLimits;
    }

    /**
     * Refuses a client that is serving a ban, before anything else is looked at.
     *
     * @return whether the request was refused
     */
    public boolean refuseBanned(Inspection inspection) {
        if (bans == null) {
            return false;
        }
        String address = addressKey(inspection);
        Boolean banned = call(inspection, () -> {
            Bucket ban = bans.existing(address);
            return ban != null && ban.getAvailableTokens() < 1;
        });
        if (banned == null || !banned) {
            return false;
        }
        limited.increment();
        inspection.report(new Finding(REPEAT_OFFENDER_KEY, "REPEAT-OFFENDER-BANNED",
                "client refused for a while after repeated deny-rule blocks", Location.REQUEST, "", Level.BASIC,
                inspection.mode(), BlockType.REPEAT_OFFENDER, BlockType.REPEAT_OFFENDER.defaultStatus()));
        return true;
    }

    /**
     * Counts a request deny rules blocked against its client; bans the client on the last block its
     * allowance holds. The ban takes effect from the client's next request.
     */
    public void recordDenyBlock(Inspection inspection) {
        if (offenses == null) {
            return;
        }
        String address = addressKey(inspection);
        Boolean banned = call(null, () -> {
            ConsumptionProbe probe = offenses.bucket(address).tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed() && probe.getRemainingTokens() > 0) {
                return false;
            }
            bans.bucket(address).tryConsume(1);
            return true;
        });
        if (banned != null && banned) {
            inspection.report(new Finding(REPEAT_OFFENDER_KEY, "REPEAT-OFFENDER-BAN",
                    "client banned after repeated deny-rule blocks", Location.REQUEST, "", Level.BASIC, Mode.LOG_ONLY,
                    BlockType.REPEAT_OFFENDER, BlockType.REPEAT_OFFENDER.defaultStatus()));
        }
    }

    /**
     * Counts the request against the limits that cover it, global ones first, then the route's.
     *
     * @param claims the verified token's claims, for the pass after the token check; {@code null}
     *     for the pass before it, which skips limits keyed by a claim
     */
    public void limit(Inspection inspection, Map<String, Object> claims) {
        limitAll(global, inspection, claims);
        if (!inspection.blocked() && inspection.route() != null) {
            List<CompiledLimit> routeLimits = byRoute.get(inspection.route());
            if (routeLimits != null) {
                limitAll(routeLimits, inspection, claims);
            }
        }
    }

    private void limitAll(List<CompiledLimit> limits, Inspection inspection, Map<String, Object> claims) {
        for (CompiledLimit limit : limits) {
            if (inspection.blocked()) {
                return;
            }
            if (limit.keyedByClaim() != (claims != null) || !covers(limit.config(), inspection)) {
                continue;
            }
            String key = key(limit.config().key(), inspection, claims);
            if (key == null) {
                continue;
            }
            ConsumptionProbe probe = call(inspection, () -> limit.space().bucket(key).tryConsumeAndReturnRemaining(1));
            if (probe != null && !probe.isConsumed()) {
                refuse(limit, probe, inspection);
            }
        }
    }

    private static boolean covers(RateLimit limit, Inspection inspection) {
        return limit.when().isAlways() || limit.when().matches(inspection.normalizedPath(), inspection.method(),
                inspection.request().mediaType(), inspection.clientAddress());
    }

    private void refuse(CompiledLimit limit, ConsumptionProbe probe, Inspection inspection) {
        limited.increment();
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        Mode mode = limit.config().mode() != null ? limit.config().mode() : inspection.mode();
        inspection.report(new Finding(RATE_LIMIT_KEY, "RATE-LIMIT-EXCEEDED", "rate limit '" + limit.config().name()
                + "' exceeded", Location.REQUEST, "", Level.BASIC, mode, BlockType.RATE_LIMIT,
                BlockType.RATE_LIMIT.defaultStatus()));
        if (inspection.blocked()) {
            inspection.responseHeader("Retry-After", Long.toString(seconds));
            inspection.responseHeader("RateLimit-Policy", limit.policyHeader());
            inspection.responseHeader("RateLimit", "\"" + limit.config().name() + "\";r=0;t=" + seconds);
        }
    }

    /**
     * Runs a store call behind the circuit. On failure, or while the circuit is open, counts the
     * request and, with {@code on-store-failure: block}, refuses it with 503.
     *
     * @param inspection where to report a refusal; {@code null} to only count
     * @return the call's result, or {@code null} when the store could not be asked
     */
    private <T> T call(Inspection inspection, Supplier<T> call) {
        if (!store.remote()) {
            return call.get();
        }
        if (circuit.permits()) {
            try {
                T result = call.get();
                circuit.success();
                return result;
            } catch (RuntimeException e) {
                circuit.failure(e);
            }
        }
        circuit.countSkipped();
        if (inspection != null && onStoreFailure == StoreFailurePolicy.BLOCK && !inspection.blocked()) {
            inspection.report(new Finding(RATE_LIMIT_KEY, "RATE-LIMIT-STORE-UNAVAILABLE",
                    "rate limits could not be checked: the store is unavailable", Location.REQUEST, "", Level.BASIC,
                    Mode.BLOCK, BlockType.INTERNAL, BlockType.INTERNAL.defaultStatus()));
        }
        return null;
    }

    private static String addressKey(Inspection inspection) {
        String address = inspection.clientAddress();
        return address == null || address.isEmpty() ? "-" : address;
    }

    /** The bucket key of a request; {@code null} when it lacks the header, cookie or claim. */
    static String key(RateLimitKey key, Inspection inspection, Map<String, Object> claims) {
        String value = switch (key.kind()) {
            case CLIENT_ADDRESS -> addressKey(inspection);
            case ROUTE -> "-";
            case HEADER -> inspection.request().headers().first(key.name());
            case COOKIE -> cookie(inspection, key.name());
            case CLAIM -> {
                Object claim = claims.get(key.name());
                yield claim == null ? null : claim.toString();
            }
        };
        if (value == null || value.isEmpty()) {
            return null;
        }
        // A value that could be mistaken for a digest is hashed too, so that no two values share a bucket.
        return value.length() <= MAX_PLAIN_KEY && value.charAt(0) != '#' ? value : KeyDigest.of(value);
    }

    private static String cookie(Inspection inspection, String name) {
        for (RequestValue value : inspection.values()) {
            Location location = value.location();
            if (location.source() == Source.COOKIE && location.component() == Component.VALUE && location.name().equals(name)) {
                return value.raw();
            }
        }
        return null;
    }

    /** {@code "name";q=5;w=60} for each bandwidth; several bandwidths are told apart by a suffix. */
    private static String policyHeader(RateLimit limit) {
        StringBuilder header = new StringBuilder();
        int count = limit.bandwidths().size();
        for (int i = 0; i < count; i++) {
            Bandwidth bandwidth = limit.bandwidths().get(i);
            if (i > 0) {
                header.append(", ");
            }
            header.append('"').append(limit.name()).append(count > 1 ? "-" + (i + 1) : "").append("\";q=")
                    .append(bandwidth.capacity()).append(";w=").append(Math.max(1, bandwidth.period().toSeconds()));
        }
        return header.toString();
    }

    /** How rate limiting stands, for health checks and meters. */
    public RateLimitStatus status() {
        return new RateLimitStatus(true, store.description(), circuit.available(), limited.sum(), circuit.failures());
    }

    @Override
    public void close() {
        store.close();
    }

    private record CompiledLimit(RateLimit config, BucketStore.Space space, String policyHeader) {
        boolean keyedByClaim() {
            return config.key().kind() == RateLimitKey.Kind.CLAIM;
        }
    }
}
