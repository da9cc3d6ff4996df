package dev.bulwark.test;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Mode;
import dev.bulwark.core.Violation;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractObjectAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/**
 * AssertJ assertions on a {@link Decision}. Rules are named by key ({@code SQL}, {@code XSS},
 * {@code JWT}, {@code OPENAPI}, {@code LIMIT}) or by id ({@code SQL-UNION}, {@code JWT-MISSING},
 * {@code validation.request.body.schema.required}), ignoring case. A failure lists every finding
 * of the decision, so a test that fails says which rule fired instead:
 *
 * <pre>
 * Expecting the request to be blocked by "SQL", but it was allowed.
 * Findings:
 *   XSS-HTML-TAG (XSS) log-only at json:/description: markup tag ... [excerpt: &lt;b&gt;]
 * </pre>
 *
 * Start with {@link BulwarkAssertions#assertThat(Decision)}.
 */
public final class DecisionAssert extends AbstractObjectAssert<DecisionAssert, Decision> {

    DecisionAssert(Decision actual) {
        super(actual, DecisionAssert.class);
    }

    /** The request may pass: no finding blocks it (log-only findings are allowed). */
    public DecisionAssert isAllowed() {
        isNotNull();
        if (actual.blocked()) {
            failWithMessage("Expecting the request to be allowed, but it was %s.%n%s", outcome(), listing());
        }
        return this;
    }

    /** The request is blocked, for whatever reason. */
    public DecisionAssert isBlocked() {
        isNotNull();
        if (actual.allowed()) {
            failWithMessage("Expecting the request to be blocked, but it was allowed.%n%s", listing());
        }
        return this;
    }

    /**
     * The request is blocked, and a blocking finding has this rule key or rule id: {@code "SQL"}
     * and {@code "SQL-UNION"} both match a finding of rule {@code SQL-UNION}.
     */
    public DecisionAssert isBlockedBy(String rule) {
        isNotNull();
        Objects.requireNonNull(rule, "rule");
        if (actual.allowed() || actual.blockingFindings().stream().noneMatch(matches(rule))) {
            failWithMessage("Expecting the request to be blocked by \"%s\", but it was %s.%n%s", rule, outcome(), listing());
        }
        return this;
    }

    /** The request is not blocked by this rule key or id (it may be allowed, or blocked by another rule). */
    public DecisionAssert isNotBlockedBy(String rule) {
        isNotNull();
        Objects.requireNonNull(rule, "rule");
        if (actual.blockingFindings().stream().anyMatch(matches(rule))) {
            failWithMessage("Expecting the request not to be blocked by \"%s\", but it was %s.%n%s", rule, outcome(), listing());
        }
        return this;
    }

    /**
     * A log-only finding has this rule key or id: the rule matched, and the configuration (the
     * global or a route's {@code mode: log-only}, {@code deny-rules.log-only}, an override) let the
     * request pass anyway.
     */
    public DecisionAssert isLoggedBy(String rule) {
        isNotNull();
        Objects.requireNonNull(rule, "rule");
        if (actual.findings().stream().noneMatch(matches(rule).and(finding -> finding.mode() == Mode.LOG_ONLY))) {
            failWithMessage("Expecting a log-only finding of \"%s\", but there was none (the request was %s).%n%s",
                    rule, outcome(), listing());
        }
        return this;
    }

    /** Some finding, blocking or log-only, has this rule key or id. */
    public DecisionAssert hasFinding(String rule) {
        isNotNull();
        Objects.requireNonNull(rule, "rule");
        if (actual.findings().stream().noneMatch(matches(rule))) {
            failWithMessage("Expecting a finding of \"%s\", but there was none (the request was %s).%n%s",
                    rule, outcome(), listing());
        }
        return this;
    }

    /** No finding, blocking or log-only, has this rule key or id. */
    public DecisionAssert hasNoFinding(String rule) {
        isNotNull();
        Objects.requireNonNull(rule, "rule");
        if (actual.findings().stream().anyMatch(matches(rule))) {
            failWithMessage("Expecting no finding of \"%s\", but there was one (the request was %s).%n%s",
                    rule, outcome(), listing());
        }
        return this;
    }

    /** Nothing was found at all: allowed, and nothing to log. */
    public DecisionAssert hasNoFindings() {
        isNotNull();
        if (actual.hasFindings()) {
            failWithMessage("Expecting no findings, but the request was %s.%n%s", outcome(), listing());
        }
        return this;
    }

