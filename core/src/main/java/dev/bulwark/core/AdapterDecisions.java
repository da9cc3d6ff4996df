package dev.bulwark.core;

import dev.bulwark.core.config.BodyReadLimits;

/**
 * The decisions an adapter makes without the engine, because the engine never saw the request:
 * its body could not be read, did not arrive in time, or the adapter itself failed. All block in
 * every mode: there is no request left to pass on. Every adapter uses these, so a rule id, status
 * and security event mean the same whichever filter wrote them.
 */
public final class AdapterDecisions {

    /** Rule id of a body the container could not deliver. */
    public static final String BODY_UNREADABLE = "MALFORMED-BODY-READ";

    /** The rule family of the engine's own limits, which the body-read limits belong to. */
    private static final String LIMIT_KEY = "LIMIT";

    /** Rule id of a body that missed the body-read timeout. */
    public static final String BODY_READ_TIMEOUT = "LIMIT-BODY-READ-TIMEOUT";

    /** Rule id of a body that fell below the body-read minimum rate. */
    public static final String BODY_READ_MIN_RATE = "LIMIT-BODY-READ-MIN-RATE";

    /** Rule id of a failure inside the filter or the engine call. */
    public static final String ADAPTER_FAILURE = "INTERNAL-ADAPTER";

    private AdapterDecisions() {
    }

    /** The body could not be read (client gone, broken chunking or framing): 400. */
    public static Decision unreadableBody() {
        return Decision.failure(Finding.blocking("MALFORMED", BODY_UNREADABLE, "request body could not be read",
                Location.value(Source.BODY, ""), BlockType.MALFORMED, 400));
    }

    /**
     * The body did not arrive by its deadline: 408, and the connection is to be closed (see
     * {@link #closesConnection}), since the rest of the body may still be on its way.
     *
     * @param rateBound whether {@code body-read.min-rate}, rather than {@code body-read.timeout},
     *     set the deadline that passed
     * @param bytesRead the bytes of the body received by then
     * @param limits the limits in force, named in the finding's description
     */
    public static Decision bodyReadTimeout(boolean rateBound, long bytesRead, BodyReadLimits limits) {
        String description = rateBound
                ? "body-read.min-rate of " + limits.minRate() + " bytes/s not kept after " + bytesRead + " bytes"
                : "body-read.timeout of " + limits.timeout() + " reached after " + bytesRead + " bytes";
        return Decision.failure(Finding.blocking(LIMIT_KEY, rateBound ? BODY_READ_MIN_RATE : BODY_READ_TIMEOUT,
                description, Location.value(Source.BODY, ""), BlockType.LIMIT, 408));
    }

    /** Whether the response to {@code decision} must close the connection: unread body bytes may follow. */
    public static boolean closesConnection(Decision decision) {
        for (Finding finding : decision.findings()) {
            if (finding.ruleId().equals(BODY_READ_TIMEOUT) || finding.ruleId().equals(BODY_READ_MIN_RATE)) {
                return true;
            }
        }
        return false;
    }

    /** The filter or the engine failed: 503, fail closed. */
    public static Decision failure(Throwable cause) {
        return Decision.failure(Finding.blocking("INTERNAL", ADAPTER_FAILURE,
                "request could not be inspected: " + cause.getClass().getSimpleName(),
                Location.REQUEST, BlockType.INTERNAL, BlockType.INTERNAL.defaultStatus()));
    }
}
