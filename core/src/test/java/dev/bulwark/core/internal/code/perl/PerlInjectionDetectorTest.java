package dev.bulwark.core.internal.code.perl;

import static org.assertj.core.api.Assertions.assertThat;
import dev.bulwark.core.internal.rules.Scans;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PerlInjectionDetectorTest {

    private final PerlInjectionDetector detector = new PerlInjectionDetector();

    @ParameterizedTest
    @ValueSource(strings = {"@{[system 'id']}", "@{ [ uc 'x' ] }", "qx{id}", "open(FH, \"|cat /etc/passwd\")",
        "open F, 'ls |'"})
    void detectsPerlCode(String value) {
        assertThat(Scans.value(detector, value)).contains("CODE-PERL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@{user} mentioned you", "open the door, 'now'"})
    void ignoresLookalikesOfPerl(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }
}
