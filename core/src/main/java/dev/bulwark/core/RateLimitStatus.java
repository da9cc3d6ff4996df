package dev.bulwark.core;

/**
 * The state of rate limiting, for health checks and meters ({@link Bulwark#rateLimitStatus()}).
 *
 * @param enabled whether any rate limit or repeat-offender blocking is configured
 * @param store {@code local}, or the Redis URI without credentials
 * @param available whether the store answered its last call (the local store always does)
 * @param limitedRequests requests over a limit or refused as repeat offenders since start-up,
 *     log-only ones included
 * @param storeFailures requests whose limits could not be checked because the store failed or its
 *     circuit was open, since start-up
 */
public record RateLimitStatus(boolean enabled, String store, boolean available, long limitedRequests, long storeFailures) {

    /** The status when nothing is configured. */
    public static final RateLimitStatus DISABLED = new RateLimitStatus(false, "local", true, 0, 0);
}
