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
 * The precondition of the unquoted and double-quoted (PowerShell string) readings: {@code
 * mayNameCommandUnquoted} may say yes too often, never no when those readings would find something.
 */
class WindowsUnquotedReadingTest {

    private final WindowsCommandDetector.WindowsScan scan = new WindowsCommandDetector.WindowsScan();

    @ParameterizedTest
    @ValueSource(strings = {
        "whoami", "  @ver", "'ver'", "\"net\" user x /add", "bcdboot/r", "whoami.exe", "if/i a==b ver",
        "for /f %i in (a) do x", "x & ver", "x (dir)", "x).DownloadString(u)", "x .DownloadString(u)", "net user x /add'",
    })
    void readsWhenTheOpeningOrAWordAfterASeparatorCanNameACommand(String value) {
        assertThat(scan.mayNameCommandUnquoted(value)).isTrue();
    }

    @Test
    void skipsProseWhoseOpeningAndSeparatorsLeadToNoCommand() {
        String prose = "Second floor, ring twice; the bell's broken. Gift wrap, no invoice inside (it's a"
                + " present). Please leave it at the neighbour's door.";

        assertThat(scan.mayNameCommandUnquoted(prose)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "x > whoami", "x <whoami", "x >x.bat ver", "x > c:x.txt ver", "x >&1 ver", "x >>,ver", "x 2>@ver",
        "x >&1.Invoke(u)", "ver > x.bat",
    })
    void readsWhenARedirectionCanPutACommandInCommandPosition(String value) {
        assertThat(scan.mayNameCommandUnquoted(value)).isTrue();
    }

    @Test
    void skipsProseWithMarkupWhoseRedirectionsLeadToNoCommand() {
        String prose = "Calm with children; <span style=\"color:brown\">loves</span> naps in the sun.";

        assertThat(scan.mayNameCommandUnquoted(prose)).isFalse();
    }

    @Test
    void unquotedAndDoubleQuotedReadingsFindNothingWhereThePreconditionSaysNo() {
        Random random = new Random(20261207L);
        int skipped = 0;
        int finding = 0;
        for (int i = 0; i < 200_000; i++) {
            String value = HtmlEntities.decode(WindowsSingleQuotedReadingTest.randomValue(random));
            if (!scan.mayNameCommandUnquoted(value)) {
                skipped++;
                assertThat(findings(value)).as(value).isEmpty();
            } else if (!findings(value).isEmpty()) {
                finding++;
            }
        }
        // The generator makes values the readings block and values they skip, many of each.
        assertThat(skipped).isGreaterThan(10_000);
        assertThat(finding).isGreaterThan(10_000);
    }

    private List<String> findings(String value) {
        List<String> found = new ArrayList<>();
        scan.readUnquotedAndDoubleQuoted(value, (RuleDefinition rule, int offset, int length) -> found.add(rule.id()));
        return found;
    }
}
