package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecPatternsTest {

    @ParameterizedTest
    @ValueSource(strings = {"^(a+)+$", "([a-z]*\\d?)*", "^(\\w+\\s?){2,}$", "((ab)*c)+", "(x{1,5})*"})
    void flagsRepeatedGroupThatRepeatsInside(String pattern) {
        assertThat(SpecPatterns.nestsQuantifiers(pattern)).as(pattern).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"^[A-Z]{3}-\\d{4}$", "^(a|b)*$", "^(ab)?c+$", "[(+]*x", "\\(a+\\)+", "^(\\d{1})*$",
        "^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$"})
    void passesPatternsWithoutNestedRepetition(String pattern) {
        assertThat(SpecPatterns.nestsQuantifiers(pattern)).as(pattern).isFalse();
    }

    @Test
    void namesTheKeywordOfRiskyPatternInSpec() throws IOException {
        String spec = """
                openapi: 3.0.3
                info: {title: t, version: '1'}
                paths: {}
                components:
                  schemas:
                    Sku:
                      type: string
                      pattern: '^[A-Z]{3}-\\\\d{4}$'
                    Slug:
                      type: object
                      properties:
                        pattern:
                          type: string
                          pattern: '^([a-z]+-?)+$'
                """;
        assertThat(SpecPatterns.risky(spec)).containsExactly(new SpecPatterns.RiskyPattern(
                "/components/schemas/Slug/properties/pattern/pattern", "^([a-z]+-?)+$"));
    }
}
