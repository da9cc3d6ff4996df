package dev.bulwark.core.internal.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.internal.rules.BenignValues;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request paths with a {@code ~} and a digit that stand for no sensitive name ({@code /~alice/},
 * {@code /file~1.txt}, Debian versions, {@code HEAD~1}) must pass the engine at its default level as the
 * request path and in a query, a form, a JSON body and a header. Windows 8.3 short names of sensitive
 * names and short-name scanners' probes stay blocked as the request path (PATH-SHORT-NAME,
 * PATH-SHORT-NAME-PROBE).
 *
 * <p>The benign values are in {@code path/short-name-lookalikes.tsv} (see {@link BenignValues}).
 */
class ShortNameBenignValuesTest {

    private static final Bulwark BULWARK = Bulwark.create(BulwarkConfig.defaults());

    static List<Arguments> benignValues() {
        return BenignValues.read("/path/short-name-lookalikes.tsv");
    }

    static List<String> attacks() {
        return List.of(
            "/WEB-IN~1/web.xml",
            "/web-in~1/web.xml",
            "/app/WEB-IN~1/classes/application.properties",
            "/META-I~1/MANIFEST.MF",
            "/meta-i~1/maven/pom.xml",
            "/BOOT-I~1/classes/application.yml",
            "/GIT~1/config",
            "/git~1/HEAD",
            "/HTACCE~1",
            "/.HTACC~1",
            "/HTPASS~1",
            "/WEB~1.CON",
            "/APPLIC~1.CON",
            "/MACHIN~1.CON",
            "/WEB-IN~2/web.xml",
            "/WEB-IN~1;jsessionid=1/web.xml",
            "/ENV~1",
            "/SVN~1/entries",
            "/*~1*/.aspx",
            "/a*~1*/.aspx",
            "/a*~1*/",
            "/AB*~1.A*",
            "/~1.ASP",
            "/*~1.*/.aspx",
            "/app/CONFIG~1.BAC");
    }

    @Test
    void holdsThirtyBenignValuesAndTwentyAttacks() {
        assertThat(benignValues()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(attacks()).hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("benignValues")
    void allowsTildeLookalikeInEverySourceAndAsRequestPath(String kind, String value) {
        assertThat(BenignValues.blockingRules(value)).as(value).isEmpty();
        assertThat(blockingRulesOfPath(value)).as(value).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void blocksShortNameOfSensitiveNameOrProbeAsRequestPath(String value) {
        assertThat(blockingRulesOfPath(value)).as(value).isNotEmpty().allMatch(rule -> rule.startsWith("PATH-"));
    }

    private static List<String> blockingRulesOfPath(String path) {
        String target = path.replace("*", "%2A").replace("?", "%3F");
        return BULWARK.evaluate(HttpRequest.builder("GET", target).remoteAddress("127.0.0.1").build())
                .blockingFindings().stream().map(Finding::ruleId).toList();
    }
}
