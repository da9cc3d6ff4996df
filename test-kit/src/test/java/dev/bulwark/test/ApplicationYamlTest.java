package dev.bulwark.test;

import static dev.bulwark.test.BulwarkAssertions.assertThat;
import static dev.bulwark.test.TestRequest.get;
import static dev.bulwark.test.TestRequest.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Level;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code bulwark:} section of an {@code application.yml}, read as the starter would see it. */
class ApplicationYamlTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void readsTheBulwarkSectionOfTheServicesApplicationYaml() {
        BulwarkTester bulwark = BulwarkTester.ofApplicationYaml("classpath:application.yml");

        assertThat(bulwark.config().mode()).isEqualTo(Mode.BLOCK);
        assertThat(bulwark.evaluate(get("/notes?debug=1"))).isBlockedBy("DEBUG").isBlockedBy("NO-DEBUG");
        assertThat(bulwark.evaluate(post("/notes").json("{\"text\":\"<span style=\\\"color: red\\\">hi</span>\"}"))).isAllowed();
        assertThat(bulwark.evaluate(post("/notes").json("{\"title\":\"<span style=\\\"color: red\\\">hi</span>\"}")))
                .isBlockedBy("XSS-STYLE-ATTRIBUTE");
        assertThat(bulwark.evaluate(get("/admin/stats"))).hasStatus(401).isBlockedBy("JWT-MISSING");
        String token = TestToken.builder().issuer("https://idp.test").audience("notes").scope("notes:admin").signWithSecret(SECRET);
        assertThat(bulwark.evaluate(get("/admin/stats").bearer(token))).isAllowed();
    }

    @Test
    void addsTheDocumentsOfActiveProfiles() {
        assertThat(BulwarkTester.ofApplicationYaml("classpath:application.yml", "audit").config().mode()).isEqualTo(Mode.LOG_ONLY);
        assertThat(BulwarkTester.ofApplicationYaml("classpath:application.yml", "other").config().mode()).isEqualTo(Mode.BLOCK);
    }

    @Test
    void readsDottedKeysListsOfProfilesAndLaterDocumentsOverEarlierOnes() throws Exception {
        Path file = write("""
                bulwark.deny-rules.level: basic
                bulwark:
                  limits: {body-size: 2KB}
                ---
                spring:
                  config:
                    activate:
                      on-profile: [dev, local]
                bulwark:
                  deny-rules: {level: strict}
                """);

        BulwarkTester plain = BulwarkTester.ofApplicationYaml(file.toString());
        BulwarkTester local = BulwarkTester.ofApplicationYaml("file:" + file, "local");

        assertThat(plain.config().denyRules().level()).isEqualTo(Level.BASIC);
        assertThat(plain.config().limits().bodySize()).isEqualTo(2048);
        assertThat(local.config().denyRules().level()).isEqualTo(Level.STRICT);
        assertThat(local.config().limits().bodySize()).isEqualTo(2048);
    }

    @Test
    void ignoresWhatConcernsOnlyTheStarter() throws Exception {
        Path file = write("""
                bulwark:
                  enabled: true
                  filter-order: -5
                  mode: log-only
                """);

        assertThat(BulwarkTester.ofApplicationYaml(file.toString()).config().mode()).isEqualTo(Mode.LOG_ONLY);
    }

    @Test
    void yieldsTheDefaultsWithoutABulwarkSection() throws Exception {
        Path file = write("server:\n  port: 8081\n");

        assertThat(BulwarkTester.ofApplicationYaml(file.toString()).config().denyRules().level()).isEqualTo(Level.STANDARD);
    }

    @Test
    void followsTheConfigFile() throws Exception {
        Files.writeString(dir.resolve("bulwark.yaml"), "mode: log-only\n");
        Path file = write("bulwark:\n  config-file: " + dir.resolve("bulwark.yaml") + "\n");
        Path mixed = write("bulwark:\n  config-file: classpath:bulwark-test.yaml\n  mode: block\n");

        assertThat(BulwarkTester.ofApplicationYaml(file.toString()).config().mode()).isEqualTo(Mode.LOG_ONLY);
        assertThatThrownBy(() -> BulwarkTester.ofApplicationYaml(mixed.toString()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("bulwark.config-file: cannot be combined with other Bulwark properties; found [bulwark.mode]");
    }

    @Test
    void resolvesPlaceholdersFromSystemPropertiesOrTheirDefaults() throws Exception {
        Path file = write("bulwark:\n  mode: ${notes.test.mode:block}\n");

        assertThat(BulwarkTester.ofApplicationYaml(file.toString()).config().mode()).isEqualTo(Mode.BLOCK);
        System.setProperty("notes.test.mode", "log-only");
        try {
            assertThat(BulwarkTester.ofApplicationYaml(file.toString()).config().mode()).isEqualTo(Mode.LOG_ONLY);
        } finally {
            System.clearProperty("notes.test.mode");
        }
        Path unresolved = write("bulwark:\n  mode: ${no.such.property.anywhere}\n");
        assertThatThrownBy(() -> BulwarkTester.ofApplicationYaml(unresolved.toString()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("bulwark.mode: ").hasMessageContaining("'no.such.property.anywhere'");
    }

    @Test
    void namesThePropertyOfABadValue() throws Exception {
        Path file = write("bulwark:\n  deny-rules:\n    level: paranoid\n");
        Path unknown = write("bulwark:\n  denyRulez:\n    level: strict\n");

        assertThatThrownBy(() -> BulwarkTester.ofApplicationYaml(file.toString()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("bulwark.deny-rules.level: unknown value 'paranoid'");
        assertThatThrownBy(() -> BulwarkTester.ofApplicationYaml(unknown.toString()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("bulwark.denyrulez.level: unknown key 'denyRulez'");
    }

    @Test
    void readsRelaxedNamesAsSpringDoes() throws Exception {
        Path file = write("bulwark:\n  denyRules:\n    level: strict\n  limits:\n    json:\n      keysPerObject: 10\n");

        BulwarkTester bulwark = BulwarkTester.ofApplicationYaml(file.toString());

        assertThat(bulwark.config().denyRules().level()).isEqualTo(Level.STRICT);
        assertThat(bulwark.config().limits().jsonKeysPerObject()).isEqualTo(10);
    }

    @Test
    void evaluatesProfileExpressionsAsSpringDoes() throws Exception {
        Path file = write("bulwark.mode: block\n---\nspring.config.activate.on-profile: \"prod & !eu\"\nbulwark.mode: log-only\n");

        assertThat(BulwarkTester.ofApplicationYaml(file.toString(), "prod").config().mode()).isEqualTo(Mode.LOG_ONLY);
        assertThat(BulwarkTester.ofApplicationYaml(file.toString(), "prod", "eu").config().mode()).isEqualTo(Mode.BLOCK);
    }

    private Path write(String yaml) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "application", ".yml"), yaml);
    }

    @Test
    void refusesBareAllowRuleListAsTheStarterDoes() throws Exception {
        Path yaml = dir.resolve("application.yml");
        Files.writeString(yaml, "bulwark:\n  allow-rules:\n    - path: {prefix: /api/}\n");

        assertThatThrownBy(() -> BulwarkTester.ofApplicationYaml("file:" + yaml))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("bulwark.allow-rules[0].path.prefix: expected keys, not a list");
    }

    @Test
    void acceptsTheStarterShapesOfPolicyKeys() throws Exception {
        Path yaml = dir.resolve("application.yml");
        Files.writeString(yaml, """
                bulwark:
                  allowed-methods: [any]
                  allow-rules:
                    rules:
                      - path: {prefix: /api/}
                  headers:
                    request: {allow: [all]}
                    response:
                      security-headers: {enabled: false}
                """);

        assertThat(BulwarkTester.ofApplicationYaml("file:" + yaml).evaluate(get("/api/x"))).isAllowed();
    }
}
