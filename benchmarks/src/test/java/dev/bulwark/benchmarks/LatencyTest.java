package dev.bulwark.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyTest {

    @Test
    void takesNearestRankPercentilesOfAHundredValues() {
        long[] values = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray();

        assertThat(Latency.of(values)).isEqualTo(new Latency(100, 50, 99, 100));
    }

    @Test
    void takesNearestRankPercentilesOfAFewValues() {
        assertThat(Latency.of(new long[] {30, 10, 20})).isEqualTo(new Latency(3, 20, 30, 30));
        assertThat(Latency.of(new long[] {4, 1, 3, 2})).isEqualTo(new Latency(4, 2, 4, 4));
        assertThat(Latency.of(new long[] {7})).isEqualTo(new Latency(1, 7, 7, 7));
    }

    @Test
    void p99OfAThousandValuesLeavesOutTheTenLargest() {
        long[] values = LongStream.rangeClosed(1, 1000).toArray();

        assertThat(Latency.of(values).p99()).isEqualTo(990);
        assertThat(Latency.percentile(values, 99.9)).isEqualTo(999);
        assertThat(Latency.percentile(values, 0.05)).isEqualTo(1);
    }

    @Test
    void reportsNothingForNoValues() {
        assertThat(Latency.of(new long[0])).isEqualTo(Latency.NONE);
    }

    @Test
    void leavesTheValuesUnsorted() {
        long[] values = {3, 1, 2};

        Latency.of(values);
        Latency.median(values);

        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void takesTheMiddleValueAsMedian() {
        assertThat(Latency.median(new long[] {9, 1, 5})).isEqualTo(5);
        assertThat(Latency.median(new long[] {8, 2, 4, 100})).isEqualTo(6);
        assertThat(Latency.median(new long[] {2, 3})).isEqualTo(2);
        assertThat(Latency.median(new long[] {42})).isEqualTo(42);
    }

    @Test
    void rejectsPercentilesOutOfRange() {
        assertThatThrownBy(() -> Latency.percentile(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Latency.percentile(new long[] {1}, 100.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Latency.percentile(new long[0], 50)).isInstanceOf(IllegalArgumentException.class);
    }
}
