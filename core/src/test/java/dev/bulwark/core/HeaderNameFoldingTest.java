package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HeaderNameFoldingTest {

    @Test
    void givesOneSharedStringForACommonNameInAnyCase() {
        String canonical = HeaderNameFolding.lowerCase("User-Agent");

        assertThat(canonical).isEqualTo("user-agent");
        assertThat(HeaderNameFolding.lowerCase("USER-AGENT")).isSameAs(canonical);
        assertThat(HeaderNameFolding.lowerCase(new String("user-agent"))).isSameAs(canonical);
    }

    @Test
    void foldsEveryNameAsToLowerCaseInTheRootLocaleDoes() {
        List<String> names = List.of("Accept", "X-Request-Id", "X-Custom-Thing", "x_forwarded_for", "Te", "T",
                "Hoſt", "\u212Aeep-Alive", "İf-Match", "Cookie2", "Cookiee", "Authorizatio", "a", "ÄCCEPT",
                "Sec-CH-UA-Platform", "DNT", "x-http-method-override");

        for (String name : names) {
            assertThat(HeaderNameFolding.lowerCase(name)).as(name).isEqualTo(name.toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void takesANameWithLettersOutsideAsciiForNoCommonName() {
        // The Kelvin sign folds to "k" under toLowerCase, so the result is equal, but it is not the shared string.
        String kelvin = "\u212Aeep-Alive";

        assertThat(HeaderNameFolding.lowerCase(kelvin)).isNotSameAs(HeaderNameFolding.lowerCase("Keep-Alive"));
    }

    @Test
    void foldsAnEmptyNameToItself() {
        assertThat(HeaderNameFolding.lowerCase("")).isEmpty();
    }

    @Test
    void headerFieldsCarryTheSharedName() {
        Headers headers = Headers.builder().add("Content-Type", "application/json").add("CONTENT-TYPE", "text/plain").build();

        assertThat(headers.all().get(0).lowerCaseName()).isSameAs(headers.all().get(1).lowerCaseName())
                .isEqualTo("content-type");
    }
}
