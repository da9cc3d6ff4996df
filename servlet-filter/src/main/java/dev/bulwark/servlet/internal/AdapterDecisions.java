package dev.bulwark.servlet.internal;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.engine.IncidentIds;
import java.util.List;
import java.util.Map;

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
        Finding finding = new Finding("MALFORMED", BODY_UNREADABLE, "request body could not be read",
                Location.value(Source.BODY, ""), "", Level.BASIC, Mode.BLOCK, BlockType.MALFORMED, 400);
        return Decision.of(List.of(finding), IncidentIds.next(), Map.of());
    }

    /** The filter or the engine failed: 503, fail closed. */
    public static Decision failure(Throwable cause) {
        Finding finding = new Finding("INTERNAL", ADAPTER_FAILURE,
                "request could not be inspected: " + cause.getClass().getSimpleName(),
                Location.REQUEST, "", Level.BASIC, Mode.BLOCK, BlockType.INTERNAL, BlockType.INTERNAL.defaultStatus());
        return Decision.of(List.of(finding), IncidentIds.next(), Map.of());
    }
}