    /** The status of the response: the block status, or 200 when allowed. */
    public DecisionAssert hasStatus(int status) {
        isNotNull();
        if (actual.status() != status) {
            failWithMessage("Expecting status %s, but the request was %s.%n%s", status, outcome(), listing());
        }
        return this;
    }

    /** The request is blocked with this kind of block. */
    public DecisionAssert hasBlockType(BlockType blockType) {
        isNotNull();
        if (actual.blockType() != blockType) {
            failWithMessage("Expecting a block of type %s, but the request was %s.%n%s", blockType, outcome(), listing());
        }
        return this;
    }

    /**
     * The block response lists a contract violation with this key
     * ({@code validation.request.body.schema.enum}) or location ({@code body:/species}).
     */
    public DecisionAssert hasViolation(String keyOrLocation) {
        isNotNull();
        Objects.requireNonNull(keyOrLocation, "keyOrLocation");
        if (actual.violations().stream().noneMatch(v -> v.key().equals(keyOrLocation) || v.location().equals(keyOrLocation))) {
            failWithMessage("Expecting a violation \"%s\", but the violations were %s (the request was %s).%n%s",
                    keyOrLocation, describe(actual.violations()), outcome(), listing());
        }
        return this;
    }

    /**
     * The GraphQL checks found this violation ({@code GRAPHQL-DEPTH}, {@code GRAPHQL-INTROSPECTION},
     * {@code GRAPHQL-SCHEMA-FIELD-UNDEFINED}...), whether it blocked the request or, in log-only
     * mode, was only logged.
     */
    public DecisionAssert hasGraphQlViolation(String key) {
        isNotNull();
        Objects.requireNonNull(key, "key");
        if (actual.findings().stream().noneMatch(f -> f.blockType() == BlockType.GRAPHQL && f.ruleId().equals(key))) {
            failWithMessage("Expecting the GraphQL violation \"%s\", but the request was %s.%n%s", key, outcome(), listing());
        }
        return this;
    }

    /** The GraphQL checks found nothing wrong with the request (deny rules may still have). */
    public DecisionAssert hasNoGraphQlViolation() {
        isNotNull();
        if (actual.findings().stream().anyMatch(f -> f.blockType() == BlockType.GRAPHQL)) {
            failWithMessage("Expecting no GraphQL violation, but the request was %s.%n%s", outcome(), listing());
        }
        return this;
    }

    /** A check produced this attribute for the application, e.g. {@code bulwark.jwt.subject}. */
    public DecisionAssert hasAttribute(String name, Object value) {
        isNotNull();
        Object actualValue = actual.attributes().get(name);
        if (!Objects.equals(actualValue, value)) {
            failWithMessage("Expecting attribute %s to be <%s>, but it was <%s>; attributes: %s",
                    name, value, actualValue, actual.attributes().keySet());
        }
        return this;
    }

    /** The findings, for assertions of their own. */
    public ListAssert<Finding> findings() {
        isNotNull();
        return Assertions.assertThat(actual.findings()).as("findings of %s", outcome());
    }

    private static Predicate<Finding> matches(String rule) {
        String wanted = rule.trim();
        return finding -> finding.ruleKey().equalsIgnoreCase(wanted) || finding.ruleId().equalsIgnoreCase(wanted);
    }

    private String outcome() {
        if (actual.allowed()) {
            return "allowed";
        }
        return "blocked with " + actual.status() + " (" + actual.blockType() + ", incident " + actual.incidentId() + ")";
    }

    private String listing() {
        return describe(actual);
    }

    /** The findings of a decision, one per line, for failure messages. */
    static String describe(Decision decision) {
        List<Finding> findings = decision.findings();
        if (findings.isEmpty()) {
            return "Findings: none";
        }
        StringBuilder out = new StringBuilder("Findings:");
        for (Finding finding : findings) {
            out.append(String.format("%n  %s (%s) %s at %s: %s", finding.ruleId(), finding.ruleKey(),
                    finding.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'), finding.location(),
                    finding.description()));
            if (!finding.excerpt().isEmpty()) {
                out.append(" [excerpt: ").append(finding.excerpt()).append(']');
            }
        }
        if (!decision.violations().isEmpty()) {
            out.append(String.format("%nViolations: %s", describe(decision.violations())));
        }
        return out.toString();
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(v -> v.key() + " at " + v.location()).toList().toString();
    }
}
