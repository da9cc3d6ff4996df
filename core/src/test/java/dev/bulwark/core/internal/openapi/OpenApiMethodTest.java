package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Violation;
import dev.bulwark.core.config.BulwarkConfig;
import org.junit.jupiter.api.Test;

/**
 * Methods OpenAPI cannot describe are outside the contract, like any undeclared method. The
 * method policy is opened up here ({@code allowed-methods: any}): by default it refuses such
 * methods first, but the contract must hold without it.
 */
class OpenApiMethodTest {

    private static final Bulwark BULWARK = Bulwark.create(BulwarkConfig.fromYaml("""
            allowed-methods: any
            openapi:
              specs: [{location: "classpath:openapi/petstore.yaml", base-path: /api}]
            """));

    @Test
    void blocksMethodOpenApiCannotDescribeWith405() {
        Decision decision = BULWARK.evaluate(HttpRequest.builder("PROPFIND", "/api/pets").build());

        assertThat(decision.status()).isEqualTo(405);
        assertThat(decision.blockType()).isEqualTo(BlockType.OPENAPI);
        assertThat(decision.findings()).extracting(Finding::ruleId).containsExactly("validation.request.operation.notAllowed");
        assertThat(decision.violations()).extracting(Violation::location).containsExactly("request");
    }

    @Test
    void leavesMethodOpenApiCannotDescribeAloneOutsideTheBasePath() {
        assertThat(BULWARK.evaluate(HttpRequest.builder("PROPFIND", "/dav/file").build()).allowed()).isTrue();
    }
}
