package dev.bulwark.test;

import static dev.bulwark.test.BulwarkAssertions.assertThat;
import static dev.bulwark.test.TestRequest.get;
import static dev.bulwark.test.TestRequest.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.BlockType;
import dev.bulwark.core.Check;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulwarkTesterTest {

    private static final String UNION = "1 UNION SELECT password FROM users";

    @TempDir
    Path dir;

    @Test
    void evaluatesRequestsAgainstTheDefaults() {
        BulwarkTester bulwark = BulwarkTester.of(BulwarkConfig.defaults());

        assertThat(bulwark.evaluate(get("/orders?q=oak%20table"))).isAllowed().hasNoFindings();
        assertThat(bulwark.evaluate(get("/orders").query("id", UNION))).isBlockedBy("SQL").hasStatus(403);
    }

    @Test
    void readsYamlTextFilesAndClasspathResources() throws Exception {
        Path file = Files.writeString(dir.resolve("bulwark.yaml"), "mode: log-only\n");

        assertThat(BulwarkTester.of("mode: log-only").evaluate(get("/").query("id", UNION))).isAllowed().isLoggedBy("SQL");
        assertThat(BulwarkTester.of(file).config().mode()).isEqualTo(Mode.LOG_ONLY);
        assertThat(BulwarkTester.of("file:" + file).config().mode()).isEqualTo(Mode.LOG_ONLY);
        assertThat(BulwarkTester.of("classpath:bulwark-test.yaml").config().denyRules().level()).isEqualTo(Level.STRICT);
        assertThat(BulwarkTester.of("classpath:/bulwark-test.yaml").config().denyRules().level()).isEqualTo(Level.STRICT);
    }

    @Test
    void failsLikeTheServiceWouldOnABadConfiguration() {
        assertThatThrownBy(() -> BulwarkTester.of("deny-rules: {level: paranoid}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("deny-rules.level: unknown value 'paranoid'");
        assertThatThrownBy(() -> BulwarkTester.of("classpath:missing.yaml"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not found on the classpath: classpath:missing.yaml");
    }

    @Test
    void runsTheApplicationsOwnChecksAfterTheBuiltInOnes() {
        Check noFridays = new Check() {
            @Override
            public String name() {
                return "no-fridays";
            }

            @Override
            public void inspect(Inspection inspection) {
                if (inspection.request().rawPath().startsWith("/friday")) {
                    inspection.report(new Finding("CALENDAR", "CALENDAR-FRIDAY", "closed on Fridays", Location.REQUEST, "",
                            Level.BASIC, Mode.BLOCK, BlockType.DENY, 403));
                }
            }
        };
        BulwarkTester bulwark = BulwarkTester.of(BulwarkConfig.defaults(), noFridays);

        assertThat(bulwark.evaluate(get("/friday"))).isBlockedBy("CALENDAR-FRIDAY");
        assertThat(bulwark.evaluate(get("/monday"))).isAllowed();
    }

    @Test
    void wrapsAnEngineBuiltElsewhere() {
        Bulwark engine = Bulwark.create(BulwarkConfig.defaults());

        assertThat(BulwarkTester.of(engine).bulwark()).isSameAs(engine);
        assertThat(BulwarkTester.of(engine).evaluate(get("/").build())).isAllowed();
        assertThat(BulwarkTester.of(engine).evaluateAll(get("/a"), post("/b").json("{}"))).hasSize(2);
    }
}
