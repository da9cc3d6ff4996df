package dev.bulwark.core.internal.code.ruby;

import static org.assertj.core.api.Assertions.assertThat;
import dev.bulwark.core.internal.rules.Scans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RubyInjectionDetectorTest {

    private final RubyInjectionDetector detector = new RubyInjectionDetector();

    @ParameterizedTest
    @ValueSource(strings = {"Kernel.exec('id')", "Kernel.system \"id\"", "IO.popen('id').read", "%x(id)",
        "Open3.capture2('id')", "Process.spawn(\"id\")", "Marshal.load(x)", "obj.instance_eval('1')",
        "x.send(:system, 'id')", "send(:eval, 'x')"})
    void detectsRubyCommandExecution(String value) {
        assertThat(Scans.value(detector, value)).contains("CODE-RUBY");
    }

    @Test
    void detectsSendOfTheBacktickMethod() {
        assertThat(Scans.value(detector, "x.send(:`, 'id')")).contains("CODE-RUBY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"IO error", "the Kernel panicked", "Process.spawn is a method name"})
    void ignoresLookalikesOfRuby(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }
}
