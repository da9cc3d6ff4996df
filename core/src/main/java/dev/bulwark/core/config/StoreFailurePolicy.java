package dev.bulwark.core.config;

/** What happens to a request whose rate limits cannot be checked because the store failed. */
public enum StoreFailurePolicy {
    /** The request passes unlimited; the failure is logged and counted (the default). */
    ALLOW,
    /** The request is refused with 503, as any check that cannot run. */
    BLOCK
}
