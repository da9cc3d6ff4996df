package dev.bulwark.core;

/**
 * How eager deny rules are. A rule has a level; a configured level enables every rule at or below
 * it. Higher levels catch more attacks and risk more false positives.
 */
public enum Level {
    /** No rule is enabled. */
    OFF,
    /** Near-certain attacks only. */
    BASIC,
    /** The default: attacks with a clear structure, tuned to leave legitimate traffic alone. */
    STANDARD,
    /** Also fragments and weaker signals; expect to add exceptions. */
    STRICT;

    /** Whether a rule of level {@code ruleLevel} is enabled when this level is configured. */
    public boolean enables(Level ruleLevel) {
        return ruleLevel != OFF && this != OFF && ruleLevel.ordinal() <= ordinal();
    }
}
