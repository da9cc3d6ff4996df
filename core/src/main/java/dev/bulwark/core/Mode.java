package dev.bulwark.core;

/** What happens when a check finds something. */
public enum Mode {
    /** Block the request. */
    BLOCK,
    /** Let the request pass and log the finding; for trying rules on live traffic. */
    LOG_ONLY
}
