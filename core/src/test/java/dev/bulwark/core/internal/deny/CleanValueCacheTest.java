package dev.bulwark.core.internal.deny;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.Component;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.ConfigLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Values found clean more than once are not scanned again (header and cookie values up to 2,048
 * characters, other values up to 64); everything else is.
 */
class CleanValueCacheTest {

    private static final HttpRequest REQUEST = HttpRequest.builder("GET", "/").remoteAddress("127.0.0.1").build();

    private final WordDetector detector = new WordDetector();
    private final DenyRuleCheck check = new DenyRuleCheck(ConfigLoader.fromYaml("").denyRules(), List.of(detector), List.of());

    private List<Finding> inspect(RequestValue... values) {
        FakeInspection inspection = new FakeInspection(REQUEST, List.of(values), "/", null);
        check.inspect(inspection);
        return inspection.findings;
    }

    private static RequestValue header(String name, String value) {
        return RequestValue.plain(Location.value(Source.HEADER, name), value);
    }

    @Test
    void stopsScanningCleanHeaderValueOnceItRecurs() {
        for (int i = 0; i < 4; i++) {
            inspect(header("user-agent", "Mozilla/5.0"));
            inspect(RequestValue.plain(Location.value(Source.COOKIE, "theme"), "dark"));
        }

        // Seen once, then kept on the second sighting; not scanned after that.
        assertThat(detector.scanned).containsExactly("Mozilla/5.0", "dark", "Mozilla/5.0", "dark");
    }

    @Test
    void keepsNoValueSeenOnlyOnce() {
        CleanValueCache cache = new CleanValueCache(16);
        Location location = Location.value(Source.HEADER, "x-request-id");
        markClean(cache, location, "0c6f2b8e");

        assertThat(isClean(cache, location, "0c6f2b8e")).isFalse();
    }

    @Test
    void doesNotTakeALongValueForAnotherThatSharesItsHash() {
        CleanValueCache cache = new CleanValueCache(16);
        Location location = Location.value(Source.HEADER, "authorization");
        String kept = "Bearer " + "a".repeat(500);
        // One character the hash of a long value does not read: same hash, another value.
        String other = kept.substring(0, 100) + "b" + kept.substring(101);
        markClean(cache, location, kept);
        markClean(cache, location, kept);

        assertThat(CleanValueCache.textHash(other)).isEqualTo(CleanValueCache.textHash(kept));
        assertThat(isClean(cache, location, kept)).isTrue();
        assertThat(isClean(cache, location, other)).isFalse();
    }

    @Test
    void hashesShortValuesWhole() {
        String value = "x".repeat(CleanValueCache.FULLY_HASHED);

        for (int i = 0; i < value.length(); i++) {
            String changed = value.substring(0, i) + 'y' + value.substring(i + 1);
            assertThat(CleanValueCache.textHash(changed)).as("changed at %d", i).isNotEqualTo(CleanValueCache.textHash(value));
        }
    }

    @Test
    void hashesValuesThatDifferOnlyInLengthApart() {
        assertThat(CleanValueCache.textHash("ab")).isNotEqualTo(CleanValueCache.textHash("\0ab"));
    }

    @Test
    void blocksHeaderValueEveryTime() {
        for (int i = 0; i < 3; i++) {
            assertThat(inspect(header("referer", "evil"))).hasSize(1);
        }

        assertThat(detector.scanned).containsExactly("evil", "evil", "evil");
    }

    @Test
    void rescansHeaderValueWithRuleBelowLevel() {
        // Not counted at the default level, but reported: the value is not clean.
        for (int i = 0; i < 3; i++) {
            assertThat(inspect(header("accept", "bad"))).isEmpty();
        }

        assertThat(detector.scanned).containsExactly("bad", "bad", "bad");
    }

    @Test
    void stopsScanningShortCleanQueryAndBodyValuesOnceTheyRecur() {
        for (int i = 0; i < 4; i++) {
            inspect(RequestValue.plain(Location.value(Source.QUERY, "status"), "open"));
            inspect(RequestValue.plain(Location.value(Source.JSON, "/items/0/sku"), "SKU-3471"));
        }

        assertThat(detector.scanned).containsExactly("open", "SKU-3471", "open", "SKU-3471");
    }

    @Test
    void keepsHeaderValuesWhenABodyHasMoreShortValuesThanTheCacheHolds() {
        RequestValue[] values = new RequestValue[5001];
        values[0] = header("user-agent", "curl/8.5.0");
        for (int i = 1; i < values.length; i++) {
            values[i] = RequestValue.plain(Location.value(Source.JSON, "/documents/" + i + "/title"), "Report " + i);
        }
        for (int i = 0; i < 3; i++) {
            inspect(values);
        }
        detector.scanned.clear();

        inspect(values);

        assertThat(detector.scanned).doesNotContain("curl/8.5.0");
    }

