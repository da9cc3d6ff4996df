package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code graphql:} changes the defaults: other paths, other limits, introspection allowed, or none of it. */
class GraphQlConfiguredOverHttpTest {

    @Nested
    class OtherPathsAndLimits extends FilterContainerTest {

        @Override
        BulwarkConfig config() {
            return BulwarkConfig.fromYaml("""
                    graphql:
                      paths: [/api/graphql]
                      max-depth: 3
                      introspection: true
                      mutations: false
                    """);
        }

        @Test
        void protectsTheConfiguredPathWithItsLimits() {
            byte[] deep = GraphQlOverHttpTest.request(GraphQlOverHttpTest.nested(4)).getBytes(StandardCharsets.UTF_8);
            assertThat(GraphQlOverHttpTest.refused(post("/api/graphql", "application/json", deep), 400))
                    .containsExactly("GRAPHQL-DEPTH@graphql:document");
        }

        @Test
        void allowsIntrospectionWhenConfigured() {
            byte[] body = GraphQlOverHttpTest.request("{ __schema { queryType { name } } }").getBytes(StandardCharsets.UTF_8);
            assertThat(post("/api/graphql", "application/json", body).statusCode()).isEqualTo(200);
        }

        @Test
        void refusesMutationsWhenConfigured() {
            byte[] body = GraphQlOverHttpTest.request("mutation { deletePet(id: 1) }").getBytes(StandardCharsets.UTF_8);
            assertThat(GraphQlOverHttpTest.refused(post("/api/graphql", "application/json", body), 403))
                    .containsExactly("GRAPHQL-MUTATION@graphql:document");
        }

        @Test
        void noLongerTreatsTheDefaultPathAsGraphQl() {
            byte[] deep = GraphQlOverHttpTest.request(GraphQlOverHttpTest.nested(12)).getBytes(StandardCharsets.UTF_8);
            assertThat(post("/graphql", "application/json", deep).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Disabled extends FilterContainerTest {

        @Override
        BulwarkConfig config() {
            return BulwarkConfig.fromYaml("graphql: {enabled: false}");
        }

        @Test
        void passesWhatTheDefaultsRefuse() {
            byte[] deep = GraphQlOverHttpTest.request(GraphQlOverHttpTest.nested(12)).getBytes(StandardCharsets.UTF_8);
            assertThat(post("/graphql", "application/json", deep).statusCode()).isEqualTo(200);
            assertThat(postForm("/graphql", form("q", "x")).statusCode()).isEqualTo(200);
        }
    }
}
