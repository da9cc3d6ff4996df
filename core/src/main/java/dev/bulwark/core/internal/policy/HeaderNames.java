package dev.bulwark.core.internal.policy;

import java.util.Locale;

/**
 * Header names as servers and frameworks may read them: many treat {@code _} and {@code -} alike
 * (CGI turns both into {@code _}, and PHP, WSGI, nginx's {@code underscores_in_headers} and some
 * Node and Ruby stacks follow), and every one ignores case. A name compared only as sent lets
 * {@code X_Forwarded_For} or {@code x-user_id} past a list that names {@code X-Forwarded-For} or
 * {@code X-User-Id}.
 */
public final class HeaderNames {

    private HeaderNames() {
    }

    /** The name in lower case with {@code -} for {@code _}: equal for every spelling a server may read alike. */
    public static String fold(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Whether {@code name} {@linkplain #fold folds} to {@code folded}, a name already folded, without
     * building the folded name: a check over every header of every request allocates nothing for
     * the ASCII names requests carry.
     */
    public static boolean foldsTo(String name, String folded) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 0x80) {
                // Lower-casing may change the length or map to ASCII (the Kelvin sign): fold it whole.
                return fold(name).equals(folded);
            }
            // Up to the first non-ASCII character, the folded name has one character per character.
            char lower = c == '_' ? '-' : c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (i >= folded.length() || lower != folded.charAt(i)) {
                return false;
            }
        }
        return name.length() == folded.length();
    }
}
