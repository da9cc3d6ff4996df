package dev.bulwark.core;

/**
 * What the decoder found and undid (or refused to undo) on the way to the inspected form of a
 * value. Attackers layer encodings to slip payloads past filters; each flag records one such layer
 * so that rules can treat the layering itself as a signal.
 */
public enum DecodingFlag {
    /** Percent-decoding was needed more than once (e.g. {@code %2527}). */
    MULTIPLE_ENCODING,
    /** More layers of percent-encoding than the configured depth remained. */
    ENCODING_DEPTH_EXCEEDED,
    /** A {@code %} not followed by two hex digits. */
    INVALID_PERCENT_ENCODING,
    /** IIS-style {@code %uXXXX} escapes were decoded. */
    PERCENT_U_ENCODING,
    /** Bytes that are not valid UTF-8; kept as U+FFFD, never repaired. */
    INVALID_UTF8,
    /** An overlong UTF-8 form (e.g. {@code C0 AF} for {@code /}); never decoded to the short form. */
    OVERLONG_UTF8,
    /** A NUL character. */
    NUL_BYTE,
    /** Other C0 control characters besides tab, CR and LF. */
    CONTROL_CHARACTER,
    /** HTML character references were decoded. */
    HTML_ENTITIES,
    /** JavaScript or JSON {@code \\uXXXX} escapes were decoded. */
    UNICODE_ESCAPES,
    /** A backslash in a path was read as a slash. */
    BACKSLASH_IN_PATH,
    /** {@code .} or {@code ..} segments were removed from a path. */
    DOT_SEGMENTS,
    /** Empty path segments ({@code //}) were collapsed. */
    EMPTY_SEGMENTS,
    /** A {@code ..} segment tried to climb above the root. */
    PATH_ABOVE_ROOT
}
