package dev.bulwark.core.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.config.BulwarkConfig;
import org.junit.jupiter.api.Test;

class RepeatOffendersTest {

    private static final String ATTACK = "/search?q=1%27%20UNION%20SELECT%20password%20FROM%20users--";

    private static Bulwark bulwark(String ban) {
        return Bulwark.create(BulwarkConfig.fromYaml("""
                rate-limits:
                  repeat-offenders: {blocks: 3, within: 1m, ban: %s}
                """.formatted(ban)));
    }

    private static HttpRequest from(String address, String target) {
        return HttpRequest.builder("GET", target).remoteAddress(address).build();
    }

    @Test
    void bansClientOnItsLastAllowedDenyRuleBlock() {
        Bulwark bulwark = bulwark("10m");
        assertThat(bulwark.evaluate(from("192.0.2.1", ATTACK)).blockType()).isEqualTo(BlockType.DENY);
        assertThat(bulwark.evaluate(from("192.0.2.1", ATTACK)).blockType()).isEqualTo(BlockType.DENY);

        Decision third = bulwark.evaluate(from("192.0.2.1", ATTACK));

        assertThat(third.blockType()).isEqualTo(BlockType.DENY);
        assertThat(third.findings()).extracting(Finding::ruleId).contains("REPEAT-OFFENDER-BAN");
    }

    @Test
    void refusesBannedClientsCleanRequestBeforeInspection() {
        Bulwark bulwark = bulwark("10m");
        for (int i = 0; i < 3; i++) {
            bulwark.evaluate(from("192.0.2.1", ATTACK));
        }

        Decision clean = bulwark.evaluate(from("192.0.2.1", "/home"));

        assertThat(clean.status()).isEqualTo(403);
        assertThat(clean.blockType()).isEqualTo(BlockType.REPEAT_OFFENDER);
        assertThat(clean.findings()).extracting(Finding::ruleId).containsExactly("REPEAT-OFFENDER-BANNED");
    }

    @Test
    void refusesBannedClientEvenWithAnUnparseableRequest() {
        Bulwark bulwark = bulwark("10m");
        for (int i = 0; i < 3; i++) {
            bulwark.evaluate(from("192.0.2.1", ATTACK));
        }

        Decision malformed = bulwark.evaluate(from("192.0.2.1", "/a?x=%zz"));

        assertThat(malformed.blockType()).isEqualTo(BlockType.REPEAT_OFFENDER);
    }

    @Test
    void leavesOtherClientsAlone() {
        Bulwark bulwark = bulwark("10m");
        for (int i = 0; i < 3; i++) {
            bulwark.evaluate(from("192.0.2.1", ATTACK));
        }

        assertThat(bulwark.evaluate(from("192.0.2.2", "/home")).allowed()).isTrue();
    }

    @Test
    void doesNotCountBlocksOtherThanDenyRules() {
        Bulwark bulwark = Bulwark.create(BulwarkConfig.fromYaml("""
                rate-limits:
                  repeat-offenders: {blocks: 1, within: 1m, ban: 10m}
                """));
        bulwark.evaluate(HttpRequest.builder("TRACE", "/").remoteAddress("192.0.2.1").build());

        assertThat(bulwark.evaluate(from("192.0.2.1", "/home")).allowed()).isTrue();
    }

    @Test
    void liftsTheBanWhenItIsOver() throws InterruptedException {
        Bulwark bulwark = bulwark("1s");
        for (int i = 0; i < 3; i++) {
            bulwark.evaluate(from("192.0.2.1", ATTACK));
        }
        assertThat(bulwark.evaluate(from("192.0.2.1", "/home")).blocked()).isTrue();

        Thread.sleep(1100);

        assertThat(bulwark.evaluate(from("192.0.2.1", "/home")).allowed()).isTrue();
    }
}
