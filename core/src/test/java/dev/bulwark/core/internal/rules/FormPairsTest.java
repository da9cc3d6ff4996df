package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormPairsTest {

    /** Each pair as name, "=" when it has one, and value. */
    private static List<String> pairs(FormPairs pairs, String text) {
        List<String> out = new ArrayList<>();
        while (pairs.next()) {
            out.add(text.substring(pairs.start(), pairs.nameEnd()) + (pairs.hasValue() ? "=" : "")
                    + text.substring(pairs.valueStart(), pairs.end()));
        }
        return out;
    }

    @Test
    void splitsAtAmpersandsAndSkipsEmptyPairs() {
        String text = "&a=1&&b&=&c=x=y&";

        assertThat(pairs(new FormPairs(text), text)).containsExactly("a=1", "b", "=", "c=x=y");
    }

    @Test
    void takesNoEqualsSignOfLaterPairForPairWithoutOne() {
        String text = "id;sleep 5&k=v";
        FormPairs pairs = new FormPairs(text);

        assertThat(pairs.next()).isTrue();
        assertThat(pairs.hasValue()).isFalse();
        assertThat(pairs.nameEnd()).isEqualTo(pairs.end()).isEqualTo(10);
        assertThat(pairs.valueStart()).isEqualTo(10);
    }

    @Test
    void readsOnlyTheGivenRange() {
        String text = "/p?a=1&b=2#c=3&d=4";

        assertThat(pairs(new FormPairs(text, 3, text.indexOf('#')), text)).containsExactly("a=1", "b=2");
    }

    @Test
    void splitsMebibyteOfPairsWithoutEqualsSignInLinearTime() {
        String text = "a&".repeat(512 * 1024) + "b=1";

        int count = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            FormPairs pairs = new FormPairs(text);
            int n = 0;
            while (pairs.next()) {
                n++;
            }
            return n;
        });

        assertThat(count).isEqualTo(512 * 1024 + 1);
    }
}
