package dev.bulwark.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Repeat-offender blocking ({@code rate-limits.repeat-offenders}): a client address whose requests
 * were blocked by deny rules {@code blocks} times within {@code within} is refused with 403 for
 * {@code ban}, before any inspection. The count refills evenly over {@code within}, so the limit
 * is a rate: more than {@code blocks} per {@code within}, however the blocks fall.
 *
 * @param blocks deny-rule blocks that earn a ban, at least 1
 * @param within the window they are counted in, positive, at most 1 day
 * @param ban how long the client is refused, positive, at most 1 day
 */
public record RepeatOffenders(int blocks, Duration within, Duration ban) {

    public RepeatOffenders {
        Objects.requireNonNull(within, "within");
        Objects.requireNonNull(ban, "ban");
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks must be at least 1, was " + blocks);
        }
        checkPeriod("within", within);
        checkPeriod("ban", ban);
    }

    private static void checkPeriod(String name, Duration value) {
        if (value.isNegative() || value.isZero() || value.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(name + " must be positive and at most 1d, was " + value);
        }
    }
}
