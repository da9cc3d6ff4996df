package dev.bulwark.core.internal.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.rules.BenignValues;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Public keys and templates named after a secret (id_rsa.pub, ~/.ssh/id_ed25519-cert.pub, .env.example, .env.dist, wp-config.php.sample): files made to be shared: each must pass the engine at its default level in a query, a form, a JSON body
 * and a header. Their attack look-alikes stay blocked in a query: the secrets themselves, their other variants and backups, and any traversal to them (PATH).
 *
 * <p>The benign values are in {@code path/sensitive-file-variants.tsv} (see {@link BenignValues}).
 */
class SensitiveFileBenignValuesTest {

    static List<Arguments> benignValues() {
        return BenignValues.read("/path/sensitive-file-variants.tsv");
    }

    static List<String> attacks() {
        return List.of(
            ".env",
            ".env.local",
            ".env.production",
            ".env.bak",
            ".env~",
            ".env.swp",
            ".env.example.bak",
            ".env.sample~",
            "id_rsa",
            "id_ed25519",
            "id_rsa~",
            "id_rsa.bak",
            "id_rsa.pub.bak",
            "../.ssh/id_rsa",
            "~/.ssh/id_rsa",
            "/root/.ssh/id_ed25519",
            "/home/deploy/.ssh/id_rsa",
            "../../.ssh/id_rsa.pub",
            "../.env.example",
            "..\\..\\.env.example",
            "..%2f..%2f.ssh%2fid_rsa.pub",
            "%2e%2e/%2e%2e/.env.sample",
            ".env%00.example",
            ".env;.example",
            "..%c0%af.env.example",
            "C:\\Users\\alice\\.ssh\\id_rsa",
            "/etc/passwd",
            ".ssh/id_rsa",
            "/etc/passwd%00x.pub",
            "/etc/passwd$IFS.pub",
            ".git/hooks/pre-commit.sample",
            "WEB-INF/classes/app.properties.template");
    }

    @Test
    void holdsThirtyBenignValuesAndTwentyAttacks() {
        assertThat(benignValues()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(attacks()).hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("benignValues")
    void allowsPublicKeyOrTemplateInEverySource(String kind, String value) {
        assertThat(BenignValues.blockingRules(value)).as(value).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void keepsSecretBackupOrTraversalBlocked(String value) {
        assertThat(BenignValues.blockingRulesInQuery(value)).as(value).isNotEmpty();
    }
}
