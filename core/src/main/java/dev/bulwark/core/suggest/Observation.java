package dev.bulwark.core.suggest;

import dev.bulwark.core.Finding;
import java.util.List;
import java.util.Objects;

/**
 * Findings seen on one request, to be counted as they are (read from a security log, say).
 *
 * @param route the route pattern
 * @param method the request method
 * @param client who sent it
 * @param findings the findings that would block
 */
public record Observation(String route, String method, String client, List<Finding> findings) {

    public Observation {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(client, "client");
        findings = List.copyOf(findings);
    }
}
