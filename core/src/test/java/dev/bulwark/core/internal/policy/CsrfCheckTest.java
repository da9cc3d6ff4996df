package dev.bulwark.core.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;

class CsrfCheckTest {

    private static final BulwarkConfig CSRF = ConfigLoader.fromYaml("""
            csrf:
              enabled: true
              allowed-origins: [https://app.example.com, "https://*.partner.example"]
            """);

    @Test
    void allowsSafeMethodsFromAnywhere() {
        assertThat(evaluate(CSRF, post("https://evil.example").method("GET")).allowed()).isTrue();
    }

    @Test
    void allowsUnsafeRequestFromTheServicesOwnOrigin() {
        assertThat(evaluate(CSRF, post("http://shop.example")).allowed()).isTrue();
    }

    @Test
    void refusesUnsafeRequestFromAForeignOrigin() {
        Decision decision = evaluate(CSRF, post("https://evil.example"));

        assertThat(decision.status()).isEqualTo(403);
        assertThat(decision.blockType()).isEqualTo(BlockType.CSRF);
        assertThat(decision.findings().get(0).ruleId()).isEqualTo("CSRF-ORIGIN-MISMATCH");
    }

    @Test
    void refusesOriginNull() {
        Decision decision = evaluate(CSRF, post("null"));

        assertThat(decision.blocked()).isTrue();
        assertThat(decision.findings().get(0).ruleId()).isEqualTo("CSRF-ORIGIN-NULL");
    }

    @Test
    void refusesOriginNullFromACrossSiteFetch() {
        assertThat(evaluate(CSRF, post("null").header("Sec-Fetch-Site", "cross-site")).blocked()).isTrue();
    }

    @Test
    void acceptsSameOriginFetchMetadataWhateverTheReferrerPolicyDidToOrigin() {
        assertThat(evaluate(CSRF, post("null").header("Sec-Fetch-Site", "same-origin")).allowed()).isTrue();
    }

    @Test
    void refusesCrossSiteFetchWithoutOrigin() {
        Decision decision = evaluate(CSRF, post(null).header("Sec-Fetch-Site", "cross-site"));

        assertThat(decision.findings().get(0).ruleId()).isEqualTo("CSRF-CROSS-SITE");
    }

    @Test
    void refusesAnotherPortOrSchemeOfTheSameHost() {
        assertThat(evaluate(CSRF, post("http://shop.example:8080")).blocked()).isTrue();
        assertThat(evaluate(CSRF, post("https://shop.example")).blocked()).isTrue();
    }

    @Test
    void refusesOriginThatOnlyStartsLikeTheService() {
        assertThat(evaluate(CSRF, post("http://shop.example.evil.example")).blocked()).isTrue();
        assertThat(evaluate(CSRF, post("http://shop.example@evil.example")).blocked()).isTrue();
    }

    @Test
    void allowsConfiguredOriginsAndSubdomainPatterns() {
        assertThat(evaluate(CSRF, post("https://app.example.com")).allowed()).isTrue();
        assertThat(evaluate(CSRF, post("HTTPS://APP.EXAMPLE.COM:443")).allowed()).isTrue();
        assertThat(evaluate(CSRF, post("https://eu.partner.example")).allowed()).isTrue();
        assertThat(evaluate(CSRF, post("https://partner.example")).blocked()).isTrue();
    }

    @Test
    void refusesMoreThanOneOrigin() {
        Decision decision = evaluate(CSRF, post("http://shop.example").header("origin", "https://evil.example"));

        assertThat(decision.findings().get(0).ruleId()).isEqualTo("CSRF-ORIGIN-AMBIGUOUS");
    }

    @Test
    void fallsBackToTheRefererWithoutOrigin() {
        assertThat(evaluate(CSRF, post(null).header("Referer", "http://shop.example/cart?step=2")).allowed()).isTrue();
        Decision foreign = evaluate(CSRF, post(null).header("Referer", "https://evil.example/http://shop.example/"));
        assertThat(foreign.findings().get(0).ruleId()).isEqualTo("CSRF-REFERER-MISMATCH");
    }

    @Test
    void refusesUnsafeRequestWithoutOriginOrReferer() {
        Decision decision = evaluate(CSRF, post(null));

        assertThat(decision.findings().get(0).ruleId()).isEqualTo("CSRF-ORIGIN-MISSING");
    }

