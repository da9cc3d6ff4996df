package dev.bulwark.servlet.internal;

/**
 * The body did not arrive within its {@link dev.bulwark.core.config.BodyReadLimits body-read}
 * deadline: the client sent it too slowly or stopped sending. Answered with 408 and a closed
 * connection.
 */
public final class BodyReadTimeoutException extends BodyReadException {

    private static final long serialVersionUID = 1L;

    private final boolean rateBound;
    private final long bytesRead;

    /**
     * @param rateBound whether the minimum rate, rather than the timeout, set the deadline
     * @param bytesRead the bytes of the body received by then
     */
    public BodyReadTimeoutException(boolean rateBound, long bytesRead) {
        super("request body too slow: " + bytesRead + " bytes before the "
                + (rateBound ? "min-rate" : "timeout") + " deadline");
        this.rateBound = rateBound;
        this.bytesRead = bytesRead;
    }

    /** Whether the minimum rate, rather than the timeout, set the deadline that passed. */
    public boolean rateBound() {
        return rateBound;
    }

    /** The bytes of the body received before the deadline. */
    public long bytesRead() {
        return bytesRead;
    }
}
