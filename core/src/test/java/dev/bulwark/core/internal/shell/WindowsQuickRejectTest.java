package dev.bulwark.core.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.TextProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The quick reject ({@link WindowsCommandDetector#worthScanning}) passes over only values in which
 * no reading finds anything: whatever opens the value (blanks, {@code @}, cmd's {@code , ; =}
 * delimiters, a redirection), a value it rejects is one the full readings let through.
 */
class WindowsQuickRejectTest {

    /** What may stand before a value's first word, as cmd.exe reads it. */
    private static final String[] OPENINGS = {
        "", "", " ", "  ", "\t", " \t", "@", " @", "@ ", ",", "=", " ,", "1", "2", "1>", ">", "@>", " >", "x",
    };

    /** First words: commands, their names glued to delimiters and switches, prose. */
    private static final String[] FIRST_WORDS = {
        "call", "Call", "whoami", "dir", "echo", "start", "cmd", "cmd,/c", "call,x.bat", "call=x.bat", "cmd=/c",
        "if/i", "for/f", "x.bat", "c:\\x.bat", "c:\\x\\call", "call.exe", "Please", "the", "delivery", "ipconfig/all",
    };

    /** Tails without any character that makes the quick reject scan the value anyway. */
    private static final String[] TAIL_WORDS = {
        "x.bat", "/c", "whoami", "/all", "c:\\", "c:\\x.bat", "before", "delivery", "cmd", "at", "5", ">", "x.txt",
        ",", "=", "/?", "powershell", "-c", "the",
    };

    private final WindowsCommandDetector.WindowsScan scan = new WindowsCommandDetector.WindowsScan();

    @Test
    void rejectsOnlyValuesInWhichNoReadingFindsAnything() {
        Random random = new Random(20261207L);
        int rejected = 0;
        int finding = 0;
        for (int i = 0; i < 200_000; i++) {
            String value = randomValue(random);
            boolean found = !findings(value).isEmpty();
            if (!WindowsCommandDetector.worthScanning(value, TextProfile.of(value))) {
                rejected++;
                assertThat(found).as(value).isFalse();
            } else if (found) {
                finding++;
            }
        }
        // The generator makes values the quick reject passes over and values the readings block, many of each.
        assertThat(rejected).isGreaterThan(20_000);
        assertThat(finding).isGreaterThan(20_000);
    }

    private static String randomValue(Random random) {
        StringBuilder b = new StringBuilder(OPENINGS[random.nextInt(OPENINGS.length)]);
        b.append(FIRST_WORDS[random.nextInt(FIRST_WORDS.length)]);
        for (int words = random.nextInt(5); words > 0; words--) {
            b.append(random.nextBoolean() ? " " : "  ").append(TAIL_WORDS[random.nextInt(TAIL_WORDS.length)]);
        }
        return b.toString();
    }

    private List<String> findings(String value) {
        List<String> found = new ArrayList<>();
        scan.readEveryWay(value, false, (RuleDefinition rule, int offset, int length) -> found.add(rule.id()));
        return found;
    }
}
