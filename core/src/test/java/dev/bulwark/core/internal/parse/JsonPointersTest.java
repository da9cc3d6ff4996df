package dev.bulwark.core.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.DecodingFlag;
import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.Limits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPointersTest {

    private final JsonBodyParser parser = new JsonBodyParser(Limits.defaults());

    @Test
    void reusesTheLocationsOfADocumentOfAShapeSeenBefore() throws Exception {
        String document = "{\"order\":{\"items\":[{\"sku\":\"A-1\"},{\"sku\":\"B-2\"},{\"sku\":\"C-3\"}],\"note\":\"n\"}}";

        List<RequestValue> first = parse(document);
        List<RequestValue> second = parse(document);

        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).location()).isSameAs(first.get(i).location());
        }
    }

    @Test
    void givesAKeySeenBeforeAsTheSameStringWithItsFlags() throws Exception {
        String document = "{\"currency\":\"CHF\",\"no\\u0001te\":\"x\"}";

        List<RequestValue> first = parse(document);
        List<RequestValue> second = parse(document);

        assertThat(second.get(0).raw()).isSameAs(first.get(0).raw()).isEqualTo("currency");
        assertThat(second.get(0).decoded()).isSameAs(second.get(0).raw());
        assertThat(second.get(0).flags()).isEmpty();
        assertThat(second.get(2).decoded()).isEqualTo("no\u0001te");
        assertThat(second.get(2).flags()).containsExactly(DecodingFlag.CONTROL_CHARACTER);
        assertThat(second.get(1).raw()).isEqualTo("CHF");
    }

    @Test
    void tellsMembersElementsAndParentsApart() {
        JsonPointers.Node items = JsonPointers.member(JsonPointers.ROOT, "items", true);
        JsonPointers.Node other = JsonPointers.member(JsonPointers.ROOT, "other", true);

        assertThat(JsonPointers.element(items, 0, true).pointer).isEqualTo("/items/0");
        assertThat(JsonPointers.element(items, 1, true).pointer).isEqualTo("/items/1");
        assertThat(JsonPointers.member(items, "0", true).pointer).isEqualTo("/items/0");
        assertThat(JsonPointers.member(items, "0", true)).isNotSameAs(JsonPointers.element(items, 0, true));
        assertThat(JsonPointers.element(other, 0, true).pointer).isEqualTo("/other/0");
    }

    @Test
    void escapesTildeAndSlashInKeysAsRfc6901Says() {
        JsonPointers.Node node = JsonPointers.member(JsonPointers.ROOT, "a/b~c", true);

        assertThat(node.pointer).isEqualTo("/a~1b~0c");
        assertThat(JsonPointers.member(JsonPointers.ROOT, "a/b~c", true)).isSameAs(node);
    }

    @Test
    void givesTheNameAndValueLocationsOfThePointer() {
        JsonPointers.Node node = JsonPointers.member(JsonPointers.ROOT, "name", true);

        assertThat(node.nameLocation).isEqualTo(Location.name(Source.JSON, "/name"));
        assertThat(node.valueLocation).isEqualTo(Location.value(Source.JSON, "/name"));
    }

    @Test
    void buildsButDoesNotKeepAPointerLongerThanTheLimit() {
        String key = "k".repeat(JsonPointers.MAX_INTERNED);

        JsonPointers.Node first = JsonPointers.member(JsonPointers.ROOT, key, true);
        JsonPointers.Node second = JsonPointers.member(JsonPointers.ROOT, key, true);

        assertThat(first.pointer).isEqualTo("/" + key);
        assertThat(second).isNotSameAs(first).usingRecursiveComparison().isEqualTo(first);
    }

    @Test
    void keepsFindingTheRightPointerWhenManyKeysShareItsSlots() {
        // Far more keys than slots: every lookup still answers with the pointer asked for.
        for (int i = 0; i < 4 * JsonPointers.SLOTS; i++) {
            String key = "key" + i;
            assertThat(JsonPointers.member(JsonPointers.ROOT, key, true).pointer).isEqualTo("/" + key);
        }
    }

    @Test
    void buildsThePointersOfALargeDocumentPastWhatItLooksUp() throws Exception {
        StringBuilder document = new StringBuilder("{\"rows\":[");
        int rows = JsonPointers.PER_DOCUMENT;
        for (int i = 0; i < rows; i++) {
            document.append(i == 0 ? "" : ",").append("{\"k\":\"v\"}");
        }
        List<RequestValue> values = parse(document.append("]}").toString());

        assertThat(values).hasSize(1 + 2 * rows);
        assertThat(values.get(values.size() - 1).location())
                .isEqualTo(Location.value(Source.JSON, "/rows/" + (rows - 1) + "/k"));
        assertThat(values.get(values.size() - 2).location())
                .isEqualTo(Location.name(Source.JSON, "/rows/" + (rows - 1) + "/k"));
    }

    private List<RequestValue> parse(String document) throws Exception {
        List<RequestValue> values = new ArrayList<>();
        parser.parse(ByteBuffer.wrap(document.getBytes(StandardCharsets.UTF_8)), values::add);
        return values;
    }
}
