package dev.bulwark.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoutingPathTest {

    @Test
    void foldsCaseTrailingDotsSpacesAndSlash() {
        assertThat(RoutingPath.of("/Admin./X /").folded()).isEqualTo("/admin/x");
        assertThat(RoutingPath.of("/admin../x").folded()).isEqualTo("/admin/x");
    }

    @Test
    void keepsAPathThatFoldingLeavesAsItIs() {
        assertThat(RoutingPath.of("/api/v1/orders").folded()).isEqualTo("/api/v1/orders");
        assertThat(RoutingPath.of("/files/report.pdf/x").folded()).isEqualTo("/files/report.pdf/x");
        assertThat(RoutingPath.of("/caf\u00e9/a b").folded()).isEqualTo("/caf\u00e9/a b");
        assertThat(RoutingPath.of("").folded()).isEmpty();
    }

    @Test
    void foldsNonAsciiCaseAndADotOrSpaceAtTheEnd() {
        assertThat(RoutingPath.of("/CAF\u00c9").folded()).isEqualTo("/caf\u00e9");
        assertThat(RoutingPath.of("/report.").folded()).isEqualTo("/report");
        assertThat(RoutingPath.of("/a /b").folded()).isEqualTo("/a/b");
        assertThat(RoutingPath.of("/a/").folded()).isEqualTo("/a");
    }

    @Test
    void keepsTheRootAndSegmentsOfDotsOnly() {
        assertThat(RoutingPath.of("/").folded()).isEqualTo("/");
        assertThat(RoutingPath.of("/.../x").folded()).isEqualTo("/.../x");
    }

    @Test
    void matchesARequirementInEveryLenientSpelling() {
        StringMatcher admin = StringMatcher.prefix("/admin/");

        assertThat(RoutingPath.of("/admin/x").matchesAnySpelling(admin)).isTrue();
        assertThat(RoutingPath.of("/ADMIN/x").matchesAnySpelling(admin)).isTrue();
        assertThat(RoutingPath.of("/admin./x").matchesAnySpelling(admin)).isTrue();
        assertThat(RoutingPath.of("/admin /x").matchesAnySpelling(admin)).isTrue();
    }

    @Test
    void matchesAnExactPathWithATrailingSlash() {
        assertThat(RoutingPath.of("/search/").matchesAnySpelling(StringMatcher.exact("/search"))).isTrue();
    }

    @Test
    void doesNotStretchAPrefixToOtherNames() {
        StringMatcher admin = StringMatcher.prefix("/admin/");

        assertThat(RoutingPath.of("/administrator/x").matchesAnySpelling(admin)).isFalse();
        assertThat(RoutingPath.of("/admin").matchesAnySpelling(admin)).isFalse();
    }

    @Test
    void exactConditionKeepsCaseAndTrailingSlash() {
        RequestCondition condition = new RequestCondition(StringMatcher.prefix("/admin/"), java.util.Set.of(),
                java.util.List.of(), java.util.List.of());

        assertThat(condition.matches("/ADMIN/x", "GET", null, "10.0.0.1")).isFalse();
        assertThat(condition.matchesAnySpelling(RoutingPath.of("/ADMIN/x"), "GET", null, "10.0.0.1")).isTrue();
    }
}
