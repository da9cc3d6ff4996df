package dev.bulwark.test;

import static dev.bulwark.test.BulwarkAssertions.assertThat;
import static dev.bulwark.test.TestRequest.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.config.BulwarkConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphQlTestKitTest {

    private final BulwarkTester tester = BulwarkTester.of(BulwarkConfig.defaults());

    @Test
    void writesAGraphQlRequestAsJson() {
        byte[] body = new byte[post("/graphql").graphql("query($id: ID!){ pet(id: $id){ name } }", Map.of("id", "7"))
                .build().bodyLength()];
        post("/graphql").graphql("query($id: ID!){ pet(id: $id){ name } }", Map.of("id", "7")).build().body().get(body);
        assertThat(new String(body, StandardCharsets.UTF_8))
                .isEqualTo("{\"query\":\"query($id: ID!){ pet(id: $id){ name } }\",\"variables\":{\"id\":\"7\"}}");
    }

    @Test
    void passesAnOrdinaryQuery() {
        assertThat(tester.evaluate(post("/graphql").graphql("query($id: ID!){ pet(id: $id){ name tags } }",
                Map.of("id", "7")))).isAllowed().hasNoGraphQlViolation().hasNoFindings();
    }

    @Test
    void assertsAGraphQlViolation() {
        assertThat(tester.evaluate(post("/graphql").graphql("{ __schema { types { name } } }")))
                .isBlocked().hasGraphQlViolation("GRAPHQL-INTROSPECTION").hasViolation("graphql:document").hasStatus(403);
    }

    @Test
    void assertsAnAttackInANestedVariable() {
        assertThat(tester.evaluate(post("/graphql").graphql("mutation($in: PetInput!){ addPet(input: $in){ id } }",
                Map.of("in", Map.of("tags", List.of("ok", "<svg onload=alert(1)>"))))))
                .isBlockedBy("XSS").hasNoGraphQlViolation();
    }

    @Test
    void failsWhenTheGraphQlViolationIsMissing() {
        assertThatThrownBy(() -> assertThat(tester.evaluate(post("/graphql").graphql("{ pets { name } }")))
                .hasGraphQlViolation("GRAPHQL-DEPTH"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("GRAPHQL-DEPTH");
    }
}
