package dev.bulwark.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitsConfigTest {

    @Test
    void readsTheShapeOfTheIssueVerbatim() {
        BulwarkConfig config = BulwarkConfig.fromYaml("""
                rate-limits:
                  store: local                  # or: {redis: {uri: "redis://127.0.0.1:6379", timeout: 100ms, key-prefix: "bulwark:"}}
                  on-store-failure: allow       # or block
                  limits:
                    - name: per-client
                      key: client-address       # client-address | claim:sub | header:X-Api-Key | cookie:NAME | route
                      bandwidths: [{capacity: 5, period: 1m}]
                      when: {path: {prefix: /api/}}
                  repeat-offenders: {blocks: 20, within: 1m, ban: 10m}
                """);

        RateLimitsConfig rateLimits = config.rateLimits();
        assertThat(rateLimits.redis()).isNull();
        assertThat(rateLimits.onStoreFailure()).isEqualTo(StoreFailurePolicy.ALLOW);
        assertThat(rateLimits.limits()).singleElement().satisfies(limit -> {
            assertThat(limit.name()).isEqualTo("per-client");
            assertThat(limit.key()).isEqualTo(RateLimitKey.clientAddress());
            assertThat(limit.bandwidths()).containsExactly(Bandwidth.of(5, Duration.ofMinutes(1)));
            assertThat(limit.when().path()).isEqualTo(StringMatcher.prefix("/api/"));
        });
        assertThat(rateLimits.repeatOffenders()).isEqualTo(new RepeatOffenders(20, Duration.ofMinutes(1), Duration.ofMinutes(10)));
    }

    @Test
    void readsTheRedisStore() {
        RateLimitsConfig rateLimits = BulwarkConfig.fromYaml("""
                rate-limits:
                  store: {redis: {uri: "redis://127.0.0.1:6379", timeout: 100ms, key-prefix: "bulwark:"}}
                  on-store-failure: block
                """).rateLimits();

        assertThat(rateLimits.redis()).isEqualTo(new RedisStore("redis://127.0.0.1:6379", Duration.ofMillis(100), "bulwark:",
                Duration.ofSeconds(5)));
        assertThat(rateLimits.onStoreFailure()).isEqualTo(StoreFailurePolicy.BLOCK);
    }

    @Test
    void keepsTheRedisPasswordOutOfItsDescription() {
        RedisStore store = RedisStore.of("redis://user:secret@cache.internal:6380/2");

        assertThat(store.safeUri()).isEqualTo("redis://cache.internal:6380/2");
        assertThat(store.toString()).doesNotContain("secret");
    }

    @Test
    void readsEveryKeyKind() {
        assertThat(RateLimitKey.parse("claim")).isEqualTo(new RateLimitKey(RateLimitKey.Kind.CLAIM, "sub"));
        assertThat(RateLimitKey.parse("claim:tenant")).isEqualTo(new RateLimitKey(RateLimitKey.Kind.CLAIM, "tenant"));
        assertThat(RateLimitKey.parse("header:X-Api-Key")).isEqualTo(new RateLimitKey(RateLimitKey.Kind.HEADER, "x-api-key"));
        assertThat(RateLimitKey.parse("cookie:session")).isEqualTo(new RateLimitKey(RateLimitKey.Kind.COOKIE, "session"));
        assertThat(RateLimitKey.parse("route")).isEqualTo(new RateLimitKey(RateLimitKey.Kind.ROUTE, ""));
    }

    @Test
    void readsRouteLimitsAndIntervalRefill() {
        BulwarkConfig config = BulwarkConfig.fromYaml("""
                routes:
                  login:
                    when: {path: /login}
                    rate-limits:
                      limits: [{name: logins, bandwidths: [{capacity: 3, period: 1m, refill: interval}]}]
                """);

        assertThat(config.routes().get(0).rateLimits()).singleElement().satisfies(limit ->
                assertThat(limit.bandwidths().get(0).refill()).isEqualTo(Bandwidth.Refill.INTERVAL));
    }

    @Test
    void rejectsAnUnknownKeyKindWithItsPath() {
        assertThatThrownBy(() -> BulwarkConfig.fromYaml("""
                rate-limits:
                  limits: [{name: a, key: "query:id", bandwidths: [{capacity: 1, period: 1s}]}]
                """)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("rate-limits.limits[0].key: unknown key 'query:id'");
    }

    @Test
    void rejectsAHeaderKeyWithoutName() {
        assertThatThrownBy(() -> BulwarkConfig.fromYaml("""
                rate-limits:
                  limits: [{name: a, key: "header:", bandwidths: [{capacity: 1, period: 1s}]}]
                """)).isInstanceOf(ConfigurationException.class).hasMessageStartingWith("rate-limits.limits[0].key:");
    }

    @Test
    void rejectsALimitWithoutBandwidths() {
        assertThatThrownBy(() -> BulwarkConfig.fromYaml("""
                rate-limits:
                  limits: [{name: a}]
                """)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("rate-limits.limits[0]: a limit needs bandwidths");
    }

    @Test
    void rejectsAZeroCapacity() {
        assertThatThrownBy(() -> BulwarkConfig.fromYaml("""
                rate-limits:
                  limits: [{name: a, bandwidths: [{capacity: 0, period: 1s}]}]
                """)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("rate-limits.limits[0].bandwidths[0].capacity:");
    }

    @Test
    void rejectsDuplicateLimitNames() {
        assertThatThrownBy(() -> BulwarkConfig.fromYaml("""
                rate-limits:
                  limits:
                    - {name: a, bandwidths: [{capacity: 1, period: 1s}]}
                    - {name: a, bandwidths: [{capacity: 2, period: 1s}]}
                """)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("rate-limits.limits: duplicate limit name 'a'");
    }

    @Test
    void rejectsAnUnknownStore() {
        assertThatThrownBy(() -> BulwarkConfig.fromYaml("rate-limits: {store: memcached}"))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("rate-limits.store: expected 'local'");
    }

    @Test
    void rejectsARedisStoreWithoutUri() {
        assertThatThrownBy(() -> BulwarkConfig.fromYaml("rate-limits: {store: {redis: {timeout: 1s}}}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("rate-limits.store.redis: the Redis store needs a uri");
    }

    @Test
    void rejectsANonRedisUri() {
        assertThatThrownBy(() -> BulwarkConfig.fromYaml("rate-limits: {store: {redis: {uri: 'http://cache:6379'}}}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("rate-limits.store.redis: expected a redis:// or rediss:// URI");
    }

    @Test
    void rejectsAnUnknownOnStoreFailure() {
        assertThatThrownBy(() -> BulwarkConfig.fromYaml("rate-limits: {on-store-failure: retry}"))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("rate-limits.on-store-failure: unknown value");
    }

    @Test
    void rejectsIncompleteRepeatOffenders() {
        assertThatThrownBy(() -> BulwarkConfig.fromYaml("rate-limits: {repeat-offenders: {blocks: 20, within: 1m}}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("rate-limits.repeat-offenders: repeat-offenders needs blocks, within and ban");
    }

    @Test
    void rejectsAClaimKeyWithoutTokenIssuer() {
        assertThatThrownBy(() -> BulwarkConfig.fromYaml("""
                rate-limits:
                  limits: [{name: a, key: "claim:sub", bandwidths: [{capacity: 1, period: 1s}]}]
                """)).isInstanceOf(ConfigurationException.class).hasMessageContaining("no jwt issuer is configured");
    }

    @Test
    void rejectsAnUnknownKeyInALimit() {
        assertThatThrownBy(() -> BulwarkConfig.fromYaml("""
                rate-limits:
                  limits: [{name: a, capacity: 1, bandwidths: [{capacity: 1, period: 1s}]}]
                """)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("rate-limits.limits[0].capacity: unknown key 'capacity'");
    }
}
