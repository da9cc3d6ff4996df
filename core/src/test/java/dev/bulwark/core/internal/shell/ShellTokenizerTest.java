package dev.bulwark.core.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellTokenizerTest {

    @Test
    void tellsCommandSeparatorsExactlyAsTheConstantListsThem() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            assertThat(ShellTokenizer.isCommandSeparator(c)).as("U+%04X", (int) c)
                    .isEqualTo(ShellTokenizer.COMMAND_SEPARATORS.indexOf(c) >= 0);
        }
    }
}
