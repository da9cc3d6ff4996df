package dev.bulwark.servlet.internal;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.Source;

/**
 * The two decisions the filter makes without the engine, because the engine never saw the
 * request. Both block in every mode: there is no request left to pass on.
 */
public final class AdapterDecisions {

    /** Rule id of a body the container could not deliver. */
    public static final String BODY_UNREADABLE = "MALFORMED-BODY-READ";

    /** Rule id of a failure inside the filter or the engine call. */
    public static final String ADAPTER_FAILURE = "INTERNAL-ADAPTER";

    private AdapterDecisions() {
    }

    /** The body could not be read (client gone, broken chunking): 400. */
    public static Decision unreadableBody() {
        return Decision.failure(Finding.blocking("MALFORMED", BODY_UNREADABLE, "request body could not be read",
                Location.value(Source.BODY, ""), BlockType.MALFORMED, 400));
    }

    /** The filter or the engine failed: 503, fail closed. */
    public static Decision failure(Throwable cause) {
        return Decision.failure(Finding.blocking("INTERNAL", ADAPTER_FAILURE,
                "request could not be inspected: " + cause.getClass().getSimpleName(),
                Location.REQUEST, BlockType.INTERNAL, BlockType.INTERNAL.defaultStatus()));
    }
}
