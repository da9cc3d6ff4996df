package dev.bulwark.benchmarks;

/** A corpus file does not follow the JSON-lines format; the message names the file and line. */
public final class CorpusFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CorpusFormatException(String message) {
        super(message);
    }

    CorpusFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
