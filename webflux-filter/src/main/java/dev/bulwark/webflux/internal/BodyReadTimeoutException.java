package dev.bulwark.webflux.internal;

/**
 * The body did not arrive by its deadline (see {@link dev.bulwark.core.config.BodyReadLimits}).
 * Carries what the security event reports: the bytes received and which bound was broken.
 */
public final class BodyReadTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long bytesRead;
    private final boolean rateBound;

    BodyReadTimeoutException(long bytesRead, boolean rateBound) {
        super((rateBound ? "minimum rate" : "timeout") + " reached after " + bytesRead + " bytes", null, false, false);
        this.bytesRead = bytesRead;
        this.rateBound = rateBound;
    }

    /** Bytes received before the deadline. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Whether the minimum rate, not the total timeout, ended the read. */
    public boolean rateBound() {
        return rateBound;
    }
}
