package dev.bulwark.core.internal.deny;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Component;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.config.Route;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Detector;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.ScanTarget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Header and cookie values found clean are not scanned again; everything else is. */
class CleanValueCacheTest {

    private static final RuleDefinition STRICT_RULE =
            new RuleDefinition("TEST-ODD", "TEST", Level.STRICT, "value contains 'odd'", "https://owasp.org/");
    private static final RuleDefinition STANDARD_RULE =
            new RuleDefinition("TEST-EVIL", "TEST", Level.STANDARD, "value contains 'evil'", "https://owasp.org/");

    /** Counts the values it scans; reports STANDARD_RULE for "evil" and STRICT_RULE for "odd". */
    private static final class CountingDetector implements Detector {
        final List<String> scanned = new ArrayList<>();

        @Override
        public String key() {
            return "TEST";
        }

        @Override
        public List<RuleDefinition> rules() {
            return List.of(STANDARD_RULE, STRICT_RULE);
        }

        @Override
        public void scan(ScanTarget target, DetectionSink sink) {
            scanned.add(target.text());
            if (target.text().contains("evil")) {
                sink.report(STANDARD_RULE, 0, 4);
            }
            if (target.text().contains("odd")) {
                sink.report(STRICT_RULE, 0, 3);
            }
        }
    }

    private final CountingDetector detector = new CountingDetector();
    private final DenyRuleCheck check = new DenyRuleCheck(ConfigLoader.fromYaml("").denyRules(), List.of(detector), List.of());

    private List<Finding> inspect(RequestValue... values) {
        Recorder inspection = new Recorder(List.of(values));
        check.inspect(inspection);
        return inspection.findings;
    }

    private static RequestValue header(String name, String value) {
        return RequestValue.plain(Location.value(Source.HEADER, name), value);
    }

    @Test
    void scansCleanHeaderValueOnlyOnce() {
        inspect(header("user-agent", "Mozilla/5.0"));
        inspect(header("user-agent", "Mozilla/5.0"));
        inspect(RequestValue.plain(Location.value(Source.COOKIE, "theme"), "dark"));
        inspect(RequestValue.plain(Location.value(Source.COOKIE, "theme"), "dark"));

        assertThat(detector.scanned).containsExactly("Mozilla/5.0", "dark");
    }

    @Test
    void blocksHeaderValueEveryTime() {
        assertThat(inspect(header("referer", "evil"))).hasSize(1);
        assertThat(inspect(header("referer", "evil"))).hasSize(1);

        assertThat(detector.scanned).containsExactly("evil", "evil");
    }

    @Test
    void rescansHeaderValueWithRuleBelowLevel() {
        // Not counted at the default level, but reported: the value is not clean.
        assertThat(inspect(header("accept", "odd"))).isEmpty();
        assertThat(inspect(header("accept", "odd"))).isEmpty();

        assertThat(detector.scanned).containsExactly("odd", "odd");
    }

    @Test
    void rescansValuesOfOtherSources() {
        RequestValue query = RequestValue.plain(Location.value(Source.QUERY, "q"), "Mozilla/5.0");
        inspect(query);
        inspect(query);

        assertThat(detector.scanned).containsExactly("Mozilla/5.0", "Mozilla/5.0");
    }

    @Test
    void rescansSameTextUnderAnotherNameOrComponent() {
        inspect(header("accept", "text/html"));
        inspect(header("x-accept", "text/html"));
        inspect(RequestValue.plain(Location.name(Source.HEADER, "accept"), "text/html"));

        assertThat(detector.scanned).hasSize(3);
    }

    @Test
    void rescansValuesLongerThanLimit() {
        String longValue = "a".repeat(CleanValueCache.MAX_LENGTH + 1);
        inspect(header("authorization", longValue));
        inspect(header("authorization", longValue));

        assertThat(detector.scanned).hasSize(2);
    }

    @Test
    void forgetsValueWhoseSlotIsTaken() {
        CleanValueCache cache = new CleanValueCache(1);
        Location location = new Location(Source.HEADER, "accept", Component.VALUE);
        cache.markClean(location, "text/html");
        cache.markClean(location, "application/json");

        assertThat(cache.isClean(location, "text/html")).isFalse();
        assertThat(cache.isClean(location, "application/json")).isTrue();
    }

    @Test
    void rejectsCapacityThatIsNoPowerOfTwo() {
        assertThatThrownBy(() -> new CleanValueCache(100)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Records findings; every other part of the inspection is fixed. */
    private static final class Recorder implements Inspection {
        private final HttpRequest request = HttpRequest.builder("GET", "/").remoteAddress("127.0.0.1").build();
        private final List<RequestValue> values;
        private final List<Finding> findings = new ArrayList<>();

        Recorder(List<RequestValue> values) {
            this.values = values;
        }

        @Override
        public HttpRequest request() {
            return request;
        }

        @Override
        public String normalizedPath() {
            return "/";
        }

        @Override
        public RequestValue pathValue() {
            return RequestValue.plain(Location.value(Source.PATH, ""), "/");
        }

        @Override
        public List<RequestValue> values() {
            return values;
        }

        @Override
        public String clientAddress() {
            return "127.0.0.1";
        }

        @Override
        public Route route() {
            return null;
        }

        @Override
        public Mode mode() {
            return Mode.BLOCK;
        }

        @Override
        public void report(Finding finding) {
            findings.add(finding);
        }

        @Override
        public boolean blocked() {
            return findings.stream().anyMatch(Finding::blocks);
        }

        @Override
        public void attribute(String name, Object value) {
        }

        @Override
        public void setRequestHeader(String name, String value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeRequestHeader(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void responseHeader(String name, String value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void violation(dev.bulwark.core.Violation violation) {
            throw new UnsupportedOperationException();
        }
    }
}
