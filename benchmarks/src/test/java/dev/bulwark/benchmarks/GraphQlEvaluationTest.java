package dev.bulwark.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Level;
import dev.bulwark.core.config.BulwarkConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GraphQlEvaluationTest {

    private static String report(GraphQlEvaluation.Result result, Level level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GraphQlEvaluation.print(result, level, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void refusesEveryAttackByTheCheckMeantForItAtStandard() {
        GraphQlEvaluation.Result result = GraphQlEvaluation.evaluate(Level.STANDARD);
        assertThat(result.attacks()).hasSizeGreaterThanOrEqualTo(70);
        assertThat(result.detected()).as(report(result, Level.STANDARD)).isEqualTo(result.attacks().size());
    }

    @Test
    void passesEveryBenignRequestUntouchedAtStandard() {
        GraphQlEvaluation.Result result = GraphQlEvaluation.evaluate(Level.STANDARD);
        assertThat(result.benign()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(result.falsePositives()).as(report(result, Level.STANDARD)).isZero();
    }

    @Test
    void refusesEveryAttackAtStrict() {
        GraphQlEvaluation.Result result = GraphQlEvaluation.evaluate(Level.STRICT);
        assertThat(result.detected()).as(report(result, Level.STRICT)).isEqualTo(result.attacks().size());
    }

    @Test
    void flagsOnlyTheRichTextFieldAtStrict() {
        GraphQlEvaluation.Result result = GraphQlEvaluation.evaluate(Level.STRICT);
        assertThat(result.benign()).filteredOn(outcome -> !outcome.correct())
                .extracting(outcome -> outcome.entry().id()).as(report(result, Level.STRICT))
                .containsExactly("shopify-product-update-html");
    }

    @Test
    void passesTheRichTextFieldAtStrictWithAnExceptionOnItsGraphQlLocation() {
        BulwarkConfig config = BulwarkConfig.fromYaml("""
                deny-rules:
                  level: strict
                  exceptions:
                    - rule-ids: [XSS-HTML-TAG]
                      graphql: {name: variables/input/descriptionHtml}
                """);
        GraphQlEvaluation.Result result = GraphQlEvaluation.evaluate(config);
        assertThat(result.falsePositives()).as(report(result, Level.STRICT)).isZero();
        assertThat(result.detected()).isEqualTo(result.attacks().size());
    }
}
