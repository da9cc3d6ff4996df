package dev.bulwark.core.suggest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.bulwark.core.Level;
import dev.bulwark.core.SecurityEvent;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.DenyRuleException;
import dev.bulwark.core.config.DenyRulesConfig;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Findings per rule and per location, and the narrowest exception for each location that does not
 * look attacked; made by {@link SuggestionCollector#suggestions()}.
 *
 * <p>A location looks attacked when at least {@value #ATTACKED_RULE_FAMILIES} rule families fired
 * there and at most {@value #ATTACKED_MAX_CLIENTS} clients sent those requests: legitimate values
 * that trip rules (rich text, search syntax, tracking parameters) trip one or two families, for
 * many clients; a probe tries SQL, then script, then shell from one place. Such locations are
 * reported for review, never excepted.
 */
public final class Suggestions {

    /** Rule families at one location from which it may look attacked. */
    public static final int ATTACKED_RULE_FAMILIES = 3;
    /** Clients at most for a location with many families to look attacked. */
    public static final int ATTACKED_MAX_CLIENTS = 2;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<LocationReport> MOST_SEEN_FIRST = Comparator
            .comparingLong(LocationReport::requests).reversed()
            .thenComparing(LocationReport::route)
            .thenComparing(report -> report.location().toString());

    private final List<LocationReport> locations;
    private final List<RuleReport> rules;
    private final long requests;
    private final int clients;
    private final long droppedRequests;

    /**
     * One rule's findings over every location.
     *
     * @param ruleId the rule
     * @param requests the requests it fired in (counted once per location)
     * @param clients the distinct clients among them (a lower bound, see {@link SuggestionCollector})
     * @param clientShare {@code clients} as a share of every client seen, 0 to 1
     */
    public record RuleReport(String ruleId, long requests, int clients, double clientShare) {
    }

    Suggestions(List<LocationReport> locations, List<RuleReport> rules, long requests, int clients, long droppedRequests) {
        List<LocationReport> sorted = new ArrayList<>(locations);
        sorted.sort(MOST_SEEN_FIRST);
        this.locations = List.copyOf(sorted);
        List<RuleReport> sortedRules = new ArrayList<>(rules);
        sortedRules.sort(Comparator.comparingLong(RuleReport::requests).reversed().thenComparing(RuleReport::ruleId));
        this.rules = List.copyOf(sortedRules);
        this.requests = requests;
        this.clients = clients;
        this.droppedRequests = droppedRequests;
    }

    /** Every location, most seen first. */
    public List<LocationReport> locations() {
        return locations;
    }

    /** Every rule, most seen first. */
    public List<RuleReport> rules() {
        return rules;
    }

    /** The suggested exceptions, most seen first. */
    public List<SuggestedException> exceptions() {
        return locations.stream().filter(l -> l.outcome() == LocationReport.Outcome.EXCEPTED)
                .map(LocationReport::exception).toList();
    }

    /** The locations that look attacked, for review. */
    public List<LocationReport> flagged() {
        return locations.stream().filter(l -> l.outcome() == LocationReport.Outcome.LOOKS_ATTACKED).toList();
    }

    /** The requests recorded with at least one finding. */
    public long requests() {
        return requests;
    }

    /** The distinct clients of those requests (at most {@value SuggestionCollector#MAX_CLIENTS}). */
    public int clients() {
        return clients;
    }

    /** Requests with findings at a location the memory budget had no room for. */
    public long droppedRequests() {
        return droppedRequests;
    }

    /** {@code config} with the suggested exceptions after its own. */
    public BulwarkConfig applyTo(BulwarkConfig config) {
        List<DenyRuleException> exceptions = new ArrayList<>(config.denyRules().exceptions());
        exceptions().forEach(e -> exceptions.add(e.toException()));
        DenyRulesConfig deny = config.denyRules();
        return config.toBuilder().denyRules(new DenyRulesConfig(deny.level(), deny.logOnly(),
                deny.overrides(), exceptions, deny.customRules(), deny.restrictedExtensions(),
                deny.uploadExecutableExtensions())).build();
    }

    /**
     * A complete configuration: {@code baseYaml} (or the defaults when {@code null}) with the
     * suggested exceptions after its own, each under a comment saying what it lets through and how
     * often it was seen, and {@code deny-rules.level} set to {@code level} when given. Exceptions
     * written as a map keyed by name get keys {@code suggested-1}, {@code suggested-2}, ...
     *
     * @throws IllegalArgumentException when {@code baseYaml} is not a YAML map
     */
    public String configuration(String baseYaml, Level level) {
        ObjectNode root;
        try {
            JsonNode base = baseYaml == null || baseYaml.isBlank() ? JSON.createObjectNode()
                    : new YAMLMapper().readTree(baseYaml);
            if (base == null || base.isMissingNode() || base.isNull()) {
                base = JSON.createObjectNode();
            }
            if (!base.isObject()) {
                throw new IllegalArgumentException("the base configuration is not a YAML map");
            }
            root = (ObjectNode) base;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the base configuration is not valid YAML: " + e.getOriginalMessage(), e);
        }
        ObjectNode deny = root.has("deny-rules") && root.get("deny-rules").isObject()
                ? (ObjectNode) root.get("deny-rules") : root.putObject("deny-rules");
        if (level != null) {
            deny.put("level", level.name().toLowerCase(Locale.ROOT));
        }
        JsonNode existing = deny.remove("exceptions");
        StringBuilder out = new StringBuilder();
        out.append("# Suggested from ").append(count(requests)).append(" requests with findings from ")
                .append(count(clients)).append(" clients: ").append(exceptions().size()).append(" exceptions, ")
                .append(flagged().size()).append(" locations that look attacked (not excepted).\n")
                .append("# Review every exception before committing it: each one is a hole in the protection.\n");
        var fields = root.properties().iterator();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getValue() != deny) {
                YamlText.entry(out, field.getKey(), field.getValue(), 0);
                continue;
            }
            out.append("deny-rules:\n");
            YamlText.block(out, deny, 2);
            out.append("  exceptions:\n");
            boolean keyed = existing != null && existing.isObject();
            if (existing != null && existing.size() > 0) {
                if (keyed) {
                    YamlText.block(out, existing, 4);
                } else {
                    for (JsonNode item : existing) {
                        YamlText.listItem(out, item, 4);
                    }
                }
            }
            int n = 0;
            for (SuggestedException exception : exceptions()) {
                n++;
                out.append("    # ").append(exception.comment()).append('\n');
                JsonNode item = JSON.valueToTree(exception.toConfig());
                if (keyed) {
                    YamlText.flowMapEntry(out, "suggested-" + n, item, 4);
                } else {
                    YamlText.flowListItem(out, item, 4);
                }
            }
            if (n == 0 && (existing == null || existing.size() == 0)) {
                out.setLength(out.length() - "  exceptions:\n".length());
                out.append("  exceptions: []\n");
            }
        }
        return out.toString();
    }

    /** The report as text: per rule, then per location with the outcome. */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append("Requests with findings: ").append(count(requests)).append(", distinct clients: ")
                .append(count(clients));
        if (droppedRequests > 0) {
            out.append(", over the memory budget (not counted): ").append(count(droppedRequests));
        }
        out.append("\n\nPer rule (requests, clients, share of clients):\n");
        for (RuleReport rule : rules) {
            out.append(String.format(Locale.ROOT, "  %-36s %8s %7s %6.1f%%%n", SecurityEvent.clean(rule.ruleId(), 36),
                    count(rule.requests()), count(rule.clients()), rule.clientShare() * 100));
        }
        out.append("\nPer location (requests, clients, share of clients, outcome):\n");
        for (LocationReport location : locations) {
            out.append(String.format(Locale.ROOT, "  %s %s %s%n      %s: %s requests, %s clients (%.1f%%) -> %s%n",
                    String.join(",", location.methods()), SecurityEvent.clean(location.route(), 128),
                    SuggestedException.where(location.location()), String.join(", ", location.rules().keySet()),
                    count(location.requests()), count(location.clients()), location.clientShare() * 100,
                    outcome(location.outcome())));
        }
        return out.toString();
    }

    /** The suggestions as a tree for a JSON endpoint: totals, rules, locations with their exceptions. */
    public Map<String, Object> toMap() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requests", requests);
        body.put("clients", clients);
        body.put("droppedRequests", droppedRequests);
        List<Map<String, Object>> ruleList = new ArrayList<>();
        for (RuleReport rule : rules) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("ruleId", rule.ruleId());
            item.put("requests", rule.requests());
            item.put("clients", rule.clients());
            item.put("clientShare", rule.clientShare());
            ruleList.add(item);
        }
        body.put("rules", ruleList);
        List<Map<String, Object>> locationList = new ArrayList<>();
        for (LocationReport location : locations) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("route", location.route());
            item.put("methods", List.copyOf(location.methods()));
            item.put("location", location.location().toString());
            List<Map<String, Object>> fired = new ArrayList<>();
            location.rules().forEach((id, n) -> fired.add(new LinkedHashMap<>(Map.of("ruleId", id, "requests", n))));
            item.put("rules", fired);
            item.put("requests", location.requests());
            item.put("clients", location.clients());
            item.put("clientShare", location.clientShare());
            item.put("outcome", location.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            SuggestedException exception = location.exception();
            if (exception != null) {
                item.put("exception", exception.toConfig());
                item.put("comment", exception.comment());
            }
            locationList.add(item);
        }
        body.put("locations", locationList);
        return body;
    }

    private static String outcome(LocationReport.Outcome outcome) {
        return switch (outcome) {
            case EXCEPTED -> "exception suggested";
            case LOOKS_ATTACKED -> "LOOKS ATTACKED: many rule families from few clients; not excepted, review";
            case NOT_A_DENY_RULE -> "not a deny rule (limits, protocol, tokens): exceptions do not apply";
            case NO_SELECTOR -> "no selector names this place; review by hand";
        };
    }

    private static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(n);
    }

    @Override
    public String toString() {
        return Objects.toString(exceptions().size()) + " exceptions from " + requests + " requests";
    }
}
