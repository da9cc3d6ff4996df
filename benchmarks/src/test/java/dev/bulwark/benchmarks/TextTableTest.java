package dev.bulwark.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.traffic.Label;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void padsColumnsToTheirWidestCell() {
        String table = new TextTable("  ")
                .column("category", TextTable.Align.LEFT)
                .column("requests", TextTable.Align.RIGHT)
                .column("result", TextTable.Align.LEFT)
                .row("sqli", "868", "TPR 69.00%")
                .row("path-traversal", "66", null)
                .render();

        assertThat(table).isEqualTo("""
                  category        requests  result
                  --------------  --------  ----------
                  sqli                 868  TPR 69.00%
                  path-traversal        66
                """);
    }

    @Test
    void rejectsARowWithTheWrongNumberOfCells() {
        TextTable table = new TextTable("").column("a", TextTable.Align.LEFT).column("b", TextTable.Align.LEFT);

        assertThatThrownBy(() -> table.row("only one")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsCountsSharesAndMicroseconds() {
        assertThat(Tally.count(33_448)).isEqualTo("33,448");
        assertThat(Tally.percent(2_537.0 / 3_678)).isEqualTo("68.98%");
        assertThat(Tally.percent(1)).isEqualTo("100.00%");
        assertThat(Tally.micros(2_754_149)).isEqualTo("2,754.1");
        assertThat(Tally.micros(940)).isEqualTo("0.9");
    }

    @Test
    void scoresAttacksByTprBenignByFprAndNeutralNot() {
        assertThat(new Tally("sqli", Label.ATTACK, 868, 449, Latency.NONE).score()).isEqualTo("TPR 51.73%");
        assertThat(new Tally("benign", Label.BENIGN, 421, 40, Latency.NONE).score()).isEqualTo("FPR 9.50%");
        assertThat(new Tally("neutral/xss", Label.NEUTRAL, 977, 3, Latency.NONE).score()).isEqualTo("blocked 3 of 977");
        assertThat(new Tally("none", Label.ATTACK, 0, 0, Latency.NONE).rate()).isZero();
    }
}
