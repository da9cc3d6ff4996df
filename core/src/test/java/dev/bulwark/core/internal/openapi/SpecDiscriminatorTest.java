package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.networknt.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code discriminator} in the compiled body schemas: the validator's rules (the value present,
 * naming a schema that extends the discriminating one or one the mapping names, and the body valid
 * against it), each failure one violation at the object, and no loop through the schema that
 * extends the one it was selected by.
 */
class SpecDiscriminatorTest {

    static final String SPEC = read("/openapi/pets-discriminator.yaml");

    /** Objects open, so that only the discriminator decides. */
    private static final JsonBodySchemas OPEN = new JsonBodySchemas(SPEC, "", false, true);
    private static final JsonBodySchemas CLOSED = new JsonBodySchemas(SPEC, "", true, true);

    static String read(String resource) {
        try (InputStream in = SpecDiscriminatorTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> violations(JsonBodySchemas bodies, String path, String json) {
        Request request = new SimpleRequest.Builder("POST", path).withContentType("application/json").build();
        Schema schema = bodies.schemaFor(path, request.getMethod(), request, true);
        assertThat(schema).as("compiled schema of %s", path).isNotNull();
        List<String> found = new ArrayList<>();
        for (JsonBodySchemas.BodyViolation violation : JsonBodySchemas.validate(schema, json.getBytes(StandardCharsets.UTF_8))) {
            found.add(violation.key().substring("validation.request.body.schema.".length()) + "@" + violation.pointer());
        }
        return found;
    }

    @Test
    void allowsBodyValidAgainstTheSchemaItsValueMaps() {
        assertThat(violations(OPEN, "/pets", "{\"petType\":\"Dog\",\"name\":\"Rex\",\"bark\":true}")).isEmpty();
        assertThat(violations(OPEN, "/dogs", "{\"petType\":\"Dog\",\"name\":\"Rex\",\"bark\":true}")).isEmpty();
    }

    @Test
    void allowsValueNamingASchemaThatExtendsTheDiscriminatingOne() {
        assertThat(violations(OPEN, "/pets", "{\"petType\":\"Cat\",\"lives\":7}")).isEmpty();
    }

    @Test
    void blocksBodyInvalidAgainstTheSelectedSchemaAsOneDiscriminatorViolation() {
        assertThat(violations(OPEN, "/pets", "{\"petType\":\"Cat\",\"lives\":10}")).containsExactly("discriminator@/");
        assertThat(violations(OPEN, "/pets", "{\"petType\":\"Dog\",\"bark\":\"loud\"}")).containsExactly("discriminator@/");
    }

    @Test
    void blocksMissingEmptyOrNonTextDiscriminatingValue() {
        assertThat(violations(OPEN, "/pets", "{\"name\":\"Rex\"}")).containsExactly("discriminator@/", "required@/");
        assertThat(violations(OPEN, "/pets", "{\"petType\":\"\"}")).containsExactly("discriminator@/");
        assertThat(violations(OPEN, "/pets", "{\"petType\":5}")).containsExactly("discriminator@/", "type@/petType");
    }

    @Test
    void blocksValueThatNamesNoSchemaOfTheHierarchy() {
        assertThat(violations(OPEN, "/pets", "{\"petType\":\"Unicorn\"}")).containsExactly("discriminator@/");
        assertThat(violations(OPEN, "/pets", "{\"petType\":\"Pet\"}")).containsExactly("discriminator@/");
        // Snake is reachable only through the mapping's own value.
        assertThat(violations(OPEN, "/pets", "{\"petType\":\"Snake\",\"kind\":\"python\"}")).containsExactly("discriminator@/");
    }

    @Test
    void followsTheMappingToASchemaByName() {
        assertThat(violations(OPEN, "/pets", "{\"petType\":\"Serpent\",\"kind\":\"python\"}")).isEmpty();
        assertThat(violations(OPEN, "/pets", "{\"petType\":\"Serpent\"}")).containsExactly("discriminator@/");
    }

    @Test
    void reportsTheViolationInsideTheAllOfThatReachesIt() {
        assertThat(violations(OPEN, "/dogs", "{\"petType\":\"Cat\",\"lives\":10}")).containsExactly("allOf@/");
    }

    @Test
    void reportsEachDiscriminatedItemWhereItIs() {
        assertThat(violations(OPEN, "/shelters", "{\"pets\":[{\"petType\":\"Dog\"},{\"petType\":\"Cat\",\"lives\":10},{}]}"))
                .containsExactly("discriminator@/pets/1", "discriminator@/pets/2", "required@/pets/2");
    }

    @Test
    void leavesTheChoiceToOneOfBesideIt() {
        assertThat(violations(OPEN, "/either", "{\"kind\":\"Lizard\",\"length\":3}")).isEmpty();
        assertThat(violations(OPEN, "/either", "{\"length\":3}")).containsExactly("discriminator@/", "oneOf@/");
    }

    @Test
    void keepsObjectsClosedInsideTheSelectedSchemaByDefault() {
        // As the validator treats allOf: each part admits only the members it lists.
        assertThat(violations(CLOSED, "/pets", "{\"petType\":\"Dog\",\"bark\":true}")).containsExactly("discriminator@/");
    }

    @Test
    void checksManyDiscriminatedValuesInBoundedTime() {
        StringBuilder json = new StringBuilder("{\"pets\":[");
        for (int i = 0; i < 100; i++) {
            json.append(i == 0 ? "" : ",").append(i % 2 == 0 ? "{\"petType\":\"Dog\",\"bark\":true}" : "{\"petType\":\"Cat\",\"lives\":3}");
        }
        json.append("]}");
        violations(OPEN, "/shelters", json.toString());

        long start = System.nanoTime();
        assertThat(violations(OPEN, "/shelters", json.toString())).isEmpty();
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
}
