package dev.bulwark.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paired comparison loads each build apart and times both in alternating rounds. */
class PairedBuildsTest {

    @TempDir
    Path corpora;

    private String previousProperty;

    @BeforeEach
    void writeTypicalCorpus() throws Exception {
        Files.write(corpora.resolve(Corpora.TYPICAL), List.of(
                "{\"id\": \"typical/get/0\", \"label\": \"benign\", \"category\": \"benign\", \"method\": \"GET\","
                        + " \"uri\": \"/api/v1/orders?status=open\", \"headers\": [[\"Host\", \"api.example.com\"]]}"));
        previousProperty = System.setProperty(Corpora.PROPERTY, corpora.toString());
    }

    @AfterEach
    void restoreProperty() {
        if (previousProperty == null) {
            System.clearProperty(Corpora.PROPERTY);
        } else {
            System.setProperty(Corpora.PROPERTY, previousProperty);
        }
    }

    @Test
    void loadsEachBuildByAClassLoaderOfItsOwn() throws Exception {
        PairedBuilds.Build first = PairedBuilds.Build.load("first", testClasspath(), "get", "standard");
        PairedBuilds.Build second = PairedBuilds.Build.load("second", testClasspath(), "get", "standard");

        assertThat(first.engine().getClass()).isNotSameAs(second.engine().getClass());
        assertThat(first.engine().getClass().getName()).isEqualTo(second.engine().getClass().getName());
        assertThat(first.call()).isPositive();
    }

    @Test
    void givesAMedianForEveryMeasuredRoundOfEachBuild() throws Exception {
        PairedBuilds.Build first = PairedBuilds.Build.load("first", testClasspath(), "get", "standard");
        PairedBuilds.Build second = PairedBuilds.Build.load("second", testClasspath(), "get", "standard");

        long[][] medians = PairedBuilds.roundMedians(first, second, 1, 4, 9);

        assertThat(medians).hasDimensions(2, 4);
        assertThat(Arrays.stream(medians).flatMapToLong(Arrays::stream)).allMatch(median -> median > 0);
    }

    @Test
    void ratioIsTheMedianOfTheRoundsRatiosWithItsQuartiles() {
        long[] first = {10, 10, 10, 10, 10};
        long[] second = {9, 12, 10, 8, 11};

        PairedBuilds.Ratio ratio = PairedBuilds.Ratio.of(first, second);

        assertThat(ratio.median()).isCloseTo(1.0, within(1e-9));
        assertThat(ratio.lowerQuartile()).isCloseTo(0.9, within(1e-9));
        assertThat(ratio.upperQuartile()).isCloseTo(1.1, within(1e-9));
    }

    private static URL[] testClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(URL[]::new);
    }
}
