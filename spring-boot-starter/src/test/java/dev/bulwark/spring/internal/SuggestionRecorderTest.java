package dev.bulwark.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.HandlerMapping;

class SuggestionRecorderTest {

    @Test
    void readsTheAttributeSpringMvcSetsForTheMatchedPattern() {
        assertThat(SuggestionRecorder.BEST_MATCHING_PATTERN).isEqualTo(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    }
}
