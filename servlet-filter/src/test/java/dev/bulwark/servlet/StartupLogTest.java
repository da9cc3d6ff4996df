package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.testsupport.SecurityLog;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The one line a filter logs when the container starts it: Bulwark is active, and how. */
class StartupLogTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                mode: log-only
                deny-rules:
                  level: strict
                  exceptions:
                    - rule-keys: [XSS]
                      parameter: {name: html}
                routes:
                  - when: {path: {prefix: /uploads/}}
                    limits: {body-size: 8MiB}
                  - when: {path: {prefix: /admin/}}
                    deny-rules: {level: strict}
                """);
    }

    @Override
    Filter filter() {
        return BulwarkFilter.create(config());
    }

    @Test
    void logsModeLevelChecksExceptionsAndRoutesOnceAtStart() {
        Assumptions.assumeTrue(SecurityLog.available(), "run through Maven, which sets the log file");
        String expected = "INFO dev.bulwark.servlet.BulwarkFilter - Bulwark active: mode=log-only, "
                + "deny-rules level=strict, checks=[limits, allowed-methods, request-headers, deny-rules], "
                + "deny-rule exceptions=1, routes=2";

        assertThat(SecurityLog.lines()).filteredOn(line -> line.contains(expected)).hasSize(1);
    }
}
