package dev.bulwark.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Mode;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The attributes checks publish during an inspection, as the decision receives them. */
class RequestInspectionAttributesTest {

    private final RequestInspection inspection = new RequestInspection(
            HttpRequest.builder("GET", "/").remoteAddress("127.0.0.1").build(), new ArrayList<>(), Mode.BLOCK);

    @Test
    void givesAnEmptyMapWhenNoCheckPublishedAny() {
        assertThat(inspection.attributes()).isEmpty();
        assertThat(inspection.attribute("bulwark.jwt.claims")).isNull();
    }

    @Test
    void keepsTheLastValuePublishedUnderAName() {
        inspection.attribute("bulwark.client.address", "192.0.2.1");
        inspection.attribute("bulwark.client.address", "192.0.2.7");

        assertThat(inspection.attribute("bulwark.client.address")).isEqualTo("192.0.2.7");
        assertThat(inspection.attributes()).containsExactly(Map.entry("bulwark.client.address", "192.0.2.7"));
    }

    @Test
    void keepsEveryAttributeWhenChecksPublishMany() {
        for (int i = 0; i < 10; i++) {
            inspection.attribute("a" + i, i);
        }

        assertThat(inspection.attributes()).hasSize(10).containsEntry("a0", 0).containsEntry("a9", 9);
        assertThat(inspection.attribute("a5")).isEqualTo(5);
    }

    @Test
    void givesAnImmutableMap() {
        inspection.attribute("bulwark.client.secure", true);

        assertThatThrownBy(() -> inspection.attributes().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }
}
