package dev.bulwark.webflux.internal;

/** The server could not deliver the request body (client gone, broken chunking). */
public final class BodyReadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BodyReadException(Throwable cause) {
        super(cause);
    }
}
