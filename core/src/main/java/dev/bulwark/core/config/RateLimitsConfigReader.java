package dev.bulwark.core.config;

import dev.bulwark.core.Mode;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code rate-limits:}, globally and on routes. */
final class RateLimitsConfigReader {

    private RateLimitsConfigReader() {
    }

    static RateLimitsConfig read(ConfigNode node) {
        node.object();
        RateLimitsConfig.Builder builder = RateLimitsConfig.custom();
        ConfigNode item;
        if ((item = node.get("store")) != null) {
            builder.redis(store(item));
        }
        if ((item = node.get("on-store-failure")) != null) {
            builder.onStoreFailure(item.enumValue(StoreFailurePolicy.class));
        }
        if ((item = node.get("max-keys")) != null) {
            builder.maxKeys(item.positiveInt());
        }
        if ((item = node.get("limits")) != null) {
            builder.limits(limits(item));
        }
        if ((item = node.get("repeat-offenders")) != null) {
            builder.repeatOffenders(repeatOffenders(item));
        }
        return node.convert(n -> builder.build());
    }

    /** A route's {@code rate-limits: {limits: [...]}}. */
    static List<RateLimit> route(ConfigNode node) {
        node.object();
        ConfigNode limits = node.get("limits");
        return limits == null ? List.of() : limits(limits);
    }

    /** {@code store: local} or {@code store: {redis: {...}}}; {@code null} for the local store. */
    private static RedisStore store(ConfigNode node) {
        if (node.isText()) {
            if (!node.text().trim().equals("local")) {
                throw node.error("expected 'local' or {redis: {uri: ...}}, found '" + node.text() + "'");
            }
            return null;
        }
        node.object();
        ConfigNode redis = node.required("redis", "expected 'local' or {redis: {uri: ...}}");
        redis.object();
        String uri = redis.required("uri", "the Redis store needs a uri").text().trim();
        var timeout = redis.has("timeout") ? redis.get("timeout").duration() : null;
        String prefix = redis.has("key-prefix") ? redis.get("key-prefix").text() : null;
        var retry = redis.has("retry-interval") ? redis.get("retry-interval").duration() : null;
        return redis.convert(n -> new RedisStore(uri, timeout, prefix, retry));
    }

    private static List<RateLimit> limits(ConfigNode node) {
        List<RateLimit> limits = new ArrayList<>();
        for (ConfigNode entry : node.list()) {
            entry.object();
            String name = entry.required("name", "a limit needs a name").text().trim();
            RateLimitKey key = entry.has("key") ? entry.get("key").convert(n -> RateLimitKey.parse(n.text()))
                    : RateLimitKey.clientAddress();
            List<Bandwidth> bandwidths = new ArrayList<>();
            for (ConfigNode bandwidth : entry.required("bandwidths", "a limit needs bandwidths").list()) {
                bandwidths.add(bandwidth(bandwidth));
            }
            RequestCondition when = ConfigLoader.condition(entry.get("when"));
            Mode mode = ConfigLoader.mode(entry);
            limits.add(entry.convert(n -> new RateLimit(name, key, bandwidths, when, mode)));
        }
        node.convert(n -> {
            RateLimitsConfig.checkUniqueNames(limits);
            return limits;
        });
        return limits;
    }

    private static Bandwidth bandwidth(ConfigNode node) {
        node.object();
        long capacity = node.required("capacity", "a bandwidth needs a capacity").positiveInt();
        var period = node.required("period", "a bandwidth needs a period").duration();
        Bandwidth.Refill refill = node.has("refill") ? node.get("refill").enumValue(Bandwidth.Refill.class) : null;
        return node.convert(n -> new Bandwidth(capacity, period, refill));
    }

    private static RepeatOffenders repeatOffenders(ConfigNode node) {
        node.object();
        int blocks = node.required("blocks", "repeat-offenders needs blocks, within and ban").positiveInt();
        var within = node.required("within", "repeat-offenders needs blocks, within and ban").duration();
        var ban = node.required("ban", "repeat-offenders needs blocks, within and ban").duration();
        return node.convert(n -> new RepeatOffenders(blocks, within, ban));
    }
}
