package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

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
        ScriptPasses.run(value, ScriptFeatures.of(value), false, findings(value),
                (text, features, isName, findings) -> readings.add(text));
        assertThat(readings).containsExactly(value, inner);
    }

    @Test
    void scriptPassesDecodesEscapesBeforeReading() {
        List<String> readings = new ArrayList<>();
        String value = "a\\u0028b";
        ScriptPasses.run(value, ScriptFeatures.of(value), false, findings(value),
                (text, features, isName, findings) -> readings.add(text));
        assertThat(readings).containsExactly("a(b");
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