    @Test
    void rescansQueryAndBodyValuesLongerThanTheirLimit() {
        String text = "a".repeat(CleanValueCache.MAX_OTHER_LENGTH + 1);
        for (int i = 0; i < 3; i++) {
            inspect(RequestValue.plain(Location.value(Source.QUERY, "q"), text));
            inspect(RequestValue.plain(Location.value(Source.JSON, "/note"), text));
        }

        assertThat(detector.scanned).hasSize(6);
    }

    @Test
    void rescansValuesAtNamesLongerThanTheirLimit() {
        String pointer = "/" + "a".repeat(CleanValueCache.MAX_NAME_LENGTH);
        for (int i = 0; i < 3; i++) {
            inspect(RequestValue.plain(Location.value(Source.JSON, pointer), "blue"));
        }

        assertThat(detector.scanned).hasSize(3);
    }

    @Test
    void blocksBodyValueEveryTime() {
        RequestValue json = RequestValue.plain(Location.value(Source.JSON, "/name"), "evil");
        for (int i = 0; i < 3; i++) {
            assertThat(inspect(json)).hasSize(1);
        }

        assertThat(detector.scanned).containsExactly("evil", "evil", "evil");
    }

    @Test
    void rescansSameTextUnderAnotherNameOrComponent() {
        for (int i = 0; i < 3; i++) {
            inspect(header("accept", "text/html"));
        }
        inspect(header("x-accept", "text/html"));
        inspect(RequestValue.plain(Location.name(Source.HEADER, "accept"), "text/html"));

        assertThat(detector.scanned).hasSize(4);
    }

    @Test
    void rescansValuesLongerThanLimit() {
        String longValue = "a".repeat(CleanValueCache.MAX_LENGTH + 1);
        for (int i = 0; i < 3; i++) {
            inspect(header("authorization", longValue));
        }

        assertThat(detector.scanned).hasSize(3);
    }

    @Test
    void keepsFourValuesThatShareASet() {
        CleanValueCache cache = new CleanValueCache(CleanValueCache.WAYS);
        Location location = new Location(Source.HEADER, "accept", Component.VALUE);
        List<String> values = List.of("text/html", "application/json", "text/plain", "image/png");
        values.forEach(value -> admit(cache, location, value));

        assertThat(values).allMatch(value -> isClean(cache, location, value));
    }

    @Test
    void forgetsTheOldestValueNotInRecentUseWhenAFifthTakesItsSet() {
        CleanValueCache cache = new CleanValueCache(CleanValueCache.WAYS);
        Location location = new Location(Source.HEADER, "accept", Component.VALUE);
        List<String> values = List.of("text/html", "application/json", "text/plain", "image/png", "text/css");
        values.subList(0, 4).forEach(value -> admit(cache, location, value));
        cache.forgetRecentUse();
        isClean(cache, location, "text/html");
        admit(cache, location, "text/css");

        assertThat(isClean(cache, location, "application/json")).isFalse();
        assertThat(List.of("text/html", "text/plain", "image/png", "text/css")).allMatch(value -> isClean(cache, location, value));
    }

    @Test
    void turnsAFifthValueAwayWhileTheFourOfItsSetAreInRecentUse() {
        CleanValueCache cache = new CleanValueCache(CleanValueCache.WAYS);
        Location location = new Location(Source.HEADER, "accept", Component.VALUE);
        List<String> values = List.of("text/html", "application/json", "text/plain", "image/png");
        values.forEach(value -> admit(cache, location, value));
        admit(cache, location, "text/css");

        assertThat(isClean(cache, location, "text/css")).isFalse();
        assertThat(values).allMatch(value -> isClean(cache, location, value));
    }

    @Test
    void makesRoomForNewcomersAfterTurningManyAway() {
        CleanValueCache cache = new CleanValueCache(CleanValueCache.WAYS);
        Location location = new Location(Source.HEADER, "accept", Component.VALUE);
        List<String> values = List.of("text/html", "application/json", "text/plain", "image/png");
        values.forEach(value -> admit(cache, location, value));
        for (int i = 0; i < CleanValueCache.TURNED_AWAY_PER_SLOT * CleanValueCache.WAYS; i++) {
            markClean(cache, location, "text/css");
        }
        admit(cache, location, "text/css");

        assertThat(isClean(cache, location, "text/css")).isTrue();
    }

    @Test
    void keepsAsManyRecurringValuesAsItHasSlotsWhenARequestHasMore() {
        CleanValueCache cache = new CleanValueCache(64);
        List<Location> locations = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            locations.add(Location.value(Source.JSON, "/documents/" + i + "/title"));
        }
        for (int request = 0; request < 3; request++) {
            locations.forEach(location -> {
                if (!isClean(cache, location, "Report")) {
                    markClean(cache, location, "Report");
                }
            });
        }

