/**
 * Suggested deny-rule exceptions from observed traffic: the way out of false positives that does
 * not switch rules off. A {@link dev.bulwark.core.suggest.SuggestionCollector} records the findings
 * of requests (replayed by a command-line tool, seen in log-only mode by a service, or replayed by
 * a test), grouped by route pattern and location, within a fixed memory budget; its
 * {@link dev.bulwark.core.suggest.Suggestions} report them per rule and location and propose the
 * narrowest exception for each: the rule ids that fired, the exact parameter, header, cookie or
 * JSON pointer, the route's path pattern and methods. Locations that look attacked (many rule
 * families, few clients) are flagged, never excepted. Every adapter uses this one implementation.
 */
package dev.bulwark.core.suggest;
