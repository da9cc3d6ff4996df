package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpRequestTest {

    @Test
    void mediaTypeIsTheLowerCaseTypeWithoutParametersOnEveryCall() {
        HttpRequest json = HttpRequest.builder("POST", "/").header("Content-Type", " Application/JSON ; charset=utf-8").build();

        assertThat(json.mediaType()).isEqualTo("application/json");
        assertThat(json.mediaType()).isEqualTo("application/json");
    }

    @Test
    void mediaTypeIsNullOnEveryCallWithoutContentType() {
        HttpRequest none = HttpRequest.builder("POST", "/").build();

        assertThat(none.mediaType()).isNull();
        assertThat(none.mediaType()).isNull();
    }

    @Test
    void mediaTypeIsEmptyForAnEmptyContentType() {
        HttpRequest empty = HttpRequest.builder("POST", "/").header("Content-Type", "").build();

        assertThat(empty.mediaType()).isEmpty();
        assertThat(empty.mediaType()).isEmpty();
    }
}
