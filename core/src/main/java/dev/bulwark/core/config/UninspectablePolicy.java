package dev.bulwark.core.config;

/**
 * What to do with a body Bulwark cannot inspect: a media type it has no parser for that is not
 * text, such as {@code application/octet-stream} or an image. Nothing is skipped silently.
 */
public enum UninspectablePolicy {
    /** Block the request (400). */
    BLOCK,
    /** Let it pass and log an {@code UNINSPECTED} finding. The default. */
    LOG
}
