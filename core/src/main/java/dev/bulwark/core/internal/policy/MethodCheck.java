package dev.bulwark.core.internal.policy;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Check;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.AllowedMethods;
import dev.bulwark.core.config.MethodOverridePolicy;
import dev.bulwark.core.internal.rules.Excerpts;

/**
 * Refuses method overrides ({@code method-override:}, see {@link MethodOverridePolicy}) with 400,
 * then methods the service does not answer ({@code allowed-methods:}) with 405 and an
 * {@code Allow} header, before the allow rules. The method judged is
 * {@link Inspection#method()}: the override, when overrides are allowed.
 */
final class MethodCheck implements Check {

    static final String RULE_KEY = "METHOD";

    private final AllowedMethods global;
    private final MethodOverridePolicy overrides;

    MethodCheck(AllowedMethods global, MethodOverridePolicy overrides) {
        this.global = global;
        this.overrides = overrides;
    }

    @Override
    public String name() {
        return "allowed-methods";
    }

    @Override
    public void inspect(Inspection inspection) {
        if (MethodOverride.anyField(inspection)) {
            MethodOverride override = MethodOverride.of(inspection);
            if (overrides == MethodOverridePolicy.REFUSE) {
                refuseOverride(inspection, override, "METHOD-OVERRIDE", "method override is refused");
            } else if (override.effectiveMethod() == null) {
                refuseOverride(inspection, override, "METHOD-OVERRIDE-UNCLEAR",
                        "method override the application could read differently");
            }
            if (inspection.blocked()) {
                return;
            }
        }
        AllowedMethods route = PolicyModes.routePolicy(inspection).allowedMethods();
        AllowedMethods methods = route != null ? route : global;
        String method = inspection.method();
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

    private static void refuseOverride(Inspection inspection, MethodOverride override, String ruleId, String description) {
        Location location = override.location();
        inspection.report(new Finding(RULE_KEY, ruleId, description, location,
                Excerpts.of(location, override.requested(), 0, Excerpts.MAX_LENGTH), Level.BASIC, Mode.BLOCK,
                BlockType.ALLOW_RULE, 400));
    }
}
