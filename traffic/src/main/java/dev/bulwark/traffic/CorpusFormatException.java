package dev.bulwark.traffic;

/** Recorded traffic (a corpus, a HAR file, a log) is not in its format; the message names the file and place. */
public final class CorpusFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CorpusFormatException(String message) {
        super(message);
    }

    public CorpusFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
