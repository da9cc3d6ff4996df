package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The excerpt a security event may carry: secrets masked, whatever the check reported. */
class MaskingTest {

    @Test
    void masksValuesOfSecretHeadersWhateverTheCheckReported() {
        assertThat(excerpt(Location.value(Source.HEADER, "Authorization"), "Basic dXNlcjpwYXNz")).isEqualTo("******");
        assertThat(excerpt(Location.value(Source.HEADER, "proxy-authorization"), "x")).isEqualTo("******");
        assertThat(excerpt(Location.value(Source.HEADER, "Cookie"), "sid=1")).isEqualTo("******");
        assertThat(excerpt(Location.value(Source.COOKIE, "theme"), "dark")).isEqualTo("******");
    }

    @Test
    void masksValuesOfSecretLookingParameters() {
        assertThat(excerpt(Location.value(Source.QUERY, "api_key"), "k-123")).isEqualTo("******");
        assertThat(excerpt(Location.value(Source.FORM, "Password"), "hunter2")).isEqualTo("******");
        assertThat(excerpt(Location.value(Source.JSON, "/user/token"), "abc")).isEqualTo("******");
    }

    @Test
    void keepsNamesOfSecretLookingItems() {
        assertThat(excerpt(Location.name(Source.QUERY, "password"), "password")).isEqualTo("password");
    }

    @Test
    void masksSecretPairsAndCredentialsInsideAnExcerpt() {
        Location body = Location.value(Source.BODY, "");

        assertThat(excerpt(body, "user=bob&password=hunter2&x=1")).isEqualTo("user=bob&password=******&x=1");
        assertThat(excerpt(body, "{\"name\":\"bob\",\"secret\":\"s3cr3t\"}"))
                .isEqualTo("{\"name\":\"bob\",\"secret\":\"******\"}");
        assertThat(excerpt(body, "Authorization: Bearer eyJhbGciOi.x.y")).doesNotContain("eyJ");
    }

    private static String excerpt(Location location, String excerpt) {
        return Masking.safeExcerpt(new Finding("SQL", "SQL-TEST", "test finding", location, excerpt, Level.STANDARD,
                Mode.BLOCK, BlockType.DENY, 403));
    }
}
