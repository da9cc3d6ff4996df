package dev.bulwark.samples.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BusyFilterTest {

    @Test
    void keepsBusyNoShorterThanItsTime() {
        BusyFilter filter = new BusyFilter(2_000_000);
        long start = System.nanoTime();

        filter.keepBusy();

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(2_000_000);
    }

    @Test
    void refusesATimeThatIsNotPositive() {
        assertThatThrownBy(() -> new BusyFilter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
