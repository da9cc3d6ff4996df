package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Component;
import dev.bulwark.core.Level;
import dev.bulwark.core.Source;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptToolkitTest {

    @Test
    void tokenWindowRemembersTheTokensBeforeTheCurrentOne() {
        TokenWindow window = new TokenWindow("process . env");
        window.next();
        window.next();
        window.next();
        assertThat(window.lexer().is("env")).isTrue();
        assertThat(window.isPunct(0, '.')).isTrue();
        assertThat(window.isWord(1, "process")).isTrue();
        assertThat(window.type(2)).isEqualTo(CodeLexer.END);
        assertThat(window.next()).isFalse();
    }

    @Test
    void scriptWordsFlagsTriggersAndHandsOverDoubleUnderscoreNames() {
        List<String> names = new ArrayList<>();
        int flags = ScriptWords.scan("x.__class__ and os", ScriptWords.TRIGGERS,
                (s, from, to) -> names.add(s.substring(from, to)));
        assertThat(flags & ScriptWords.TRIGGER).isEqualTo(ScriptWords.TRIGGER);
        assertThat(names).containsExactly("__class__");
        assertThat(ScriptWords.hasTrigger("a business plan")).isFalse();
    }

    @Test
    void scriptPassesReadsTheUnescapedValueAndOneBase64Level() {
        List<String> readings = new ArrayList<>();
        String inner = Base64.getEncoder().encodeToString("hello world, plain".getBytes(StandardCharsets.UTF_8));
        String value = Base64.getEncoder().encodeToString(inner.getBytes(StandardCharsets.UTF_8));
        ScriptPasses.read(value, ScriptFeatures.of(value), false)
                .run(findings(value), (reading, findings) -> readings.add(reading.text()));
        assertThat(readings).containsExactly(value, inner);
    }

    @Test
    void scriptPassesDecodesEscapesBeforeReading() {
        List<String> readings = new ArrayList<>();
        String value = "a\\u0028b";
        ScriptPasses.read(value, ScriptFeatures.of(value), false)
                .run(findings(value), (reading, findings) -> readings.add(reading.text()));
        assertThat(readings).containsExactly("a(b");
    }

    @Test
    void scriptPassesAreMadeOncePerTargetForEveryFamily() {
        ScanTarget target = ScanTarget.queryValue("__import__('os').system('id')");
        assertThat(ScriptPasses.of(target)).isNotNull().isSameAs(ScriptPasses.of(target));
    }

    @Test
    void scriptPassesSkipTargetsTooPlainForCode() {
        assertThat(ScriptPasses.of(ScanTarget.queryValue("ok"))).isNull();
        assertThat(ScriptPasses.of(ScanTarget.queryValue("plain words"))).isNotNull();
        assertThat(ScriptPasses.of(ScanTarget.queryValue("plainword"))).isNull();
        assertThat(ScriptPasses.of(new ScanTarget("id", Source.JSON, Component.NAME, "/id"))).isNotNull();
    }

    @Test
    void scriptPassesHandEachFamilyOfAValueTheSameCollectorStartedOver() {
        RuleDefinition first = new RuleDefinition("A-1", "A", Level.STANDARD, "first", "https://example.com/a");
        RuleDefinition second = new RuleDefinition("B-1", "B", Level.STANDARD, "second", "https://example.com/b");
        List<String> reported = new ArrayList<>();
        DetectionSink sink = (rule, offset, length) -> reported.add(rule.id() + "@" + offset + "+" + length);
        ScriptPasses passes = ScriptPasses.of(ScanTarget.queryValue("x%28y, then z"));

        Findings forFirst = passes.findings(sink, List.of(first));
        forFirst.mapThrough(new UnescapedText("x(y, then z", new int[] {0, 1, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
        forFirst.report(first, 1, 3);
        forFirst.report(first, 1, 3);
        Findings forSecond = passes.findings(sink, List.of(second));
        forSecond.report(second, 1, 3);

        assertThat(forSecond).isSameAs(forFirst);
        assertThat(reported).containsExactly("A-1@1+4", "B-1@1+2");
    }

    @Test
    void scriptReadingFlagsItsWordsAndListsDoubleUnderscoreNamesInOrder() {
        String text = "Object.x = x.__class__ || os.__dict__ && __proto__";
        ScriptReading reading = new ScriptReading(text, ScriptFeatures.of(text), false);
        List<String> names = new ArrayList<>();
        for (int k = 0; k < reading.underscoreNames(); k++) {
            names.add(text.substring(reading.underscoreNameStart(k), reading.underscoreNameEnd(k)));
        }
        assertThat(reading.words()).isEqualTo(ScriptWords.TRIGGER | ScriptWords.OBJECT | ScriptWords.PROTO);
        assertThat(names).containsExactly("__class__", "__dict__", "__proto__");
    }

    @Test
    void scriptFeaturesOfProfileAgreeWithFeaturesOfText() {
        for (String s : List.of("a.b('x')", "%x{id}", "!!python/x", "cos\nsystem\n", "@{[ 1 ]}", "__proto__", "x y")) {
            assertThat(ScriptFeatures.of(TextProfile.of(s))).as(s).isEqualTo(ScriptFeatures.of(s));
        }
    }

    private static Findings findings(String value) {
        return new Findings((rule, start, length) -> { }, List.of(), value.length());
    }
}
