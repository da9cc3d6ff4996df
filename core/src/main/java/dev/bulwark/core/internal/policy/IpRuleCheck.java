package dev.bulwark.core.internal.policy;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Check;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.IpRange;
import dev.bulwark.core.config.IpRules;
import dev.bulwark.core.internal.rules.Excerpts;
import java.util.List;

/** IP allow and deny lists against the resolved client address ({@code ip-rules:}), see {@link IpRules}. */
final class IpRuleCheck implements Check {

    static final String RULE_KEY = "IP";

    private final IpRules global;

    IpRuleCheck(IpRules global) {
        this.global = global;
    }

    @Override
    public String name() {
        return "ip-rules";
    }

    @Override
    public void inspect(Inspection inspection) {
        IpRules route = PolicyModes.routePolicy(inspection).ipRules();
        if (!global.enabled() && (route == null || !route.enabled())) {
            return;
        }
        List<IpRange> allow = global.allow();
        List<IpRange> routeDeny = List.of();
        Mode routeMode = null;
        if (route != null) {
            routeDeny = route.deny();
            if (route.allow() != null) {
                allow = route.allow();
            }
            routeMode = route.mode();
        }
        String address = inspection.clientAddress();
        // A route's deny ranges add to the global ones: checked one list after the other, not copied together.
        if (IpRules.containsAny(global.deny(), address) || IpRules.containsAny(routeDeny, address)) {
            report(inspection, "IP-DENIED", "client address is on the deny list", address,
                    PolicyModes.effective(routeMode, global.mode(), inspection));
        } else if (!allow.isEmpty() && !IpRules.containsAny(allow, address)) {
            report(inspection, "IP-NOT-ALLOWED", "client address is not on the allow list", address,
                    PolicyModes.effective(routeMode, global.mode(), inspection));
        }
    }

    private static void report(Inspection inspection, String ruleId, String description, String address, Mode mode) {
        inspection.report(new Finding(RULE_KEY, ruleId, description, Location.REQUEST,
                Excerpts.of(Location.REQUEST, address, 0, Excerpts.MAX_LENGTH), Level.BASIC, mode, BlockType.IP_RULE,
                BlockType.IP_RULE.defaultStatus()));
    }
}
