package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world values a service receives that look like markup, code, paths, directory names or
 * query operators without being an attack: rich text from editors, Markdown, message templates, mail
 * text, file names and URLs, forum posts with code, JSON and YAML, LDAP names, MongoDB prose, tokens
 * and hashes, browser headers, CSS and SVG, emoji and non-Latin scripts, addresses, prices and dates.
 * Each must pass the engine at its default level in a query, a form, a JSON body and a header. The
 * values are in {@code rules/benign/*.tsv}, one file per group, a kind and a value a line
 * (see {@link BenignValues}).
 */
class BenignValuesTest {

    private static final String[] GROUPS = Stream.of("markup", "code", "paths-and-urls", "directory-and-mail",
            "tokens-and-headers", "text").map(group -> "/rules/benign/" + group + ".tsv").toArray(String[]::new);

    static List<Arguments> benignValues() {
        return BenignValues.read(GROUPS);
    }

    @Test
    void holdsEightHundredValues() {
        assertThat(benignValues()).hasSizeGreaterThanOrEqualTo(800);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("benignValues")
    void allowsValueInEverySource(String kind, String value) {
        assertThat(BenignValues.blockingRules(value)).as(value).isEmpty();
    }
}
