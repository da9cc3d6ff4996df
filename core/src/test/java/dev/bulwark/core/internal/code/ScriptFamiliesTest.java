package dev.bulwark.core.internal.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.code.datauri.DataUriDetector;
import dev.bulwark.core.internal.code.node.NodeInjectionDetector;
import dev.bulwark.core.internal.code.perl.PerlInjectionDetector;
import dev.bulwark.core.internal.code.python.PythonInjectionDetector;
import dev.bulwark.core.internal.code.ruby.RubyInjectionDetector;
import dev.bulwark.core.internal.rules.Detector;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Scans;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the script-language families (rule key {@code CODE}) promise together. */
class ScriptFamiliesTest {

    private static final List<Detector> FAMILIES = List.of(new NodeInjectionDetector(),
            new PythonInjectionDetector(), new RubyInjectionDetector(), new PerlInjectionDetector(),
            new DataUriDetector());

    private static List<String> scanAll(String value, Level level) {
        List<String> ids = new ArrayList<>();
        FAMILIES.forEach(family -> ids.addAll(Scans.value(family, value, level)));
        return ids;
    }

    /** Every family on one target, as the engine runs them: the families share its readings. */
    private static List<String> scanShared(String value, Level level) {
        ScanTarget target = Scans.query(value);
        List<String> ids = new ArrayList<>();
        FAMILIES.forEach(family -> ids.addAll(Scans.at(level, family, target)));
        return ids;
    }

    @ParameterizedTest
    @ValueSource(strings = {"require('child_process').exec('id')", "_$$\\u004eD_FUNC$$_function(){}",
        "__import__('os').system('id')", "x.__class__.__mro__[1].__subclasses__()", "user__password__startswith",
        "Kernel.exec('id')", "%x(id) and @{[ `id` ]}", "qx{id}; open(F, '| id')", "data:text/html,<b>x</b>",
        "%5F%5Fproto%5F%5F", "while(true){} constructor.constructor('x')()", "!!python/object/apply:os.system",
        "Y29zCnN5c3RlbQooUydpZCcKdFIu", "gAJjcG9zaXgKc3lzdGVtCnEAWAIAAABpZHEBhXECUnEDLg==", "S2VybmVsLmV4ZWMoJ2lkJyk=",
        "X19pbXBvcnRfXygnb3MnKS5zeXN0ZW0oJ2lkJyk=", "&#95;&#95;import&#95;&#95;('os').popen('id')"})
    void reportsTheSameRulesOnOneSharedTargetAsOnATargetPerFamily(String value) {
        assertThat(scanShared(value, Level.STRICT)).isNotEmpty().isEqualTo(scanAll(value, Level.STRICT));
    }

    @ParameterizedTest
    @FieldSource("dev.bulwark.core.internal.rules.Scans#ORDINARY_VALUES")
    void ignoresOrdinaryValue(String value) {
        assertThat(scanAll(value, Level.STANDARD)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"process.env is how Node reads settings", "a business process (BPMN)",
        "Use the constructor to build the prototype", "the __init__ method", "use os.path to join",
        "@{user} mentioned you", "open the door, 'now'", "the Kernel panicked", "Process.spawn is a method name",
        "data: 5 items", "I worked while (1) child slept"})
    void ignoresProseThatNamesCodeInEveryLanguage(String value) {
        assertThat(scanAll(value, Level.STANDARD)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"((((", "while(", "constructor.", "__proto__", "@{[", "a.b(", "$1:", "function(",
        "require(", "\\u0041", "%x(", "qx{"})
    void finishesQuicklyOnOneMebibyteOfRepetition(String unit) {
        String value = Scans.mebibyteOf(unit);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> scanAll(value, Level.STRICT));
    }

    @Test
    void finishesQuicklyOnOneMebibyteOfBase64Text() {
        String value = Base64.getEncoder().encodeToString(
                Scans.mebibyteOf("while(true);").getBytes(StandardCharsets.UTF_8));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> scanAll(value, Level.STRICT));
    }

    @Test
    void sharesTheCodeKeyWithDistinctRuleIds() {
        List<RuleDefinition> rules = new ArrayList<>();
        FAMILIES.forEach(family -> rules.addAll(family.rules()));
        assertThat(FAMILIES).extracting(Detector::key).containsOnly("CODE");
        assertThat(rules).extracting(RuleDefinition::id).doesNotHaveDuplicates().hasSize(18);
    }
}
