package dev.bulwark.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.HttpRequest;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code deny-rules.restricted-extensions}: the built-in list, replaced or changed. */
class RestrictedExtensionsConfigTest {

    private static Decision get(BulwarkConfig config, String target) {
        return Bulwark.create(config).evaluate(HttpRequest.builder("GET", target).remoteAddress("127.0.0.1").build());
    }

    @Test
    void defaultsToTheBuiltInList() {
        assertThat(ConfigLoader.fromYaml("").denyRules().restrictedExtensions())
                .isEqualTo(DenyRulesConfig.defaultRestrictedExtensions())
                .contains("inc", "cnf", "htr", "dll", "bak", "old", "swp", "config");
    }

    @Test
    void onlyReplacesTheBuiltInList() {
        BulwarkConfig config = ConfigLoader.fromYaml("deny-rules: {restricted-extensions: {only: [.TPL, tmpl]}}");

        assertThat(config.denyRules().restrictedExtensions()).containsExactlyInAnyOrder("tpl", "tmpl");
        assertThat(get(config, "/views/a.tpl").blocked()).isTrue();
        assertThat(get(config, "/lib/a.dll").blocked()).isFalse();
    }

    @Test
    void addAndRemoveChangeTheBuiltInList() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                deny-rules:
                  restricted-extensions:
                    add: [tpl]
                    remove: [ini, dll]
                """);

        assertThat(config.denyRules().restrictedExtensions()).contains("tpl", "inc").doesNotContain("ini", "dll");
        assertThat(get(config, "/views/a.tpl").blocked()).isTrue();
        assertThat(get(config, "/lib/a.dll").blocked()).isFalse();
        assertThat(get(config, "/lib/a.inc").blocked()).isTrue();
    }

    @Test
    void rejectsWhatIsNotAnExtensionWithItsPath() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("deny-rules: {restricted-extensions: {add: [ok, 'a/b']}}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("deny-rules.restricted-extensions.add[1]: not a file extension: 'a/b'");
    }

    @Test
    void rejectsUnknownKeyWithItsPath() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("deny-rules: {restricted-extensions: {append: [tpl]}}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("deny-rules.restricted-extensions.append:");
    }

    @Test
    void recordRejectsBadExtensions() {
        assertThatThrownBy(() -> DenyRulesConfig.defaults().withRestrictedExtensions(Set.of("")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
