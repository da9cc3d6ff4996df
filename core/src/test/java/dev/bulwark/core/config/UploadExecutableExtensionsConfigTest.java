package dev.bulwark.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code deny-rules.upload-executable-extensions}: the built-in list, replaced or changed. */
class UploadExecutableExtensionsConfigTest {

    private static Decision upload(BulwarkConfig config, String fileName) {
        String body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\nhello\r\n--b--\r\n";
        return Bulwark.create(config).evaluate(HttpRequest.builder("POST", "/uploads")
                .header("Content-Type", "multipart/form-data; boundary=b")
                .body(body.getBytes(StandardCharsets.UTF_8)).remoteAddress("127.0.0.1").build());
    }

    @Test
    void defaultsToTheBuiltInList() {
        assertThat(ConfigLoader.fromYaml("").denyRules().uploadExecutableExtensions())
                .isEqualTo(DenyRulesConfig.defaultUploadExecutableExtensions())
                .contains("sh", "ps1", "bat", "cmd", "vbs", "jar")
                .doesNotContain("exe", "msi");
    }

    @Test
    void blocksHostScriptUploadsByDefault() {
        Decision decision = upload(BulwarkConfig.defaults(), "run.sh");

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.findings().get(0).ruleId()).isEqualTo("PATH-UPLOAD-EXECUTABLE");
    }

    @Test
    void addAndRemoveChangeTheBuiltInList() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                deny-rules:
                  upload-executable-extensions:
                    add: [.EXE, msi]
                    remove: [jar]
                """);

        assertThat(config.denyRules().uploadExecutableExtensions()).contains("exe", "msi", "sh").doesNotContain("jar");
        assertThat(upload(config, "setup.exe").blocked()).isTrue();
        assertThat(upload(config, "plugin.jar").blocked()).isFalse();
        assertThat(upload(config, "run.sh").blocked()).isTrue();
    }

    @Test
    void onlyReplacesTheBuiltInList() {
        BulwarkConfig config = ConfigLoader.fromYaml("deny-rules: {upload-executable-extensions: {only: [exe]}}");

        assertThat(config.denyRules().uploadExecutableExtensions()).containsExactly("exe");
        assertThat(upload(config, "run.sh").blocked()).isFalse();
    }

    @Test
    void rejectsWhatIsNotAnExtensionWithItsPath() {
        assertThatThrownBy(() -> ConfigLoader.fromYaml("deny-rules: {upload-executable-extensions: {add: ['a b']}}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("deny-rules.upload-executable-extensions.add[0]: not a file extension: 'a b'");
    }

    @Test
    void recordRejectsBadExtensions() {
        assertThatThrownBy(() -> DenyRulesConfig.defaults().withUploadExecutableExtensions(Set.of("x/y")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
