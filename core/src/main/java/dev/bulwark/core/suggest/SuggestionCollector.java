package dev.bulwark.core.suggest;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.Source;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects the findings of observed requests by route pattern and location, for
 * {@link Suggestions}. Thread-safe; memory is bounded whatever the traffic: at most
 * {@code maxLocations} locations (route, location and whether a deny rule fired; default
 * {@value #DEFAULT_MAX_LOCATIONS}), each remembering at most {@value #MAX_RULES_PER_LOCATION} rule
 * ids, {@value #MAX_METHODS_PER_LOCATION} methods and {@value #MAX_CLIENTS_PER_LOCATION} distinct
 * clients (as 64-bit hashes), and at most {@value #MAX_CLIENTS} distinct clients in all. That is at
 * most about 20 MiB at the default budget, a few hundred KiB in practice. Findings at a location
 * beyond the budget are counted in {@link Suggestions#droppedRequests()} and suggest nothing.
 *
 * <p>The caller names the client: an address, a session, a recording; sources that know no client
 * pass something that stands for one (a corpus line, a HAR file). Only what the caller records
 * counts: record the findings that would block, not those of rules configured to log only.
 */
public final class SuggestionCollector {

    /** Locations remembered by default. */
    public static final int DEFAULT_MAX_LOCATIONS = 1_000;
    /** Distinct clients remembered per location; beyond, the count is a lower bound. */
    public static final int MAX_CLIENTS_PER_LOCATION = 256;
    /** Distinct clients remembered in all; beyond, shares are computed against this many. */
    public static final int MAX_CLIENTS = 10_000;
    /** Rule ids remembered per location. */
    public static final int MAX_RULES_PER_LOCATION = 64;
    /** Methods remembered per location. */
    public static final int MAX_METHODS_PER_LOCATION = 16;

    private final int maxLocations;
    private final Map<Key, Entry> entries = new HashMap<>();
    private final Set<Long> clients = new HashSet<>();
    private long requests;
    private long dropped;

    private SuggestionCollector(int maxLocations) {
        this.maxLocations = maxLocations;
    }

    /** A collector with the default budget of {@value #DEFAULT_MAX_LOCATIONS} locations. */
    public static SuggestionCollector create() {
        return new SuggestionCollector(DEFAULT_MAX_LOCATIONS);
    }

    /**
     * A collector remembering at most {@code maxLocations} locations.
     *
     * @throws IllegalArgumentException when {@code maxLocations} is below 1
     */
    public static SuggestionCollector create(int maxLocations) {
        if (maxLocations < 1) {
            throw new IllegalArgumentException("maxLocations must be at least 1, was " + maxLocations);
        }
        return new SuggestionCollector(maxLocations);
    }

    /**
     * Records one request's findings.
     *
     * @param route the route pattern ({@code /pets/{id}}); see {@link RoutePatterns} for raw paths
     * @param method the request method
     * @param client who sent it, as the caller identifies clients
     * @param findings the findings to count; a location counts once per request
     */
    public synchronized void record(String route, String method, String client, List<Finding> findings) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(client, "client");
        if (findings.isEmpty()) {
            return;
        }
        requests++;
        long clientHash = hash(client);
        if (clients.size() < MAX_CLIENTS) {
            clients.add(clientHash);
        }
        Map<Key, Set<Rule>> seen = new LinkedHashMap<>();
        for (Finding finding : findings) {
            Key key = new Key(route, finding.location(), finding.blockType() == BlockType.DENY);
            seen.computeIfAbsent(key, k -> new TreeSet<>(Rule.ORDER)).add(new Rule(finding.ruleId(), finding.ruleKey()));
        }
        boolean anyDropped = false;
        for (Map.Entry<Key, Set<Rule>> found : seen.entrySet()) {
            Entry entry = entries.get(found.getKey());
            if (entry == null) {
                if (entries.size() >= maxLocations) {
                    anyDropped = true;
                    continue;
                }
                entry = new Entry();
                entries.put(found.getKey(), entry);
            }
            entry.add(method, clientHash, found.getValue());
        }
        if (anyDropped) {
            dropped++;
        }
    }

    /** The suggestions from everything recorded so far. */
    public synchronized Suggestions suggestions() {
        int allClients = Math.max(1, clients.size());
        List<LocationReport> locations = new ArrayList<>(entries.size());
        Map<String, RuleTotals> rules = new TreeMap<>();
        for (Map.Entry<Key, Entry> item : entries.entrySet()) {
            Key key = item.getKey();
            Entry entry = item.getValue();
            LocationReport.Outcome outcome = outcome(key, entry);
            locations.add(new LocationReport(key.route(), key.location(), entry.methods, entry.rules, entry.ruleKeys,
                    entry.count, entry.clients.size(), (double) entry.clients.size() / allClients, outcome));
            for (Map.Entry<String, Long> rule : entry.rules.entrySet()) {
                rules.computeIfAbsent(rule.getKey(), RuleTotals::new).add(rule.getValue(), entry.clients);
            }
        }
        List<Suggestions.RuleReport> ruleReports = new ArrayList<>();
        for (RuleTotals totals : rules.values()) {
            ruleReports.add(new Suggestions.RuleReport(totals.ruleId, totals.count, totals.clients.size(),
                    (double) totals.clients.size() / allClients));
        }
        return new Suggestions(locations, ruleReports, requests, clients.size(), dropped);
    }

    private static LocationReport.Outcome outcome(Key key, Entry entry) {
        if (!key.deny()) {
            return LocationReport.Outcome.NOT_A_DENY_RULE;
        }
        Source source = key.location().source();
        if (source == Source.BODY) {
            return LocationReport.Outcome.NO_SELECTOR;
        }
        if (entry.ruleKeys.size() >= Suggestions.ATTACKED_RULE_FAMILIES
                && entry.clients.size() <= Suggestions.ATTACKED_MAX_CLIENTS) {
            return LocationReport.Outcome.LOOKS_ATTACKED;
        }
        return LocationReport.Outcome.EXCEPTED;
    }

    /** FNV-1a over the client's characters: clients are told apart, not kept. */
    private static long hash(String client) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < client.length(); i++) {
            hash = (hash ^ client.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }

    private record Key(String route, Location location, boolean deny) {
    }

    private record Rule(String id, String key) {
        static final Comparator<Rule> ORDER = Comparator.comparing(Rule::id).thenComparing(Rule::key);
    }

    private static final class Entry {
        final Set<String> methods = new TreeSet<>();
        final Map<String, Long> rules = new TreeMap<>();
        final Set<String> ruleKeys = new TreeSet<>();
        final Set<Long> clients = new HashSet<>();
        long count;

        void add(String method, long client, Set<Rule> found) {
            count++;
            if (methods.size() < MAX_METHODS_PER_LOCATION) {
                methods.add(method);
            }
            if (clients.size() < MAX_CLIENTS_PER_LOCATION) {
                clients.add(client);
            }
            for (Rule rule : found) {
                if (rules.containsKey(rule.id()) || rules.size() < MAX_RULES_PER_LOCATION) {
                    rules.merge(rule.id(), 1L, Long::sum);
                    ruleKeys.add(rule.key());
                }
            }
        }
    }

    private static final class RuleTotals {
        final String ruleId;
        final Set<Long> clients = new HashSet<>();
        long count;

        RuleTotals(String ruleId) {
            this.ruleId = ruleId;
        }

        void add(long more, Set<Long> moreClients) {
            count += more;
            clients.addAll(moreClients);
        }
    }
}
