package dev.bulwark.core.internal.policy;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Check;
import dev.bulwark.core.Client;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Headers;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.ClientIpConfig;
import dev.bulwark.core.config.HeaderAllowList;
import dev.bulwark.core.config.RequestHeaders;
import dev.bulwark.core.internal.rules.Excerpts;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which request headers the application sees ({@code headers.request:} and the forwarding
 * part of {@code client-ip:}), and hides the others through
 * {@link Inspection#removeRequestHeader}. The engine has inspected the request as sent; only the
 * application's view changes.
 *
 * <p>A header is hidden when it is on the remove list; when it is one of the {@link ProxyHeaders}
 * (forwarding, client address, original URL, authenticated user) or a proxy-only header and the
 * peer is not a trusted proxy; when it is spelt with underscores for such a header
 * ({@code X_Forwarded_For}, which CGI-style gateways read as {@code X-Forwarded-For}) whoever sent
 * it; or when the allow list does not name it. Names are compared folded
 * ({@link HeaderNames#fold}: case, and {@code _} read as {@code -}), so every field line of a name
 * goes, whatever its spelling.
 *
 * <p>Removing is not a security event: forward proxies add {@code X-Forwarded-For} to ordinary
 * traffic. It is logged at debug level; one log-only finding reports proxy headers from an
 * untrusted peer when the service expects to sit behind proxies (someone reached it directly). In
 * log-only mode nothing is removed and a log-only finding names what would be.
 */
final class HeaderFilter implements Check {

    static final String RULE_KEY = "HEADER";

    private static final Logger LOG = LoggerFactory.getLogger(HeaderFilter.class);

    private enum Reason { REMOVE_LIST, UNTRUSTED, NOT_ALLOWED }

    private final RequestHeaders global;
    private final ClientIpConfig clientIp;
    private final Set<String> proxyOnly;
    private final Set<String> globalRemove;

    HeaderFilter(RequestHeaders global, ClientIpConfig clientIp) {
        this.global = global;
        this.clientIp = clientIp;
        Set<String> names = new LinkedHashSet<>(global.proxyOnly());
        if (clientIp.lowerCaseHeader() != null) {
            names.add(clientIp.lowerCaseHeader());
        }
        this.proxyOnly = folded(names);
        this.globalRemove = folded(global.remove());
    }

    @Override
    public String name() {
        return "request-headers";
    }

    @Override
    public void inspect(Inspection inspection) {
        Client client = inspection.client();
        RequestHeaders route = PolicyModes.routePolicy(inspection).requestHeaders();
        HeaderAllowList allow = route != null && route.allow() != null ? route.allow() : global.allow();
        Set<String> routeRemove = route != null ? route.remove() : Set.of();
        Map<String, Reason> hidden = null;
        for (Headers.Header header : inspection.request().headers().all()) {
            String lower = header.lowerCaseName();
            if (HeaderAllowList.FRAMING_HEADERS.contains(lower) || (hidden != null && hidden.containsKey(lower))) {
                continue;
            }
            Reason reason = reason(lower, allow, routeRemove, client.trustedPeer());
            if (reason != null) {
                if (hidden == null) {
                    hidden = new LinkedHashMap<>();
                }
                hidden.put(lower, reason);
            }
        }
        if (hidden == null) {
            return;
        }
        Mode mode = PolicyModes.effective(route != null ? route.mode() : null, global.mode(), inspection);
        if (mode == Mode.LOG_ONLY) {
            report(inspection, "HEADER-FILTERED", "request headers would be hidden from the application", hidden.keySet());
            return;
        }
        for (String name : hidden.keySet()) {
            inspection.removeRequestHeader(name);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Hiding request headers {} from the application", hidden);
        }
        if (!client.trustedPeer() && clientIp.expectsProxies() && hidden.containsValue(Reason.UNTRUSTED)) {
            Set<String> forwarding = new LinkedHashSet<>();
            hidden.forEach((name, reason) -> {
                if (reason == Reason.UNTRUSTED) {
                    forwarding.add(name);
                }
            });
            report(inspection, "HEADER-UNTRUSTED-FORWARDING",
                    "proxy headers (forwarding, client address or identity) from a peer that is not a trusted proxy",
                    forwarding);
        }
    }

    private Reason reason(String lower, HeaderAllowList allow, Set<String> routeRemove, boolean trustedPeer) {
        String folded = HeaderNames.fold(lower);
        if (globalRemove.contains(folded) || foldedContains(routeRemove, folded)) {
            return Reason.REMOVE_LIST;
        }
        if (ProxyHeaders.contains(folded) || proxyOnly.contains(folded)) {
            // From a trusted proxy the canonical spelling passes whatever the allow list says.
            return trustedPeer && lower.equals(folded) ? null : Reason.UNTRUSTED;
        }
        return allow.allows(lower) ? null : Reason.NOT_ALLOWED;
    }

    private static boolean foldedContains(Set<String> names, String folded) {
        for (String name : names) {
            if (HeaderNames.fold(name).equals(folded)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> folded(Set<String> names) {
        Set<String> folded = new LinkedHashSet<>();
        for (String name : names) {
            folded.add(HeaderNames.fold(name));
        }
        return Set.copyOf(folded);
    }

    private static void report(Inspection inspection, String ruleId, String description, Set<String> names) {
        Location location = Location.name(Source.HEADER, names.iterator().next());
        inspection.report(new Finding(RULE_KEY, ruleId, description, location,
                Excerpts.of(location, String.join(", ", names), 0, Excerpts.MAX_LENGTH), Level.BASIC, Mode.LOG_ONLY,
                BlockType.DENY, 400));
    }
}
