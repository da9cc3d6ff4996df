package dev.bulwark.core.internal.policy;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.AllowedMethods;
import dev.bulwark.core.internal.engine.Excerpts;

/**
 * Refuses methods the service does not answer ({@code allowed-methods:}) with 405 and an
 * {@code Allow} header, before the allow rules.
 */
final class MethodCheck {

    static final String RULE_KEY = "METHOD";

    private final AllowedMethods global;

    MethodCheck(AllowedMethods global) {
        this.global = global;
    }

    void inspect(Inspection inspection) {
        AllowedMethods route = PolicyModes.routePolicy(inspection).allowedMethods();
        AllowedMethods methods = route != null ? route : global;
        String method = inspection.request().method();
        if (methods.allows(method)) {
            return;
        }
        if (!methods.allowsAny()) {
            inspection.responseHeader("Allow", methods.allowHeader());
        }
        inspection.report(new Finding(RULE_KEY, "METHOD-NOT-ALLOWED", "method is not allowed", Location.REQUEST,
                Excerpts.of(Location.REQUEST, method, 0, Excerpts.MAX_LENGTH), Level.BASIC, Mode.BLOCK,
                BlockType.ALLOW_RULE, 405));
    }
}
