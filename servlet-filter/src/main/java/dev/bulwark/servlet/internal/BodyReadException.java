package dev.bulwark.servlet.internal;

import java.io.IOException;

/**
 * The container could not deliver the request body: the client went away, or the framing was
 * broken (bad chunking, fewer bytes than declared). The client's fault, answered with 400; a body
 * that arrives too slowly is the subclass {@link BodyReadTimeoutException}, answered with 408.
 */
public class BodyReadException extends IOException {

    private static final long serialVersionUID = 1L;

    public BodyReadException(Throwable cause) {
        super("request body could not be read: " + cause, cause);
    }

    BodyReadException(String message) {
        super(message);
    }
}
