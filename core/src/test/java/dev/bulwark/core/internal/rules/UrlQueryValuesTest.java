package dev.bulwark.core.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Component;
import dev.bulwark.core.Source;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrlQueryValuesTest {

    private static ScanTarget header(String value) {
        return new ScanTarget(value, Source.HEADER, Component.VALUE, "referer");
    }

    @Test
    void readsNamedAndUnnamedValuesOfAbsoluteUrl() {
        List<ScanTarget> values = UrlQueryValues.of(header("https://shop.example/find?q=a+b&plain&x=1#top"));

        assertThat(values).extracting(ScanTarget::name).containsExactly("q", "", "x");
        assertThat(values).extracting(ScanTarget::text).containsExactly("a b", "plain", "1");
    }

    @Test
    void takesEqualsSignOfLaterPairNotAsNameOfUnnamedValue() {
        List<ScanTarget> values = UrlQueryValues.of(header("/search?id;sleep 5&k=v"));

        assertThat(values).extracting(ScanTarget::name).containsExactly("", "k");
        assertThat(values).extracting(ScanTarget::text).containsExactly("id;sleep 5", "v");
    }

    @Test
    void readsMebibyteOfEmptyPairsInLinearTime() {
        String value = "/?" + "&".repeat(1024 * 1024);

        List<ScanTarget> values = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> UrlQueryValues.of(header(value)));

        assertThat(values).isEmpty();
    }

    @Test
    void decodesPercentEscapesAfterPlusAsBrowsersEncodeThem() {
        List<ScanTarget> values = UrlQueryValues.of(header("https://shop.example/list?filter=ls%20-la+%2Fetc&sum=1%2B1"));

        assertThat(values).extracting(ScanTarget::text).containsExactly("ls -la /etc", "1+1");
    }

    @Test
    void readsQueryOfTargetOnceForEveryFamily() {
        ScanTarget header = header("https://shop.example/find?q=ls");

        assertThat(UrlQueryValues.of(header)).isSameAs(UrlQueryValues.of(header)).hasSize(1);
    }
}
