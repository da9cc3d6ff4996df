package dev.bulwark.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.rules.BenignValues;
import dev.bulwark.core.internal.rules.Scans;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world values that look like the short probes standard catches after a quote (a product, an
 * operator and a comment, a colon and a number, a comparison closing a parenthesis, {@code ||(},
 * shuffled-case clauses, a lone quote and OR): searches with quotes, minus and OR, measurements
 * ({@code 5'11"}, {@code 2'x4'}), ratings, prices, product names and titles, names with apostrophes,
 * JSON and code snippets, CSV lines, chat, SQL-looking English. Each must pass the SQL detector in
 * every place a value reaches it, and the engine at its default level in a query, a form, a JSON
 * body and a header. The values are in {@code sql/benign-values.tsv} (see {@link BenignValues});
 * through the engine only the SQL rules count here, as other families judge other things.
 */
class SqlBenignValuesTest {

    private final SqlInjectionDetector detector = new SqlInjectionDetector();

    static List<Arguments> benignValues() {
        return BenignValues.read("/sql/benign-values.tsv");
    }

    @Test
    void holdsSeveralHundredValues() {
        assertThat(benignValues()).hasSizeGreaterThanOrEqualTo(300);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("benignValues")
    void allowsValueInEverySource(String kind, String value) {
        SqlDialectBreaksTest.sources().forEach(source ->
                assertThat(Scans.standard(detector, source.apply(value))).as("%s %s", kind, value).isEmpty());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("benignValues")
    void allowsValueThroughTheEngine(String kind, String value) {
        assertThat(BenignValues.blockingRules(value)).as(value).noneMatch(rule -> rule.contains(" SQL-"));
    }
}
