package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.RandomPieces;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link UrlCursor#fromFirstUrl}, which lets values with a colon but no URL pass without a cursor,
 * held to the cursor's own search: it must give a cursor exactly when {@link UrlCursor#next} finds
 * a URL, and that cursor must find the same URLs.
 */
class UrlCursorTest {

    @Test
    void givesACursorExactlyWhenTheCursorFindsAUrl() {
        Random random = new Random(20261207L);
        int withUrl = 0;
        int withColonOnly = 0;
        for (int round = 0; round < 200_000; round++) {
            String value = randomValue(random);
            UrlCursor whole = new UrlCursor(value);
            boolean found = whole.next();
            UrlCursor fromFirst = UrlCursor.fromFirstUrl(value);
            assertThat(fromFirst != null).as(value).isEqualTo(found);
            for (boolean more = found; more; more = whole.next()) {
                assertThat(fromFirst.next()).as(value).isTrue();
                assertThat(new int[] {fromFirst.schemeStart, fromFirst.schemeEnd, fromFirst.end}).as(value)
                        .containsExactly(whole.schemeStart, whole.schemeEnd, whole.end);
            }
            if (found) {
                assertThat(fromFirst.next()).as(value).isFalse();
            }
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
        assertThat(holdsUrl("Call before delivery: +41 44 123 45 67 at 10:30; ratio 3:1")).isFalse();
        assertThat(holdsUrl("")).isFalse();
        assertThat(holdsUrl(":")).isFalse();
    }

    @Test
    void holdsUrlsWhereverTheCursorReadsASchemeBeforeAColon() {
        assertThat(holdsUrl("see http://example.com")).isTrue();
        assertThat(holdsUrl("time 10:30 then gopher:x")).isTrue();
        assertThat(holdsUrl("(file:/etc/passwd)")).isTrue();
        assertThat(holdsUrl("xhttp://glued")).isFalse();
        assertThat(holdsUrl("x.http://after-a-dot")).isTrue();
    }

    private static boolean holdsUrl(String value) {
        return UrlCursor.fromFirstUrl(value) != null;
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
