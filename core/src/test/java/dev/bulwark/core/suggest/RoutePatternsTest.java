package dev.bulwark.core.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoutePatternsTest {

    @Test
    void turnsNumericSegmentsIntoVariables() {
        assertThat(RoutePatterns.of("/orders/1234/items/7")).isEqualTo("/orders/{id}/items/{id2}");
    }

    @Test
    void turnsUuidsLongHexAndGeneratedTokensIntoVariables() {
        assertThat(RoutePatterns.of("/u/3f2504e0-4f89-11d3-9a0c-0305e82c3301")).isEqualTo("/u/{id}");
        assertThat(RoutePatterns.of("/blob/0123456789abcdef0123")).isEqualTo("/blob/{id}");
        assertThat(RoutePatterns.of("/s/E5VnzoVBuAjtiUhF1Wru1HwF7")).isEqualTo("/s/{id}");
    }

    @Test
    void keepsNamedSegmentsLiteral() {
        assertThat(RoutePatterns.of("/collect")).isEqualTo("/collect");
        assertThat(RoutePatterns.of("/api/v2/shopping-cart/")).isEqualTo("/api/v2/shopping-cart/");
        assertThat(RoutePatterns.of("/beef")).isEqualTo("/beef");
    }

    @Test
    void routesRawPathsAsContainersDo() {
        assertThat(RoutePatterns.ofRawPath("/pets;jsessionid=1/%37/./x/../photos?q=1")).isEqualTo("/pets/{id}/photos");
        assertThat(RoutePatterns.ofRawPath("//a//b")).isEqualTo("/a/b");
    }
}
