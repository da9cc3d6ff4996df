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
}
