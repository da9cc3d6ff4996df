package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Level;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts every detector family is built from: its base, finding collectors, URL walk, word tables, entities. */
class FamilyToolkitTest {

    private static final RuleDefinition FIRST = rule("DEMO-FIRST", "DEMO", Level.STANDARD);
    private static final Lexicon EMPTY = Lexicon.builder().build();
    private static final RuleDefinition SECOND = rule("DEMO-SECOND", "DEMO", Level.BASIC);

    @Test
    void ruleFamilyRefusesARuleOfAnotherFamily() {
        RuleDefinition stray = rule("OTHER-RULE", "OTHER", Level.STANDARD);
        assertThatThrownBy(() -> new DemoFamily(List.of(FIRST, stray)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OTHER-RULE");
    }

    @Test
    void ruleFamilyAnswersItsKeyAndRuleTable() {
        DemoFamily family = new DemoFamily(List.of(FIRST, SECOND));
        assertThat(family.key()).isEqualTo("DEMO");
        assertThat(family.rules()).containsExactly(FIRST, SECOND);
    }

    @Test
    void firstFindingsKeepTheFirstEvidenceAndReportInTableOrder() {
        FirstFindings findings = new FirstFindings(List.of(FIRST, SECOND));
        findings.add(SECOND, 5, 9);
        findings.add(FIRST, 1, 2);
        findings.add(SECOND, 20, 30);
        assertThat(reports(findings)).containsExactly("DEMO-FIRST@1+1", "DEMO-SECOND@5+4");
    }

    @Test
    void firstFindingsForgetAWithdrawnRule() {
        FirstFindings findings = new FirstFindings(List.of(FIRST, SECOND));
        findings.add(0, 1, 2);
        findings.remove(0);
        assertThat(findings.isEmpty()).isTrue();
        findings.add(0, 7, 8);
        assertThat(reports(findings)).containsExactly("DEMO-FIRST@7+1");
    }

    @Test
    void firstFindingsRefuseARuleOutsideTheTable() {
        FirstFindings findings = new FirstFindings(List.of(FIRST));
        assertThatThrownBy(() -> findings.add(SECOND, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void strongestUrlIsReportedWhenAWeakerOneComesFirst() {
        List<String> reported = new ArrayList<>();
        String text = "see http://a.example/x and http://b.example/y";
        BestFinding.reportStrongestUrl(text, url -> text.startsWith("http://b", url.schemeStart) ? SECOND : FIRST,
                (rule, offset, length) -> reported.add(rule.id() + "@" + offset + "+" + length));
        assertThat(reported).containsExactly("DEMO-SECOND@27+18");
    }

    @Test
    void lexiconFindsAWordInARangeOfACharArrayIgnoringCase() {
        Lexicon words = Lexicon.builder().add('<', "lt").add('{', "lbrace").build();
        char[] buffer = "x&LBrace;".toCharArray();
        assertThat(words.flags(buffer, 2, 8)).isEqualTo('{');
        assertThat(words.contains(buffer, 2, 7)).isFalse();
        assertThat(words.words()).containsExactly("lt", "lbrace");
    }

    @Test
    void htmlEntitiesReadANumericReferenceWithoutItsSemicolon() {
        assertThat(HtmlEntities.read("&#59x", 0, EMPTY, EMPTY)).isEqualTo(new HtmlEntities.Reference(';', 4));
        assertThat(HtmlEntities.read("&#x3C;", 0, EMPTY, EMPTY)).isEqualTo(new HtmlEntities.Reference('<', 6));
    }

    @Test
    void htmlEntitiesReadZeroAndAstralNumbersAsTheReplacementCharacter() {
        assertThat(HtmlEntities.read("&#0;", 0, EMPTY, EMPTY).character()).isEqualTo('\ufffd');
        assertThat(HtmlEntities.read("&#x1F600;", 0, EMPTY, EMPTY).character()).isEqualTo('\ufffd');
    }

    @Test
    void htmlEntitiesReadANameGluedToLettersOnlyWhenTheTableAllowsItBare() {
        Lexicon names = Lexicon.builder().add('<', "lt").add('(', "lpar").build();
        Lexicon bare = Lexicon.builder().add('<', "lt").build();
        assertThat(HtmlEntities.read("&ltscript", 0, names, bare)).isEqualTo(new HtmlEntities.Reference('<', 3));
        assertThat(HtmlEntities.read("&lparx", 0, names, bare)).isNull();
        assertThat(HtmlEntities.read("&lpar x", 0, names, bare)).isEqualTo(new HtmlEntities.Reference('(', 5));
    }

    @Test
    void htmlEntitiesDecodeShellSeparatorsWithOrWithoutSemicolon() {
        assertThat(HtmlEntities.decode("id&semi;ls&#124 cat&amp;&unknown;")).isEqualTo("id;ls| cat&&unknown;");
    }

    private static List<String> reports(FirstFindings findings) {
        List<String> reported = new ArrayList<>();
        findings.reportTo((rule, offset, length) -> reported.add(rule.id() + "@" + offset + "+" + length));
        return reported;
    }

    private static RuleDefinition rule(String id, String key, Level level) {
        return new RuleDefinition(id, key, level, "demo rule", "https://example.org/demo");
    }

    private static final class DemoFamily extends RuleFamily {
        DemoFamily(List<RuleDefinition> rules) {
            super("DEMO", rules);
        }

        @Override
        public void scan(ScanTarget target, DetectionSink sink) {
        }
    }
}
