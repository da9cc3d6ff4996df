package dev.bulwark.core.suggest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Component;
import dev.bulwark.core.Location;
import dev.bulwark.core.SecurityEvent;
import dev.bulwark.core.config.DenyRuleException;
import dev.bulwark.core.config.RequestCondition;
import dev.bulwark.core.config.StringMatcher;
import dev.bulwark.core.config.ValueSelector;
import java.text.NumberFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The narrowest deny-rule exception for one {@link LocationReport}: the rule ids that fired there
 * (never a family, never every rule), the exact parameter, header, cookie, JSON pointer or XML path,
 * and the route's path (exact, or a {@code pattern} when it has variables) and methods.
 *
 * <p>A path segment or path parameter cannot be named (its text is the value), so those
 * exceptions select any segment or parameter, and a finding on the request as a whole (framing,
 * parameter names, encodings) has no place to select; the rule ids and route keep them narrow. A
 * finding on a raw body is never excepted (a rule id over a whole body would cover any payload
 * in it): its {@link LocationReport.Outcome} is {@code NO_SELECTOR}.
 */
public final class SuggestedException {

    private static final int MAX_NAME_IN_COMMENT = 96;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocationReport report;

    SuggestedException(LocationReport report) {
        this.report = Objects.requireNonNull(report, "report");
    }

    /** The location this exception is for. */
    public LocationReport report() {
        return report;
    }

    /** The exception as the configuration holds it. */
    public DenyRuleException toException() {
        Location location = report.location();
        String name = location.name();
        ValueSelector selector = switch (location.source()) {
            case QUERY -> new ValueSelector(ValueSelector.Kind.PARAMETER, StringMatcher.exact(name), null,
                    ValueSelector.ParameterSource.QUERY);
            case FORM, MULTIPART -> new ValueSelector(ValueSelector.Kind.PARAMETER, StringMatcher.exact(name), null,
                    ValueSelector.ParameterSource.BODY);
            case HEADER -> new ValueSelector(ValueSelector.Kind.HEADER, StringMatcher.exact(name).ignoringCase(), null, null);
            case COOKIE -> new ValueSelector(ValueSelector.Kind.COOKIE, StringMatcher.exact(name), null, null);
            case JSON -> new ValueSelector(ValueSelector.Kind.JSON, StringMatcher.exact(name), null, null);
            case XML -> new ValueSelector(ValueSelector.Kind.XML, StringMatcher.exact(name), null, null);
            case GRAPHQL -> new ValueSelector(ValueSelector.Kind.GRAPHQL, StringMatcher.exact(name), null, null);
            case PATH -> new ValueSelector(ValueSelector.Kind.PATH, routeMatcher(), null, null);
            case PATH_SEGMENT -> new ValueSelector(ValueSelector.Kind.PATH_SEGMENT, StringMatcher.regex(".*"), null, null);
            case PATH_PARAMETER -> new ValueSelector(ValueSelector.Kind.PATH_PARAMETER, StringMatcher.regex(".*"), null, null);
            case REQUEST -> ValueSelector.any();
            case BODY -> throw new IllegalStateException("no selector for " + location);
        };
        return new DenyRuleException(Set.of(), report.rules().keySet(), selector,
                new RequestCondition(routeMatcher(), report.methods(), List.of(), List.of()));
    }

