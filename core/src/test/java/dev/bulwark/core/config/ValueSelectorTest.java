package dev.bulwark.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Location;
import dev.bulwark.core.Source;
import org.junit.jupiter.api.Test;

class ValueSelectorTest {

    @Test
    void pathParameterSelectorMatchesTheDecodedParametersOfASegment() {
        ValueSelector selector = ConfigLoader.fromYaml("""
                deny-rules:
                  exceptions:
                    - path-parameter: {prefix: "jsessionid="}
                """).denyRules().exceptions().get(0).selector();

        assertThat(selector.kind()).isEqualTo(ValueSelector.Kind.PATH_PARAMETER);
        assertThat(selector.selects(Location.value(Source.PATH_PARAMETER, "1"), "jsessionid=0A1B")).isTrue();
        assertThat(selector.selects(Location.value(Source.PATH_PARAMETER, "1"), "v=1")).isFalse();
        assertThat(selector.selects(Location.value(Source.PATH_SEGMENT, "1"), "jsessionid=0A1B")).isFalse();
        assertThat(selector.selects(Location.value(Source.QUERY, "jsessionid"), "jsessionid=0A1B")).isFalse();
    }
}
