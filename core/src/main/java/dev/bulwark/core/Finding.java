package dev.bulwark.core;

import java.util.Objects;

/**
 * Something a check found in a request: which rule, where, and what follows from it.
 *
 * @param ruleKey the family, e.g. {@code SQL}, {@code XSS}, {@code LIMIT}; stable, used in
 *     exceptions and metrics
 * @param ruleId the stable id of the rule within its family, e.g. {@code SQL-UNION}
 * @param description one line for the log
 * @param location where in the request
 * @param excerpt a short, sanitised piece of the offending value, for the log only
 * @param level the rule's level
 * @param mode block or log only, after configuration and overrides were applied
 * @param blockType the kind of block, which selects the response
 * @param status the response status if this finding blocks
 */
public record Finding(
        String ruleKey,
        String ruleId,
        String description,
        Location location,
        String excerpt,
        Level level,
        Mode mode,
        BlockType blockType,
        int status) {

    public Finding {
        Objects.requireNonNull(ruleKey, "ruleKey");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(excerpt, "excerpt");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(blockType, "blockType");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 4xx or 5xx: " + status);
        }
    }

    /** Whether this finding blocks the request. */
    public boolean blocks() {
        return mode == Mode.BLOCK;
    }

    /**
     * A finding that blocks in every mode, without an excerpt: for what an adapter finds itself
     * (a body the container could not deliver, a failure of the engine call).
     */
    public static Finding blocking(String ruleKey, String ruleId, String message, Location location, BlockType blockType,
            int status) {
        return new Finding(ruleKey, ruleId, message, location, "", Level.BASIC, Mode.BLOCK, blockType, status);
    }

    /** The same finding in another mode. */
    public Finding withMode(Mode newMode) {
        return newMode == mode ? this
                : new Finding(ruleKey, ruleId, description, location, excerpt, level, newMode, blockType, status);
    }
}