    /** The exception as a configuration entry: {@code rule-ids}, one selector key, {@code when}. */
    public Map<String, Object> toConfig() {
        Location location = report.location();
        String name = location.name();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("rule-ids", List.copyOf(report.rules().keySet()));
        switch (location.source()) {
            case QUERY -> entry.put("parameter", parameter(name, "query"));
            case FORM, MULTIPART -> entry.put("parameter", parameter(name, "body"));
            case HEADER -> entry.put("header", Map.of("name", Map.of("exact", name)));
            case COOKIE -> entry.put("cookie", Map.of("name", Map.of("exact", name)));
            case JSON -> entry.put("json", Map.of("pointer", Map.of("exact", name)));
            case XML -> entry.put("xml", Map.of("path", Map.of("exact", name)));
            case GRAPHQL -> entry.put("graphql", Map.of("name", Map.of("exact", name)));
            case PATH -> entry.put("path", routeConfig());
            case PATH_SEGMENT -> entry.put("path-segment", Map.of("regex", ".*"));
            case PATH_PARAMETER -> entry.put("path-parameter", Map.of("regex", ".*"));
            case REQUEST -> {
                // A finding on the request as a whole (framing, parameter names, encodings): the
                // rule ids and the route are all there is to narrow it by.
            }
            case BODY -> throw new IllegalStateException("no selector for " + location);
        }
        Map<String, Object> when = new LinkedHashMap<>();
        when.put("path", routeConfig());
        when.put("methods", List.copyOf(report.methods()));
        entry.put("when", when);
        return entry;
    }

    /**
     * The exception as YAML to paste under {@code deny-rules.exceptions:}, its {@link #comment()}
     * first, every line indented by {@code indent} spaces.
     */
    public String yaml(int indent) {
        StringBuilder out = new StringBuilder();
        out.append(" ".repeat(indent)).append("# ").append(comment()).append('\n');
        YamlText.flowListItem(out, JSON.valueToTree(toConfig()), indent);
        return out.toString();
    }

    /**
     * One line saying what the exception lets through and how often it was seen, e.g.
     * {@code Lets SQL-UNION through in query parameter 'q' of GET /search: 12 requests from 9
     * clients (4.5% of clients)}.
     */
    public String comment() {
        NumberFormat count = NumberFormat.getIntegerInstance(Locale.ROOT);
        return "Lets " + String.join(", ", report.rules().keySet()) + " through in " + where(report.location())
                + " of " + String.join(", ", report.methods()) + " " + SecurityEvent.clean(report.route(), 128) + ": "
                + count.format(report.requests()) + (report.requests() == 1 ? " request" : " requests") + " from "
                + (report.clients() >= SuggestionCollector.MAX_CLIENTS_PER_LOCATION ? "at least " : "")
                + count.format(report.clients()) + (report.clients() == 1 ? " client" : " clients")
                + String.format(Locale.ROOT, " (%.1f%% of clients)", report.clientShare() * 100);
    }

    /** The place in words, for comments and reports: {@code query parameter 'q'}. */
    static String where(Location location) {
        String name = "'" + SecurityEvent.clean(location.name(), MAX_NAME_IN_COMMENT) + "'";
        String part = switch (location.source()) {
            case QUERY -> "query parameter " + name;
            case FORM -> "form field " + name;
            case MULTIPART -> "multipart field " + name;
            case HEADER -> "header " + name;
            case COOKIE -> "cookie " + name;
            case JSON -> "JSON value " + name;
            case XML -> "XML value " + name;
            case GRAPHQL -> "GraphQL value " + name;
            case PATH -> "the path";
            case PATH_SEGMENT -> "a path segment";
            case PATH_PARAMETER -> "a path parameter";
            case BODY -> "the body";
            case REQUEST -> "the request as a whole";
        };
        return location.component() == Component.VALUE ? part
                : part + " (its " + location.component().name().toLowerCase(Locale.ROOT).replace("filename", "file name") + ")";
    }

    private static Map<String, Object> parameter(String name, String source) {
        Map<String, Object> parameter = new LinkedHashMap<>();
        parameter.put("name", Map.of("exact", name));
        parameter.put("source", source);
        return parameter;
    }

    private boolean isPattern() {
        return report.route().indexOf('{') >= 0 || report.route().indexOf('*') >= 0;
    }

    private StringMatcher routeMatcher() {
        return isPattern() ? StringMatcher.pattern(report.route()) : StringMatcher.exact(report.route());
    }

    private Object routeConfig() {
        return isPattern() ? Map.of("pattern", report.route()) : report.route();
    }

    @Override
    public String toString() {
        return comment();
    }
}
