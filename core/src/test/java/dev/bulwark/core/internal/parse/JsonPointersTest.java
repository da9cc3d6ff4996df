package dev.bulwark.core.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.bulwark.core.Component;
import dev.bulwark.core.DecodingFlag;
import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.Limits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
        JsonPointers.Node items = JsonPointers.member(JsonPointers.ROOT, "items", true, null);
        JsonPointers.Node other = JsonPointers.member(JsonPointers.ROOT, "other", true, null);

        assertThat(JsonPointers.element(items, 0, true, null).pointer).isEqualTo("/items/0");
        assertThat(JsonPointers.element(items, 1, true, null).pointer).isEqualTo("/items/1");
        assertThat(JsonPointers.member(items, "0", true, null).pointer).isEqualTo("/items/0");
        assertThat(JsonPointers.member(items, "0", true, null)).isNotSameAs(JsonPointers.element(items, 0, true, null));
        assertThat(JsonPointers.element(other, 0, true, null).pointer).isEqualTo("/other/0");
    }

    @Test
    void escapesTildeAndSlashInKeysAsRfc6901Says() {
        JsonPointers.Node node = JsonPointers.member(JsonPointers.ROOT, "a/b~c", true, null);

        assertThat(node.pointer).isEqualTo("/a~1b~0c");
        assertThat(JsonPointers.member(JsonPointers.ROOT, "a/b~c", true, null)).isSameAs(node);
    }

    @Test
    void givesTheNameAndValueLocationsOfThePointer() {
        JsonPointers.Node node = JsonPointers.member(JsonPointers.ROOT, "name", true, null);

        assertThat(node.nameLocation).isEqualTo(Location.name(Source.JSON, "/name"));
        assertThat(node.valueLocation).isEqualTo(Location.value(Source.JSON, "/name"));
    }

    @Test
    void buildsButDoesNotKeepAPointerLongerThanTheLimit() {
        String key = "k".repeat(JsonPointers.MAX_INTERNED);

        JsonPointers.Node first = JsonPointers.member(JsonPointers.ROOT, key, true, null);
        JsonPointers.Node second = JsonPointers.member(JsonPointers.ROOT, key, true, null);

        assertThat(first.pointer).isEqualTo("/" + key);
        assertThat(second).isNotSameAs(first).usingRecursiveComparison().isEqualTo(first);
    }

    @Test
    void keepsFindingTheRightPointerWhenManyKeysShareItsSlots() {
        // Far more keys than slots: every lookup still answers with the pointer asked for.
        for (int i = 0; i < 4 * JsonPointers.SLOTS; i++) {
            String key = "key" + i;
            assertThat(JsonPointers.member(JsonPointers.ROOT, key, true, null).pointer).isEqualTo("/" + key);
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

    @Test
    void takesThePointerThatFollowedLastTimeOnlyWhenItIsTheOneAskedFor() {
        JsonPointers.Node a = JsonPointers.member(JsonPointers.ROOT, "a", true, null);
        JsonPointers.Node b = JsonPointers.member(JsonPointers.ROOT, "b", true, a);
        JsonPointers.Node list = JsonPointers.member(JsonPointers.ROOT, "list", true, null);
        JsonPointers.Node first = JsonPointers.element(list, 0, true, list);

        assertThat(JsonPointers.member(JsonPointers.ROOT, "b", true, a)).isSameAs(b);
        assertThat(JsonPointers.member(a, "b", true, a).pointer).isEqualTo("/a/b");
        assertThat(JsonPointers.member(JsonPointers.ROOT, "c", true, a).pointer).isEqualTo("/c");
        assertThat(JsonPointers.element(list, 0, true, list)).isSameAs(first);
        assertThat(JsonPointers.element(list, 1, true, list).pointer).isEqualTo("/list/1");
        assertThat(JsonPointers.member(list, "0", true, list).pointer).isEqualTo("/list/0");
        assertThat(JsonPointers.element(a, 0, true, list).pointer).isEqualTo("/a/0");
    }

    @Test
    void namesEveryValueRightInDocumentsOfChangingShapes() throws Exception {
        // Few keys, so that the pointer noted after another is often a near miss: same key, other
        // parent; same parent, other key; an element where a member was.
        Random random = new Random(20261208);
        ObjectMapper json = new ObjectMapper();
        for (int sample = 0; sample < 3_000; sample++) {
            String document = json.writeValueAsString(randomNode(random, json, 0));

            List<String> parsed = new ArrayList<>();
            for (RequestValue value : parse(document)) {
                parsed.add(value.location().component() + " " + value.location().name() + "=" + value.decoded());
            }

            assertThat(parsed).as(document).isEqualTo(expectedValues(json.readTree(document), ""));
        }
    }

    private static JsonNode randomNode(Random random, ObjectMapper json, int depth) {
        int kind = depth >= 3 ? 2 : random.nextInt(3);
        if (kind == 0) {
            ObjectNode object = json.createObjectNode();
            for (String key : new String[] {"a", "b", "0", "1"}) {
                if (random.nextBoolean()) {
                    object.set(key, randomNode(random, json, depth + 1));
                }
            }
            return object;
        }
        if (kind == 1) {
            ArrayNode array = json.createArrayNode();
            for (int i = random.nextInt(4); i > 0; i--) {
                array.add(randomNode(random, json, depth + 1));
            }
            return array;
        }
        return random.nextInt(4) == 0 ? IntNode.valueOf(random.nextInt(9)) : TextNode.valueOf("v" + random.nextInt(9));
    }

    /** Names and string values of {@code node} in document order, as the parser reports them. */
    private static List<String> expectedValues(JsonNode node, String pointer) {
        List<String> values = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String member = pointer + "/" + field.getKey();
                values.add(Component.NAME + " " + member + "=" + field.getKey());
                values.addAll(expectedValues(field.getValue(), member));
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                values.addAll(expectedValues(node.get(i), pointer + "/" + i));
            }
        } else if (node.isTextual()) {
            values.add(Component.VALUE + " " + pointer + "=" + node.textValue());
        }
        return values;
    }

    private List<RequestValue> parse(String document) throws Exception {
        List<RequestValue> values = new ArrayList<>();
        parser.parse(ByteBuffer.wrap(document.getBytes(StandardCharsets.UTF_8)), values::add);
        return values;
    }
}
