package dev.bulwark.core.internal.policy;

import dev.bulwark.core.Inspection;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.Route;
import dev.bulwark.core.config.RoutePolicy;

/** How a policy's mode follows from its route setting, its section setting and the request's mode. */
final class PolicyModes {

    private PolicyModes() {
    }

    /**
     * The mode of a policy for one request: log only when the request's mode (global or route) is;
     * otherwise the route's setting for the policy, else the section's, else block.
     */
    static Mode effective(Mode routeSetting, Mode sectionSetting, Inspection inspection) {
        if (inspection.mode() == Mode.LOG_ONLY) {
            return Mode.LOG_ONLY;
        }
        if (routeSetting != null) {
            return routeSetting;
        }
        return sectionSetting != null ? sectionSetting : Mode.BLOCK;
    }

    /** The policy settings of the request's route; {@link RoutePolicy#NONE} when no route applies. */
    static RoutePolicy routePolicy(Inspection inspection) {
        Route route = inspection.route();
        return route == null ? RoutePolicy.NONE : route.policy();
    }
}
