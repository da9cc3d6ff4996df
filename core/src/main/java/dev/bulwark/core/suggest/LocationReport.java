package dev.bulwark.core.suggest;

import dev.bulwark.core.Location;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What was seen at one location of one route, and what to do about it.
 *
 * @param route the route pattern, e.g. {@code /pets/{id}}
 * @param location where in the request the rules fired
 * @param methods the methods of the requests, sorted
 * @param rules the rule ids that fired, with the number of requests each fired in, sorted by id
 * @param ruleKeys the rule families of those rules
 * @param requests the requests with a finding here
 * @param clients the distinct clients among them (a lower bound beyond
 *     {@value SuggestionCollector#MAX_CLIENTS_PER_LOCATION})
 * @param clientShare {@code clients} as a share of every client seen, 0 to 1
 * @param outcome whether an exception is suggested, and why not
 */
public record LocationReport(String route, Location location, Set<String> methods, Map<String, Long> rules,
        Set<String> ruleKeys, long requests, int clients, double clientShare, Outcome outcome) {

    /** Whether an exception is suggested for a location. */
    public enum Outcome {
        /** The narrowest exception is suggested. */
        EXCEPTED,
        /** Many rule families from few clients: reported for review, never excepted. */
        LOOKS_ATTACKED,
        /** The findings are of limits, protocol or token checks, which exceptions do not cover. */
        NOT_A_DENY_RULE,
        /** No selector names this place narrowly enough (a raw body); review by hand. */
        NO_SELECTOR
    }

    public LocationReport {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(location, "location");
        methods = Collections.unmodifiableSet(new TreeSet<>(methods));
        rules = Collections.unmodifiableMap(new TreeMap<>(rules));
        ruleKeys = Collections.unmodifiableSet(new TreeSet<>(ruleKeys));
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The suggested exception, for {@link Outcome#EXCEPTED}; {@code null} otherwise. */
    public SuggestedException exception() {
        return outcome == Outcome.EXCEPTED ? new SuggestedException(this) : null;
    }
}
