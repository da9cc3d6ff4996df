package dev.bulwark.benchmarks;

import dev.bulwark.core.HttpRequest;

/**
 * Requests handed out in turn, round and round, so that a benchmark operation evaluates the next
 * one. Not thread-safe: each JMH state of {@code Scope.Thread} holds its own.
 */
final class RequestCycle {

    private final HttpRequest[] requests;
    private int next;

    /** @param requests at least one */
    RequestCycle(HttpRequest[] requests) {
        this.requests = requests;
    }

    HttpRequest next() {
        HttpRequest request = requests[next];
        next = next + 1 == requests.length ? 0 : next + 1;
        return request;
    }

    /** The requests, in the order they are handed out. */
    HttpRequest[] requests() {
        return requests;
    }
}
