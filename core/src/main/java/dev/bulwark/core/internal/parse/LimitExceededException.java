package dev.bulwark.core.internal.parse;

import dev.bulwark.core.Location;

/**
 * A request exceeded a configured limit. Thrown by parsers so that parsing stops at once: the rest
 * of an oversized input is never read.
 */
public final class LimitExceededException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String limit;
    private final Location location;
    private final long limitValue;
    private final int status;

    /**
     * @param limit the configuration name of the limit, e.g. {@code json.depth}
     * @param location where the limit was exceeded
     * @param limitValue the configured maximum
     * @param status 413, 414, 431 or 400
     */
    public LimitExceededException(String limit, Location location, long limitValue, int status) {
        super(limit + " exceeded at " + location + " (limit " + limitValue + ")", null, false, false);
        this.limit = limit;
        this.location = location;
        this.limitValue = limitValue;
        this.status = status;
    }

    public String limit() {
        return limit;
    }

    public Location location() {
        return location;
    }

    public long limitValue() {
        return limitValue;
    }

    public int status() {
        return status;
    }
}
