package dev.bulwark.core.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

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
    void findsADotCommandAfterManySeparatorsOfEachKind() {
        assertThat(SqliteDotCommands.find("a; b\\x; c\r\n d;\\n .output /tmp/x"))
                .isEqualTo(new ShellExpansions.Match(13, 24));
    }
}
