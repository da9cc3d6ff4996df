package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.RandomPieces;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link UrlCursor#holdsUrl}, which lets values with a colon but no URL pass without a cursor, held
 * to the cursor's own search: it must say yes exactly when {@link UrlCursor#next} finds a URL.
 */
class UrlCursorTest {

    @Test
    void holdsUrlExactlyWhenTheCursorFindsOne() {
        Random random = new Random(20261207L);
        int withUrl = 0;
        int withColonOnly = 0;
        for (int round = 0; round < 200_000; round++) {
            String value = randomValue(random);
            boolean found = new UrlCursor(value).next();
            assertThat(UrlCursor.holdsUrl(value)).as(value).isEqualTo(found);
            if (found) {
                withUrl++;
            } else if (value.indexOf(':') >= 0) {
                withColonOnly++;
            }
        }
        assertThat(withUrl).isGreaterThan(10_000);
        assertThat(withColonOnly).isGreaterThan(10_000);
    }

    @Test
    void holdsNoUrlInProseWithColons() {
        assertThat(UrlCursor.holdsUrl("Call before delivery: +41 44 123 45 67 at 10:30; ratio 3:1")).isFalse();
        assertThat(UrlCursor.holdsUrl("")).isFalse();
        assertThat(UrlCursor.holdsUrl(":")).isFalse();
    }

    @Test
    void holdsUrlsWhereverTheCursorReadsASchemeBeforeAColon() {
        assertThat(UrlCursor.holdsUrl("see http://example.com")).isTrue();
        assertThat(UrlCursor.holdsUrl("time 10:30 then gopher:x")).isTrue();
        assertThat(UrlCursor.holdsUrl("(file:/etc/passwd)")).isTrue();
        assertThat(UrlCursor.holdsUrl("xhttp://glued")).isFalse();
        assertThat(UrlCursor.holdsUrl("x.http://after-a-dot")).isTrue();
    }

    private static final String[] PIECES = {
        "http", "https", "HTTP", "ftp", "file", "php", "compress.zlib", "ssh2.shell", "jar", "gopher", "ldap",
        "ws", "git", "x", "xhttp", "9", "42", "a-b", "a_b", "a.b", "+", "-", ".", "_", ":", ":", "://", ":/", " ",
        " ", "/", "\\", "(", ")", "'", "\"", "@", "?", "=", "\u00e9", "\u00a0", "the", "bell's", "10:30",
        "aaaaaaaaaaaaaaa", "compress.compress.zlib",
    };

    private static String randomValue(Random random) {
        return RandomPieces.join(random, PIECES, 12);
    }
}
