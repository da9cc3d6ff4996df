package dev.bulwark.core.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.parse.ContentSniffer.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentSnifferTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/octet-stream", "image/png", "image/jpeg", "audio/mpeg", "video/mp4",
            "font/woff2", "application/pdf", "application/zip", "application/x-protobuf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
    void knowsBinaryMediaTypes(String mediaType) {
        assertThat(ContentSniffer.isBinaryMediaType(mediaType)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"image/svg+xml", "application/x-ndjson", "application/x-yaml", "application/graphql",
            "application/javascript", "text/csv", "foo", "application/ld+json"})
    void treatsOtherMediaTypesAsNotBinary(String mediaType) {
        assertThat(ContentSniffer.isBinaryMediaType(mediaType)).isFalse();
    }

    @Test
    void treatsAMissingMediaTypeAsNotBinary() {
        assertThat(ContentSniffer.isBinaryMediaType(null)).isFalse();
    }

    @Test
    void takesTextWithLineEndsTabsAndNonAsciiLettersAsText() {
        assertThat(ContentSniffer.looksTextual("name: Zoë\n\tage: 5\r\n\u001B[0m")).isTrue();
    }

    @Test
    void takesAnyNulAsBinary() {
        assertThat(ContentSniffer.looksTextual("a long and otherwise ordinary text with one \0 in it")).isFalse();
    }

    @Test
    void toleratesAStrayUndecodableByteInLongText() {
        String text = "x".repeat(200) + '\uFFFD';

        assertThat(ContentSniffer.looksTextual(text)).isTrue();
    }

    @Test
    void takesManyControlOrUndecodableCharactersAsBinary() {
        assertThat(ContentSniffer.looksTextual("\u0003\u0089\uFFFDab\u0001cd")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"a\":1}|JSON",
            "  \n[1,2]|JSON",
            "\uFEFF{\"a\":1}|JSON",
            "<?xml version=\"1.0\"?><a/>|XML",
            "\n<order><id>1</id></order>|XML",
            "a=1&b=%27x%27|FORM",
            "q=1+union+select&x=|FORM",
            "query { user(id: 1) { name } }|TEXT",
            "name: Anna|TEXT",
            "a=1 b=2|TEXT",
            "=value|TEXT",
            "a=1&&b|TEXT",
            "plain words|TEXT"})
    void guessesTheShapeOfText(String text, String shape) {
        assertThat(ContentSniffer.shape(text)).isEqualTo(Shape.valueOf(shape));
    }

    @Test
    void allowsAFormToEndWithALineEnd() {
        assertThat(ContentSniffer.shape("token=abc\r\n")).isEqualTo(Shape.FORM);
    }

    @Test
    void takesBlankTextAsText() {
        assertThat(ContentSniffer.shape(" \n")).isEqualTo(Shape.TEXT);
    }
}
