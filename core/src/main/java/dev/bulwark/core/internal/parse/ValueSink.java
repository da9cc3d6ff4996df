package dev.bulwark.core.internal.parse;

import dev.bulwark.core.RequestValue;

/**
 * Receives the values a parser extracts, in request order. The sink counts what it receives and may
 * stop parsing by throwing when a limit across parsers (e.g. the total parameter count) is passed.
 */
@FunctionalInterface
public interface ValueSink {

    void accept(RequestValue value) throws LimitExceededException;
}
