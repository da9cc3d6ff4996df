package dev.bulwark.core.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.rules.BenignValues;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world values that look like command lines to a shell, cmd.exe or PHP: prose and chat with
 * {@code ;}, {@code &}, {@code |}, backticks, {@code $} and parentheses, names such as "Tom &amp;
 * Jerry" and "R&amp;D", addresses and host names with text after them, multi-line form fields,
 * Markdown with inline code and fenced blocks, file names, lists of paths, package file paths,
 * Windows paths, menu labels with {@code &} accelerators, URLs, version strings, math, emoticons,
 * code snippets (print-only awk programs among them) and mentions of {@code ps}, {@code cat}, {@code ls}, {@code id},
 * {@code sleep}, {@code dir}, {@code type}, {@code echo}, {@code awk} or {@code printf} in prose.
 * Each must pass the engine at its default level in a query, a form, a JSON body and a header.
 *
 * <p>The values are in {@code shell/benign-values.tsv} (see {@link BenignValues}). Every rule counts:
 * a benign value must pass the whole engine, not only the shell families.
 */
class ShellBenignValuesTest {

    static List<Arguments> benignValues() {
        return BenignValues.read("/shell/benign-values.tsv");
    }

    @Test
    void holdsSeveralHundredValues() {
        assertThat(benignValues()).hasSizeGreaterThanOrEqualTo(600);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("benignValues")
    void allowsValueThroughTheEngine(String kind, String value) {
        assertThat(BenignValues.blockingRules(value)).as(value).isEmpty();
    }
}
