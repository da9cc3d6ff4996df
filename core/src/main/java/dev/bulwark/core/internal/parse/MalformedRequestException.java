package dev.bulwark.core.internal.parse;

import dev.bulwark.core.Location;

/** A part of the request could not be parsed as what it claims to be. Answered with 400. */
public final class MalformedRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final Location location;
    private final String detail;

    /**
     * @param reason a stable, short reason for the log, e.g. {@code json.syntax}
     * @param location where parsing failed
     * @param detail what went wrong, for the log (never shown to the client)
     */
    public MalformedRequestException(String reason, Location location, String detail) {
        super(reason + " at " + location + ": " + detail, null, false, false);
        this.reason = reason;
        this.location = location;
        this.detail = detail;
    }

    /** The same failure found at {@code elsewhere}: for a parse of text that another value carried. */
    public MalformedRequestException at(Location elsewhere) {
        return new MalformedRequestException(reason, elsewhere, detail);
    }

    public String reason() {
        return reason;
    }

    public Location location() {
        return location;
    }
}
