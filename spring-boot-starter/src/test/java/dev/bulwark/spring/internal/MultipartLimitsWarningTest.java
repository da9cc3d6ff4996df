package dev.bulwark.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import org.junit.jupiter.api.Test;

/** The start-up warning when Spring's multipart limits would refuse what Bulwark lets through. */
class MultipartLimitsWarningTest {

    private static final long SPRING_MAX_FILE_SIZE = 1024 * 1024;
    private static final long SPRING_MAX_REQUEST_SIZE = 10 * 1024 * 1024;

    private static final BulwarkConfig UPLOAD_ROUTE = BulwarkConfig.fromYaml("""
            routes:
              - when: {path: /health}
              - when: {path: {prefix: /uploads/}}
                limits: {body-size: 50MiB, multipart: {part-size: 20MiB}}
            """);

    @Test
    void staysQuietWithTheDefaultsOfBoth() {
        assertThat(MultipartLimitsWarning.warnings(BulwarkConfig.defaults(), SPRING_MAX_FILE_SIZE, SPRING_MAX_REQUEST_SIZE))
                .isEmpty();
    }

    @Test
    void namesTheRoutePartSizeOverSpringsMaxFileSize() {
        assertThat(MultipartLimitsWarning.warnings(UPLOAD_ROUTE, SPRING_MAX_FILE_SIZE, 100L * 1024 * 1024))
                .singleElement().asString()
                .startsWith("spring.servlet.multipart.max-file-size (1048576 bytes) is lower than "
                        + "bulwark.routes[1].limits.multipart.part-size (20971520 bytes)")
                .contains("Raise spring.servlet.multipart.max-file-size to 20971520B");
    }

    @Test
    void namesTheRouteBodySizeOverSpringsMaxRequestSize() {
        assertThat(MultipartLimitsWarning.warnings(UPLOAD_ROUTE, 20L * 1024 * 1024, SPRING_MAX_REQUEST_SIZE))
                .singleElement().asString()
                .startsWith("spring.servlet.multipart.max-request-size (10485760 bytes) is lower than "
                        + "bulwark.routes[1].limits.body-size (52428800 bytes)");
    }

    @Test
    void staysQuietWhenSpringHasNoLimit() {
        assertThat(MultipartLimitsWarning.warnings(UPLOAD_ROUTE, -1, -1)).isEmpty();
    }
}
