package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Secrets kept out of what Bulwark shows: the excerpt of a security event, whatever the check
 * reported, and the configuration tree the actuator endpoint describes.
 */
class MaskingTest {

    private static final Location BODY = Location.value(Source.BODY, "");

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

    @Test
    void masksSecretLookingKeysOfATree() {
        assertThat(Masking.mask(Map.of("db-password", "x", "nested", Map.of("api-key", "y"),
                "client-secret", "z", "max-token-size", 8192), path -> false))
                .containsEntry("db-password", "******")
                .containsEntry("nested", Map.of("api-key", "******"))
                .containsEntry("client-secret", "******")
                .containsEntry("max-token-size", 8192);
    }

    @Test
    void redactsEveryValueButKeepsKeysNestingAndListLengths() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("mode", "block");
        tree.put("limits", Map.of("body-size", 1024));
        tree.put("log-only", List.of("SQL", "XSS"));
        tree.put("routes", List.of());

        assertThat(Masking.redact(tree)).isEqualTo(Map.of("mode", "******",
                "limits", Map.of("body-size", "******"), "log-only", List.of("******", "******"), "routes", List.of()));
    }

    @Test
    void masksCredentialsAndQueriesInUrls() {
        assertThat(Masking.maskUrls("https://user:pw@idp.example.com/jwks?key=abc"))
                .isEqualTo("https://******@idp.example.com/jwks?******");
        assertThat(Masking.maskUrls("https://idp.example.com/jwks")).isEqualTo("https://idp.example.com/jwks");
        assertThat(Masking.maskUrls("classpath:openapi.yaml")).isEqualTo("classpath:openapi.yaml");
        assertThat(Masking.mask(Map.of("specs", List.of(Map.of("location", "https://u:p@h/x.yaml"))), path -> false))
                .isEqualTo(Map.of("specs", List.of(Map.of("location", "https://******@h/x.yaml"))));
    }

    @Test
    void masksUrlsInFreeTextWordByWord() {
        assertThat(Masking.maskUrls("default-src 'self' https://cdn.example.com; report-uri https://csp.example.com/r?key=abc"))
                .isEqualTo("default-src 'self' https://cdn.example.com; report-uri https://csp.example.com/r?******");
        assertThat(Masking.maskUrls("<p>See <a href=\"https://u:p@example.com\">here</a></p>"))
                .isEqualTo("<p>See <a href=\"https://******");
        assertThat(Masking.maskUrls("no url here")).isEqualTo("no url here");
    }

    private static String excerpt(Location location, String excerpt) {
        return Masking.safeExcerpt(new Finding("SQL", "SQL-TEST", "test finding", location, excerpt, Level.STANDARD,
                Mode.BLOCK, BlockType.DENY, 403));
    }


    @Test
    void masksAWholeValueAnApplicationCheckReportedWithoutRunningOutOfStack() {
        String value = "{\"password\": \"hunter2\", \"note\": \"" + "x".repeat(200_000) + "\"}";

        String excerpt = Masking.safeExcerpt(finding(value));

        assertThat(excerpt).startsWith("{\"password\": \"******\", \"note\": \"xxx").endsWith("…").doesNotContain("hunter2");
    }

    @Test
    void marksAnExcerptCutBeforeMaskingAsCutWhenMaskingShortensIt() {
        String value = "token=" + "a".repeat(500) + "&next=1";

        assertThat(Masking.safeExcerpt(finding(value))).isEqualTo("token=******…");
    }

    @Test
    void leavesAShortExcerptUncut() {
        assertThat(Masking.safeExcerpt(finding("user=bob&password=hunter2"))).isEqualTo("user=bob&password=******");
    }

    private static Finding finding(String excerpt) {
        return new Finding("APP", "APP-CHECK", "an application's check", BODY, excerpt, Level.BASIC, Mode.BLOCK,
                BlockType.DENY, 403);
    }
}
