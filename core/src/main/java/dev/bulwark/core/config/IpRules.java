package dev.bulwark.core.config;

import dev.bulwark.core.Mode;
import java.util.List;

/**
 * IP allow and deny lists ({@code ip-rules:}), checked against the resolved client address (see
 * {@link ClientIpConfig}). A client in a deny range is refused with 403; when an allow list is
 * given, a client outside all its ranges is refused too. Deny wins over allow. An address that
 * cannot be read as an IP literal lies in no range: it passes a deny list and fails an allow list.
 *
 * <p>In a route, {@code deny} ranges add to the global ones, {@code allow} replaces the global allow
 * list for that route (an empty list lifts it), and {@code mode} replaces the global mode.
 *
 * @param allow the ranges clients must lie in; empty for no restriction; in a route, {@code null}
 *     to keep the global list
 * @param deny the ranges that are refused
 * @param mode block or log only; {@code null} to follow the global (or route) mode
 */
public record IpRules(List<IpRange> allow, List<IpRange> deny, Mode mode) {

    private static final IpRules NONE = new IpRules(List.of(), List.of(), null);

    public IpRules {
        allow = allow == null ? null : List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    /** No IP rules. */
    public static IpRules none() {
        return NONE;
    }

    /** Whether any range is configured. */
    public boolean enabled() {
        return (allow != null && !allow.isEmpty()) || !deny.isEmpty();
    }

    /** Whether the address lies in one of the ranges. */
    public static boolean containsAny(List<IpRange> ranges, String address) {
        for (IpRange range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