    @Test
    void exemptsRequestsWithoutBrowserCredentials() {
        HttpRequest request = HttpRequest.builder("POST", "/cart").remoteAddress("192.0.2.1")
                .header("Host", "shop.example").header("Origin", "https://evil.example")
                .header("Authorization", "Bearer abc").build();

        assertThat(Bulwark.create(CSRF).evaluate(request).allowed()).isTrue();
    }

    @Test
    void checksRequestsWithHttpAuthenticationTheBrowserAddsByItself() {
        HttpRequest request = HttpRequest.builder("POST", "/cart").remoteAddress("192.0.2.1")
                .header("Host", "shop.example").header("Origin", "https://evil.example")
                .header("Authorization", "Basic YTpi").build();

        assertThat(Bulwark.create(CSRF).evaluate(request).blocked()).isTrue();
    }

    @Test
    void checksEveryUnsafeRequestWhenNotLimitedToAmbientCredentials() {
        BulwarkConfig config = ConfigLoader.fromYaml("csrf: {enabled: true, ambient-credentials-only: false}");
        HttpRequest request = HttpRequest.builder("POST", "/cart").remoteAddress("192.0.2.1")
                .header("Host", "shop.example").header("Origin", "https://evil.example").build();

        assertThat(Bulwark.create(config).evaluate(request).blocked()).isTrue();
    }

    @Test
    void comparesWithServiceOriginsInsteadOfTheClientsHost() {
        BulwarkConfig config = ConfigLoader.fromYaml("csrf: {enabled: true, service-origins: [https://shop.example]}");

        assertThat(evaluate(config, post("http://shop.example")).blocked()).isTrue();
        assertThat(evaluate(config, post("https://shop.example")).allowed()).isTrue();
    }

    @Test
    void believesTheSchemeATrustedProxyForwards() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                csrf: {enabled: true}
                client-ip: {source: x-forwarded-for, trusted-proxies: [10.0.0.0/8]}
                """);

        assertThat(evaluate(config, post("https://shop.example").remoteAddress("10.0.0.1")
                .header("X-Forwarded-Proto", "https")).allowed()).isTrue();
        assertThat(evaluate(config, post("https://shop.example").remoteAddress("198.51.100.7")
                .header("X-Forwarded-Proto", "https")).blocked()).isTrue();
    }

    @Test
    void exemptsARouteThatSwitchesTheCheckOff() {
        BulwarkConfig config = ConfigLoader.fromYaml("""
                csrf: {enabled: true}
                routes: [{when: {path: {prefix: /webhooks/}}, csrf: {enabled: false}}]
                """);

        assertThat(evaluate(config, post("https://evil.example").target("/webhooks/pay")).allowed()).isTrue();
        assertThat(evaluate(config, post("https://evil.example").target("/cart")).blocked()).isTrue();
    }

    @Test
    void runsOnlyOnARouteThatSwitchesItOn() {
        BulwarkConfig config = ConfigLoader.fromYaml("routes: [{when: {path: {prefix: /account/}}, csrf: {enabled: true}}]");

        assertThat(evaluate(config, post("https://evil.example").target("/account/email")).blocked()).isTrue();
        assertThat(evaluate(config, post("https://evil.example").target("/cart")).allowed()).isTrue();
    }

    @Test
    void logsOnlyInLogOnlyMode() {
        BulwarkConfig config = ConfigLoader.fromYaml("csrf: {enabled: true, mode: log-only}");

        Decision decision = evaluate(config, post("https://evil.example"));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.findings().get(0).mode()).isEqualTo(Mode.LOG_ONLY);
    }

    /** A form post with a session cookie to http://shop.example/cart, from {@code origin} (none when null). */
    private static HttpRequest.Builder post(String origin) {
        HttpRequest.Builder request = HttpRequest.builder("POST", "/cart").remoteAddress("192.0.2.1")
                .header("Host", "shop.example").header("Cookie", "session=abc");
        return origin == null ? request : request.header("Origin", origin);
    }

    private static Decision evaluate(BulwarkConfig config, HttpRequest.Builder request) {
        return Bulwark.create(config).evaluate(request.build());
    }
}
