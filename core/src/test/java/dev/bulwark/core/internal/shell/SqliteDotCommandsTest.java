package dev.bulwark.core.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SqliteDotCommandsTest {

    @Test
    void findsADotCommandAfterEachKindOfSeparator() {
        assertThat(SqliteDotCommands.find("select 1; .shell id")).isEqualTo(new ShellExpansions.Match(8, 16));
        assertThat(SqliteDotCommands.find("x\n.system id")).isEqualTo(new ShellExpansions.Match(1, 9));
        assertThat(SqliteDotCommands.find("x\r.load lib")).isEqualTo(new ShellExpansions.Match(1, 7));
        assertThat(SqliteDotCommands.find("x\\n.import a b")).isEqualTo(new ShellExpansions.Match(1, 10));
    }

    @Test
    void findsNoDotCommandInProseWithSemicolonsAndBackslashes() {
        assertThat(SqliteDotCommands.find("ring twice; the bell's broken. Call before delivery; .5 kg \\t \\x")).isNull();
        assertThat(SqliteDotCommands.find("a;b;c;d\\")).isNull();
    }

    @Test
    void skipsToTheSameSeparatorsAsACharacterByCharacterSearch() {
        Random random = new Random(7);
        String alphabet = ";\n\r\\nab. ";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(20); k > 0; k--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = text.toString();
            int[] next = {-2, -2, -2, -2};
            for (int from = 0; from <= s.length(); from += 1 + random.nextInt(3)) {
                assertThat(SqliteDotCommands.nextSeparatorStart(s, from, next))
                        .as("%s from %d", s, from)
                        .isEqualTo(naiveNextSeparatorStart(s, from));
            }
        }
    }

    private static int naiveNextSeparatorStart(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ';' || c == '\n' || c == '\r' || c == '\\') {
                return i;
            }
        }
        return -1;
    }
}
