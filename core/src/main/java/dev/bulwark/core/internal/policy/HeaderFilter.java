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
import dev.bulwark.core.internal.parse.PairTable;
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
    /**
     * The facts of recent header names, in a {@link PairTable}, so that the names of one
     * request that share a pair (Cookie and Accept-Language) do not push each other out on every
     * request. Bounded: {@value #FACT_SLOTS} names of at most {@value #MAX_FACT_NAME} characters,
     * each with its folded form, 64 KiB of text at most. Thread-safe without locks: the facts'
     * fields are final, so a thread sees a whole entry or another one, and a lost write costs a
     * lookup.
     */
    private final PairTable<NameFacts> recentNames = new PairTable<>(FACT_SLOTS);

    /** Slots of the table of recent names, a power of two: room for the names of many clients. */
    private static final int FACT_SLOTS = 256;
    /** Longest name kept in the table; longer ones are looked up each time. */
    private static final int MAX_FACT_NAME = 64;

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
            NameFacts facts = facts(lower);
            if (facts.framing || (hidden != null && hidden.containsKey(lower))) {
                continue;
            }
            Reason reason = reason(facts, allow, routeRemove, client.trustedPeer());
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

    private Reason reason(NameFacts name, HeaderAllowList allow, Set<String> routeRemove, boolean trustedPeer) {
        if (name.globallyRemoved || foldedContains(routeRemove, name.folded)) {
            return Reason.REMOVE_LIST;
        }
        if (name.proxyOnly) {
            // From a trusted proxy the canonical spelling passes whatever the allow list says.
            return trustedPeer && name.canonical ? null : Reason.UNTRUSTED;
        }
        return allow.allows(name.lower) ? null : Reason.NOT_ALLOWED;
    }

    /**
     * The facts about a lower-case header name, from the table of recent names when it is there:
     * a client sends the same names request after request, and they need not be folded and looked
     * up in three sets each time.
     */
    private NameFacts facts(String lower) {
        int slot = recentNames.slot(lower.hashCode());
        NameFacts first = recentNames.at(slot);
        if (first != null && first.lower.equals(lower)) {
            return first;
        }
        NameFacts second = recentNames.at(slot ^ 1);
        if (second != null && second.lower.equals(lower)) {
            return second;
        }
        String folded = HeaderNames.fold(lower);
        NameFacts facts = new NameFacts(lower, folded, HeaderAllowList.FRAMING_HEADERS.contains(lower),
                globalRemove.contains(folded), ProxyHeaders.contains(folded) || proxyOnly.contains(folded));
        return lower.length() <= MAX_FACT_NAME ? recentNames.keep(slot, facts) : facts;
    }

    /**
     * What the global configuration says of one lower-case header name, whatever the request:
     * its folded form, whether it is a framing header (never hidden), on the global remove list,
     * or one only a trusted proxy may send, and whether it is spelt canonically (as it folds).
     */
    private static final class NameFacts {
        final String lower;
        final String folded;
        final boolean framing;
        final boolean globallyRemoved;
        final boolean proxyOnly;
        final boolean canonical;

        NameFacts(String lower, String folded, boolean framing, boolean globallyRemoved, boolean proxyOnly) {
            this.lower = lower;
            this.folded = folded;
            this.framing = framing;
            this.globallyRemoved = globallyRemoved;
            this.proxyOnly = proxyOnly;
            this.canonical = lower.equals(folded);
        }
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