        long found = locations.stream().filter(location -> isClean(cache, location, "Report")).count();
        assertThat(found).isEqualTo(64);
    }

    private static boolean isClean(CleanValueCache cache, Location location, String text) {
        return cache.isClean(CleanValueCache.hash(location, text), location, text);
    }

    private static void markClean(CleanValueCache cache, Location location, String text) {
        cache.markClean(CleanValueCache.hash(location, text), location, text);
    }

    private static void admit(CleanValueCache cache, Location location, String text) {
        markClean(cache, location, text);
        markClean(cache, location, text);
    }

    @Test
    void findsTheLastValueKeptAtALocationWithoutItsHash() {
        CleanValueCache cache = new CleanValueCache(16);
        Location location = Location.value(Source.HEADER, "accept-language");
        admit(cache, location, "en-GB,en;q=0.9");

        assertThat(cache.isLastAt(Location.value(Source.HEADER, "accept-language"), "en-GB,en;q=0.9")).isTrue();
    }

    @Test
    void findsOnlyTheLastValueAtALocationWithoutItsHash() {
        CleanValueCache cache = new CleanValueCache(16);
        Location location = Location.value(Source.HEADER, "accept");
        admit(cache, location, "text/html");
        admit(cache, location, "application/json");

        assertThat(cache.isLastAt(location, "text/html")).isFalse();
        assertThat(cache.isLastAt(location, "application/json")).isTrue();
    }

    @Test
    void keepsTheLastValueAtALocationWhileItIsInRecentUse() {
        CleanValueCache cache = new CleanValueCache(16);
        Location location = Location.value(Source.HEADER, "accept");
        admit(cache, location, "text/html");
        admit(cache, location, "application/json");

        assertThat(isClean(cache, location, "text/html")).isTrue();
        assertThat(cache.isLastAt(location, "text/html")).isFalse();
        assertThat(cache.isLastAt(location, "application/json")).isTrue();
    }

    @Test
    void forgetsEveryLastValueWhenRecentUseIsForgotten() {
        CleanValueCache cache = new CleanValueCache(16);
        Location location = Location.value(Source.HEADER, "accept");
        admit(cache, location, "text/html");
        cache.forgetRecentUse();

        assertThat(cache.isLastAt(location, "text/html")).isFalse();
        assertThat(isClean(cache, location, "text/html")).isTrue();
    }

    @Test
    void makesAValueFoundByItsHashTheLastAtItsLocationOnceTheLastIsNoLongerInRecentUse() {
        CleanValueCache cache = new CleanValueCache(16);
        Location location = Location.value(Source.HEADER, "accept");
        admit(cache, location, "text/html");
        admit(cache, location, "application/json");
        cache.forgetRecentUse();

        assertThat(isClean(cache, location, "text/html")).isTrue();
        assertThat(cache.isLastAt(location, "text/html")).isTrue();
    }

    @Test
    void forgetsTheLastValueAtALocationWhenItLeavesTheCache() {
        CleanValueCache cache = new CleanValueCache(CleanValueCache.WAYS);
        Location token = Location.value(Source.HEADER, "authorization");
        admit(cache, token, "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl");
        admit(cache, Location.value(Source.HEADER, "accept"), "text/html");
        admit(cache, Location.value(Source.HEADER, "user-agent"), "curl/8.5.0");
        admit(cache, Location.value(Source.HEADER, "accept-language"), "en-GB");
        cache.forgetRecentUse();
        admit(cache, Location.value(Source.HEADER, "accept-encoding"), "gzip");

        assertThat(isClean(cache, token, "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl")).isFalse();
        assertThat(cache.isLastAt(token, "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl")).isFalse();
    }

    @Test
    void findsNoLastValueUnderAnotherNameOrComponentOrForAValueSeenOnce() {
        CleanValueCache cache = new CleanValueCache(16);
        admit(cache, Location.value(Source.HEADER, "accept"), "text/html");
        markClean(cache, Location.value(Source.HEADER, "x-request-id"), "0c6f2b8e");

        assertThat(cache.isLastAt(Location.value(Source.HEADER, "x-accept"), "text/html")).isFalse();
        assertThat(cache.isLastAt(Location.name(Source.HEADER, "accept"), "text/html")).isFalse();
        assertThat(cache.isLastAt(Location.value(Source.COOKIE, "accept"), "text/html")).isFalse();
        assertThat(cache.isLastAt(Location.value(Source.HEADER, "x-request-id"), "0c6f2b8e")).isFalse();
    }

    @Test
    void rejectsCapacityThatIsNoPowerOfTwo() {
        assertThatThrownBy(() -> new CleanValueCache(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CleanValueCache(2)).isInstanceOf(IllegalArgumentException.class);
    }
}
