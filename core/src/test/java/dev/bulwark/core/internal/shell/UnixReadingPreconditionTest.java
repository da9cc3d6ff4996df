package dev.bulwark.core.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.RandomPieces;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The precondition of the POSIX shell readings: {@code mayNameCommand} may say yes too often,
 * never no when some reading would find something.
 */
class UnixReadingPreconditionTest {

    private final UnixCommandDetector.UnixScan scan = new UnixCommandDetector.UnixScan();

    @ParameterizedTest
    @ValueSource(strings = {
        "cat", "x;id", "x; who'am'i", "x|'ls' -la", "it's (uname -a)", "a) ls", "x\nps aux", "x&&ping 1.1.1.1",
        "python3.10 x", "Sleep 5", "x; ! cat", "x; then id", "x;'' id", "x; \"\" id", "' id", "x;/bin/x",
        "x;./a.sh", "x; . /etc/profile", "x; usr/bin/id",
        "x;aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    })
    void readsWhenACommandNameCanBeInCommandPosition(String value) {
        assertThat(scan.mayNameCommand(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a $x", "a\\b", "a `b`", "a {b}", "a?", "a*", "a[1]", "f() x", "f( ) x",
    })
    void readsWhenTheTextExpandsEscapesGlobsOrDefinesAFunction(String value) {
        assertThat(scan.mayNameCommand(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a=1 id", "x; a=1 b=2 id", "x; >y id", "x; < y  \"id\"", "x; 2>y id", ">/tmp/x", "  1>/tmp/x", "&>/tmp/x",
        "x <<< y", "x < /dev/tcp/1.2.3.4/80", "x < /DEV/'tcp'/1.2.3.4/80", "x; a='1 2' id",
    })
    void readsWhenARedirectionOrAssignmentCanPutACommandInCommandPositionOrFindWithoutOne(String value) {
        assertThat(scan.mayNameCommand(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Calm with children; <span style=\"color:brown\">loves</span> naps in the sun.", "bigger than > smaller", "a < b", "a=b",
        "x; </span> naps", "see <b>bold</b> here",
    })
    void skipsWhenNoWordARedirectionOrAssignmentLeadsToIsAName(String value) {
        assertThat(scan.mayNameCommand(value)).isFalse();
    }

    @Test
    void skipsProseWhoseSeparatorsLeadToNoCommand() {
        String prose = "Second floor, ring twice; the bell's broken. Call before delivery: +41 44 123 45 67"
                + " Gift wrap, no invoice inside (it's a present). Please leave it at the neighbour's door.";

        assertThat(scan.mayNameCommand(prose)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ring twice; the bell", "wrap (it's a gift). Please", "catalogue; idea", "x; Idaho"})
    void skipsWhenNoWordAfterASeparatorIsAName(String value) {
        assertThat(scan.mayNameCommand(value)).isFalse();
    }

    @Test
    void readingsFindNothingWhereThePreconditionSaysNo() {
        Random random = new Random(20261207L);
        int skipped = 0;
        int finding = 0;
        for (int i = 0; i < 200_000; i++) {
            String value = UnixCommandDetector.UnixScan.prepared(randomValue(random));
            if (!scan.mayNameCommand(value)) {
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
        scan.readAll(value, (RuleDefinition rule, int offset, int length) -> found.add(rule.id()));
        return found;
    }

    /** Pieces of commands, shell grammar, paths, prose, quotes and separators. */
    private static final String[] PIECES = {
        "cat", "ca", "t", "id", "who", "ami", "whoami", "ls", " -la", "ps", " aux", "sleep", " 5", "ping",
        "python", "3.10", "sh", " -c", "bash", "nc", "time", "then", "do", "!", ".", "./", "/", "/bin/", "bin/",
        "usr/bin/", "/tmp/", "etc", "passwd", "/dev/tcp/1.2.3.4/80", "echo", "printf", "awk", "tar", "xzf",
        "the", "it", "s", "a", "bell", "present", "Please", "Call", "at", "door", ". ", "1", "127.0.0.1", "x",
        "(", ")", "()", ";", "&", "&&", "|", "||", "\n", "\r\n", "'", "'", "'", "\"", "\"", " ", " ", "  ",
        "\t", "\u00a0", "+", ",", ":", "-", "_", "&amp;", "#", "~", "@", "%", "^",
        // Redirections, assignments, and the markup of prose that looks like them.
        "<", ">", ">>", "2>", ">&1", "&>", ">|", "<&", "<<", "<<<", "<>", "=", "a=", "x=1", "=>", "->", "<span",
        "</span>", "<b>", "style=\"color:brown\">", "loves", "/tmp/x", "/dev/", "tcp/", "/DEV/tcp/",
    };

    private static String randomValue(Random random) {
        return RandomPieces.join(random, PIECES, 12);
    }
}
