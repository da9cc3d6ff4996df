package dev.bulwark.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void readsAWholeNumberAtLeastTheMinimum() {
        assertThat(CommandLine.count("--rounds", " 12 ", 1)).isEqualTo(12);
    }

    @Test
    void refusesAMissingValueNamingTheOption() {
        assertThatThrownBy(() -> CommandLine.count("--rounds", null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--rounds needs a value");
    }

    @Test
    void refusesAValueThatIsNotAWholeNumber() {
        assertThatThrownBy(() -> CommandLine.count("--calls", "1e3", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--calls needs a whole number, was '1e3'");
    }

    @Test
    void refusesAValueBelowTheMinimum() {
        assertThatThrownBy(() -> CommandLine.count("--threads", "1", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--threads must be at least 2, was 1");
    }

    @Test
    void separatesOptionsFromOperands() {
        CommandLine line = CommandLine.parse(new String[] {"a.jar", "--rounds", "3", "b.jar"}, Set.of("--rounds"));

        assertThat(line.operands()).containsExactly("a.jar", "b.jar");
        assertThat(line.count("--rounds", 10, 1)).isEqualTo(3);
        assertThat(line.help()).isFalse();
    }

    @Test
    void answersTheFallbackForAnOptionNotGiven() {
        CommandLine line = CommandLine.parse(new String[0], Set.of("--level", "--calls"));

        assertThat(line.value("--level", "standard")).isEqualTo("standard");
        assertThat(line.count("--calls", 300, 1)).isEqualTo(300);
    }

    @Test
    void refusesAnUnknownOption() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--round", "3"}, Set.of("--rounds")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown option '--round'");
    }

    @Test
    void refusesAnOptionWithoutItsValue() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--rounds"}, Set.of("--rounds")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--rounds needs a value");
    }

    @Test
    void readsAValueGivenAfterAnEqualsSign() {
        CommandLine line = CommandLine.parse(new String[] {"--rounds=7"}, Set.of("--rounds"));

        assertThat(line.count("--rounds", 10, 1)).isEqualTo(7);
    }

    @Test
    void keepsEveryValueOfARepeatedOptionAndAnswersTheLast() {
        CommandLine line = CommandLine.parse(new String[] {"--file", "a", "--file=b"}, Set.of("--file"));

        assertThat(line.all("--file")).containsExactly("a", "b");
        assertThat(line.value("--file", null)).isEqualTo("b");
        assertThat(line.all("--level")).isEmpty();
    }

    @Test
    void notesAskingForHelp() {
        assertThat(CommandLine.parse(new String[] {"-h"}, Set.of()).help()).isTrue();
    }
}
