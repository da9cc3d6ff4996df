package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The validator on the class path is the version the operation table and the step list were
 * compared against; a build with another version fails here, so that {@code OperationRoutesTest}
 * and {@code RequestStepsTest} are checked against it before {@link ValidatorInternals#TESTED_VERSION}
 * moves.
 */
class ValidatorInternalsTest {

    @Test
    void readsTheTestedValidatorVersionFromTheClassPath() {
        assertThat(ValidatorInternals.VERSION).isEqualTo(ValidatorInternals.TESTED_VERSION);
        assertThat(ValidatorInternals.tested()).isTrue();
    }

    @Test
    void acceptsOnlyTheTestedVersion() {
        assertThat(ValidatorInternals.tested("2.46.1")).isTrue();
        assertThat(ValidatorInternals.tested("2.46.10")).isFalse();
        assertThat(ValidatorInternals.tested(null)).isFalse();
    }
}
