package dev.bulwark.core.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.rules.HtmlEntities;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reading that ends at a settled opening command ({@code Call before delivery: ...}, when nothing
 * after the opening can be found) finds exactly what the whole reading finds.
 */
class WindowsSettledOpeningTest {

    private static final String[] OPENINGS = {
        "call", "Call", "CALL", "echo", "set", "start", "type", "dir", "print", "help", "net", "reg", "ver",
        "@call", "\"call\"", "c^all", "call.exe", "C:\\x\\call", "whoami", "cmd", "powershell", "iex", "curl",
        "if", "for", "call x.bat", "call cmd", "call whoami", "call call", "start /b", "call start", "call,", "call=",
        "Call PowerShell", "Call CMD", "call x.bat.", "call cmd,/c", "Call MSBuild", " call", "\tCall", "call;",
    };

    private final WindowsCommandDetector.WindowsScan scan = new WindowsCommandDetector.WindowsScan();

    @Test
    void passingASettledOpeningFindsWhatTheWholeReadingFinds() {
        Random random = new Random(20261207L);
        int finding = 0;
        int silent = 0;
        for (int i = 0; i < 200_000; i++) {
            String opening = OPENINGS[random.nextInt(OPENINGS.length)];
            String value = HtmlEntities.decode(opening + " " + WindowsSingleQuotedReadingTest.randomValue(random));
            List<String> whole = findings(value, false);
            assertThat(findings(value, true)).as(value).isEqualTo(whole);
            if (whole.isEmpty()) {
                silent++;
            } else {
                finding++;
            }
        }
        // The generator makes values the readings block and values they pass, many of each.
        assertThat(silent).isGreaterThan(10_000);
        assertThat(finding).isGreaterThan(10_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "call d:", "call c:\\windows\\x.bat", "echo %COMSPEC%", "Call before delivery & whoami",
        "call before; whoami /all", "call it (dir c:\\)", "call before .DownloadString(u)",
        "call x.bat before delivery", "call whoami before delivery", "echo before delivery > c:\\x.bat",
        "> c:\\x.bat echo before delivery", "call before %COMSPEC% /c whoami",
    })
    void findsWhatFollowsAnOpeningEverydayCommand(String value) {
        assertThat(findings(value, true)).as(value).isNotEmpty().isEqualTo(findings(value, false));
    }

    @Test
    void findsNothingInProseThatOpensWithCall() {
        String prose = "Call before delivery: +41 44 123 45 67 Second floor, ring twice; the bell's broken.";

        assertThat(findings(prose, true)).isEmpty();
    }

    private List<String> findings(String value, boolean passSettledOpening) {
        List<String> found = new ArrayList<>();
        scan.readEveryWay(value, passSettledOpening,
                (RuleDefinition rule, int offset, int length) -> found.add(rule.id() + "@" + offset + "+" + length));
        return found;
    }
}
