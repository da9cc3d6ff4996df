package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.CorsPolicy;
import dev.bulwark.core.config.ResponseHeaders;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResponseHeaderPolicyTest {

    private static final ResponseHeaderPolicy DEFAULTS = new ResponseHeaderPolicy(ResponseHeaders.defaults());
    private static final ResponseHeaderPolicy CORS = new ResponseHeaderPolicy(
            new ResponseHeaders(Map.of(), Set.of(), new CorsPolicy(List.of("https://app.example"))));

    @Test
    void listsSecurityHeadersInConfiguredOrderWithStrictTransportSecurityOnlyOverHttps() {
        Map<String, String> configured = ResponseHeaders.defaults().securityHeaders();

        assertThat(DEFAULTS.securityHeaders(true)).extracting(ResponseHeaderPolicy.SecurityHeader::name)
                .containsExactlyElementsOf(configured.keySet());
        assertThat(DEFAULTS.securityHeaders(false)).extracting(ResponseHeaderPolicy.SecurityHeader::name)
                .containsExactlyElementsOf(configured.keySet().stream()
                        .filter(name -> !name.equals("Strict-Transport-Security")).toList());
        assertThat(DEFAULTS.securityHeaders(false))
                .allSatisfy(header -> assertThat(header.value()).isEqualTo(configured.get(header.name())));
    }

    @Test
    void removesServerAndPoweredByWhateverTheirCase() {
        assertThat(DEFAULTS.removes("SERVER")).isTrue();
        assertThat(DEFAULTS.removes("x-powered-by")).isTrue();
        assertThat(DEFAULTS.removes("Content-Type")).isFalse();
    }

    @Test
    void holdsBackAccessControlHeadersOnlyWhenPolicingCors() {
        assertThat(CORS.holdsBack("Access-Control-Allow-Origin")).isTrue();
        assertThat(CORS.holdsBack("Vary")).isFalse();
        assertThat(DEFAULTS.holdsBack("Access-Control-Allow-Origin")).isFalse();
    }

    @Test
    void releasesHeldCorsHeadersOnlyForOneAllowedOrigin() {
        assertThat(CORS.releasesHeldCors(List.of(), List.of())).isTrue();
        assertThat(CORS.releasesHeldCors(List.of("https://app.example"), List.of())).isTrue();
        assertThat(CORS.releasesHeldCors(List.of("https://evil.example"), List.of())).isFalse();
        assertThat(CORS.releasesHeldCors(List.of("https://app.example", "https://app.example"), List.of())).isFalse();
    }

    @Test
    void refusesAWildcardOriginWithCredentials() {
        ResponseHeaderPolicy any = new ResponseHeaderPolicy(
                new ResponseHeaders(Map.of(), Set.of(), new CorsPolicy(List.of("*"))));

        assertThat(any.releasesHeldCors(List.of("*"), List.of())).isTrue();
        assertThat(any.releasesHeldCors(List.of("*"), List.of(" TRUE "))).isFalse();
    }
}
