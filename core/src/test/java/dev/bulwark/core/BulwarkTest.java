package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.config.Limits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulwarkTest {

    private static final Check BLOCKS_X_ATTACK_HEADER = new Check() {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public void inspect(Inspection inspection) {
            if (inspection.request().headers().contains("X-Attack")) {
                inspection.report(new Finding("TEST", "TEST-1", "test rule", Location.value(Source.HEADER, "X-Attack"),
                        "", Level.BASIC, Mode.BLOCK, BlockType.DENY, 403));
            }
        }
    };

    /** A check with a bug: it throws on every request. */
    private static final Check FAILING = new Check() {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public void inspect(Inspection inspection) {
            throw new IllegalStateException("boom");
        }
    };

    private static HttpRequest get(String target) {
        return HttpRequest.builder("GET", target).remoteAddress("127.0.0.1").build();
    }

    @Test
    void allowsPlainRequest() {
        Decision decision = Bulwark.create(BulwarkConfig.defaults()).evaluate(get("/orders?id=5"));
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.findings()).isEmpty();
        assertThat(decision.incidentId()).hasSize(16);
    }

    @Test
    void blocksBodyOverLimitWith413() {
        BulwarkConfig config = BulwarkConfig.custom().limits(Limits.custom().bodySize(10).build()).build();
        HttpRequest request = HttpRequest.builder("POST", "/upload").body(new byte[11]).build();
        Decision decision = Bulwark.create(config).evaluate(request);
        assertThat(decision.blocked()).isTrue();
        assertThat(decision.status()).isEqualTo(413);
        assertThat(decision.blockType()).isEqualTo(BlockType.LIMIT);
        assertThat(decision.findings().get(0).ruleId()).isEqualTo("LIMIT-BODY-SIZE");
    }

    @Test
    void blocksTruncatedBodyAsOversized() {
        HttpRequest request = HttpRequest.builder("POST", "/upload").body(new byte[1]).bodyTruncated(true).build();
        assertThat(Bulwark.create(BulwarkConfig.defaults()).evaluate(request).status()).isEqualTo(413);
    }

    @Test
    void blocksLongPathWith414() {
        BulwarkConfig config = BulwarkConfig.custom().limits(Limits.custom().pathLength(8).build()).build();
        assertThat(Bulwark.create(config).evaluate(get("/123456789")).status()).isEqualTo(414);
    }

    @Test
    void blocksTooManyHeadersWith431() {
        BulwarkConfig config = BulwarkConfig.custom().limits(Limits.custom().headerCount(2).build()).build();
        HttpRequest request = HttpRequest.builder("GET", "/").header("A", "1").header("B", "2").header("C", "3").build();
        assertThat(Bulwark.create(config).evaluate(request).status()).isEqualTo(431);
    }

    @Test
    void customCheckBlocks() {
        Bulwark bulwark = Bulwark.builder(BulwarkConfig.defaults()).check(BLOCKS_X_ATTACK_HEADER).build();
        HttpRequest request = HttpRequest.builder("GET", "/").header("X-Attack", "1").build();
        Decision decision = bulwark.evaluate(request);
        assertThat(decision.blocked()).isTrue();
        assertThat(decision.status()).isEqualTo(403);
    }

    @Test
    void logOnlyModeLetsBlockingFindingPass() {
        Bulwark bulwark = Bulwark.builder(ConfigLoader.fromYaml("mode: log-only")).check(BLOCKS_X_ATTACK_HEADER).build();
        Decision decision = bulwark.evaluate(HttpRequest.builder("GET", "/").header("X-Attack", "1").build());
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.findings()).singleElement().extracting(Finding::mode).isEqualTo(Mode.LOG_ONLY);
    }

    @Test
    void routeModeOverridesGlobalMode() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                routes:
                  - when: {path: {prefix: /try/}}
                    mode: log-only
                """);
        Bulwark bulwark = Bulwark.builder(config).check(BLOCKS_X_ATTACK_HEADER).build();
        assertThat(bulwark.evaluate(HttpRequest.builder("GET", "/try/x").header("X-Attack", "1").build()).allowed()).isTrue();
        assertThat(bulwark.evaluate(HttpRequest.builder("GET", "/other").header("X-Attack", "1").build()).blocked()).isTrue();
    }

    @Test
    void failingCheckBlocksRequest() {
        Decision decision = Bulwark.builder(BulwarkConfig.defaults()).check(FAILING).build().evaluate(get("/"));
        assertThat(decision.blocked()).isTrue();
        assertThat(decision.blockType()).isEqualTo(BlockType.INTERNAL);
        assertThat(decision.status()).isEqualTo(503);
    }

    @Test
    void failingCheckBlocksEvenInLogOnlyMode() {
        Decision decision = Bulwark.builder(ConfigLoader.fromYaml("mode: log-only")).check(FAILING).build().evaluate(get("/"));
        assertThat(decision.blocked()).isTrue();
        assertThat(decision.status()).isEqualTo(503);
    }

    @Test
    void incidentIdsDiffer() {
        Bulwark bulwark = Bulwark.create(BulwarkConfig.defaults());
        assertThat(bulwark.evaluate(get("/")).incidentId()).isNotEqualTo(bulwark.evaluate(get("/")).incidentId());
    }

    @Test
    void givesChecksTheClientAsATrustedProxyForwardedIt() {
        List<Client> seen = new ArrayList<>();
        Check recording = new Check() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public void inspect(Inspection inspection) {
                seen.add(inspection.client());
            }
        };
        BulwarkConfig config = ConfigLoader.fromYaml("""
                client-ip:
                  source: x-forwarded-for
                  trusted-proxies: [10.0.0.0/8]
                """);
        HttpRequest request = HttpRequest.builder("GET", "/").remoteAddress("10.0.0.2")
                .header("X-Forwarded-For", "198.51.100.7").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "shop.example.com").build();

        Bulwark.builder(config).check(recording).build().evaluate(request);

        assertThat(seen).containsExactly(new Client("10.0.0.2", "198.51.100.7", true, "shop.example.com", true));
    }
}
