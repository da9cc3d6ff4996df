package dev.bulwark.core.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.RandomPieces;
import dev.bulwark.core.internal.rules.HtmlEntities;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The precondition of the single-quoted (cmd.exe) reading: {@code mayNameCommand} may say yes too
 * often, never no when that reading would find something.
 */
class WindowsSingleQuotedReadingTest {

    private final WindowsCommandDetector.WindowsScan scan = new WindowsCommandDetector.WindowsScan();

    @ParameterizedTest
    @ValueSource(strings = {
        "x';whoami", "'&net user x /add&'", "it's; net user x /add", "a' & p'o'wershell -enc x",
        "x'; who''ami", "x';@ver", "x' ; @ @ver", "x'(dir)", "x') whoami", "x'\nipconfig /all",
        "x'|findstr a", "whoami'", "net/user'", "x' ; for /f %i in (a) do x", "x';if/i a==b ver",
        "x' ;  ' 'ver", "x'; cmd.exe /c ver", "x'; bcdboot/r", "x' (New-Object Net.WebClient).DownloadString(u)",
        "x' .inv'o'ke(1)", "x'; VER",
    })
    void readsAgainWhenACommandOrMethodCanFollow(String value) {
        assertThat(scan.mayNameCommand(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "it's 100%", "it's a^b", "it's `n", "it's $(x)", "it's <ver>", "it's > x.bat ver", "it's c:\\x",
    })
    void readsAgainWhenTheTextEscapesExpandsRedirectsOrNamesAPath(String value) {
        assertThat(scan.mayNameCommand(value)).isTrue();
    }

    @Test
    void skipsProseWhoseSeparatorsLeadToNoCommand() {
        String prose = "Second floor, ring twice; the bell's broken. Call before delivery: +41 44 123 45 67"
                + " Gift wrap, no invoice inside (it's a present). Please leave it at the door; neighbours"
                + " won't mind.";

        assertThat(scan.mayNameCommand(prose)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"net user x /add'", "Call before delivery, it's broken", "ver x'"})
    void skipsWhenTheFirstWordHoldsASpaceUpToTheFirstQuote(String value) {
        assertThat(scan.mayNameCommand(value)).isFalse();
    }

    @Test
    void readsAgainWhenTheFirstSpaceComesAfterWhatAWordKeeps() {
        assertThat(scan.mayNameCommand("ver/" + "x".repeat(200) + " a'")).isTrue();
    }

    @Test
    void singleQuotedReadingFindsNothingWhereThePreconditionSaysNo() {
        Random random = new Random(20261207L);
        int skipped = 0;
        int finding = 0;
        for (int i = 0; i < 200_000; i++) {
            String value = HtmlEntities.decode(randomValue(random));
            if (!scan.mayNameCommand(value)) {
                skipped++;
                assertThat(findings(value)).as(value).isEmpty();
            } else if (!findings(value).isEmpty()) {
                finding++;
            }
        }
        // The generator makes values the reading blocks and values it skips, many of each.
        assertThat(skipped).isGreaterThan(10_000);
        assertThat(finding).isGreaterThan(2_000);
    }

    private List<String> findings(String value) {
        List<String> found = new ArrayList<>();
        scan.readSingleQuoted(value, (RuleDefinition rule, int offset, int length) -> found.add(rule.id()));
        return found;
    }

    /** Pieces of commands, batch and PowerShell grammar, prose, quotes and separators. */
    private static final String[] PIECES = {
        "calc", "ca", "lc", "net", " user ", "ver", "VER", "dir", "whoami", "who", "ami", "cmd", "/c",
        "cmd.exe", ".exe", "powershell", "p", "owershell", "-enc", "-e", "for", "/f", "if", "/i", "in",
        "do", "not", "exist", "==", "else", "call", "start", "at", "title", "the", "it", "s", "a",
        "bell", "present", "Please", ".", ". ", ".DownloadString", "invoke", "load", "Net.WebClient",
        "(", ")", ";", "&", "&&", "|", "||", "\n", "\r\n", "'", "'", "'", "\"", " ", " ", "  ", "\t",
        "@", "/", "=", ",", ":", "1", "42", "1.1.1.1", "x", "ipconfig", "/all", "findstr", "type",
        "set", "echo", "bcdboot", "/r", "iex", "iwr", "-", "_", "\u00a0", "&amp;", "%", "^", ">",
        ".bat", "%COMSPEC%", "c:\\",
        // Redirections, and the markup of prose that looks like them.
        "<", ">", ">>", "2>", ">&1", "&>", ">|", "<&", "nul", "x.bat", "c:", "x.txt", "->", "=>", "<span",
        "</span>", "<b>", "style=\"color:brown\">", "loves", ".Invoke(x)",
    };

    static String randomValue(Random random) {
        return RandomPieces.join(random, PIECES, 12);
    }
}
