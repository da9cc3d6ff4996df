package dev.bulwark.core.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderNamesTest {

    @Test
    void foldsCaseAndUnderscoresToTheCanonicalName() {
        assertThat(HeaderNames.foldsTo("X_HTTP_Method_Override", "x-http-method-override")).isTrue();
        assertThat(HeaderNames.foldsTo("x-http-method-override", "x-http-method-override")).isTrue();
    }

    @Test
    void doesNotFoldOtherNames() {
        assertThat(HeaderNames.foldsTo("X-HTTP-Method", "x-http-method-override")).isFalse();
        assertThat(HeaderNames.foldsTo("X-HTTP-Method-Overrid3", "x-http-method-override")).isFalse();
        assertThat(HeaderNames.foldsTo("X.HTTP.Method", "x-http-method")).isFalse();
    }

    @Test
    void agreesWithFoldOnNamesThatLowerCaseOutsideAscii() {
        // The Kelvin sign lower-cases to an ASCII k; a dotted capital I to two characters.
        for (String name : new String[] {"X-\u212Aey", "X-\u0130d", "X-\u00C9t\u00E9"}) {
            for (String folded : new String[] {"x-key", "x-id", "x-i\u0307d", "x-\u00E9t\u00E9"}) {
                assertThat(HeaderNames.foldsTo(name, folded)).as(name + " / " + folded)
                        .isEqualTo(HeaderNames.fold(name).equals(folded));
            }
        }
    }
}
