package dev.bulwark.core.config;

import dev.bulwark.core.Mode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * OpenAPI enforcement ({@code openapi:}): only what the contract allows reaches the service.
 * Requests are validated with Atlassian's swagger-request-validator, built once at start-up.
 *
 * @param specs the contracts; a request is validated against the first spec whose conditions or
 *     base path match it, and not at all when none does
 * @param mode block or log only, for OpenAPI violations; {@code null} to follow the global mode
 * @param unexpectedQueryParameters whether query parameters the operation does not declare are
 *     violations; default {@code true}
 * @param ignore validator message keys to ignore entirely
 * @param logOnly validator message keys that are only logged
 * @param maxViolations most violations reported per request; default 10
 * @param details whether the block response lists violation keys and locations; default {@code true}
 * @param validateResponses whether responses are validated too (log only, never changed); default {@code false}
 */
public record OpenApiConfig(List<Spec> specs, Mode mode, boolean unexpectedQueryParameters, Set<String> ignore,
        Set<String> logOnly, int maxViolations, boolean details, boolean validateResponses) {

    public OpenApiConfig {
        specs = List.copyOf(specs);
        ignore = Set.copyOf(ignore);
        logOnly = Set.copyOf(logOnly);
        if (maxViolations < 1) {
            throw new IllegalArgumentException("max-violations must be at least 1");
        }
    }

    /** No OpenAPI enforcement. */
    public static OpenApiConfig disabled() {
        return new OpenApiConfig(List.of(), null, true, Set.of(), Set.of(), 10, true, false);
    }

    public boolean enabled() {
        return !specs.isEmpty();
    }

    /**
     * One contract.
     *
     * @param location {@code classpath:}, a file path, or an http(s) URL; YAML or JSON; OpenAPI 3.0 or 3.1
     * @param basePath the path prefix under which the spec's paths are served, e.g. {@code /api}; empty for none
     * @param when further conditions selecting requests for this spec
     */
    public record Spec(String location, String basePath, RequestCondition when) {
        public Spec {
            Objects.requireNonNull(location, "location");
            if (location.isBlank()) {
                throw new IllegalArgumentException("location must not be blank");
            }
            basePath = basePath == null ? "" : basePath;
            if (!basePath.isEmpty() && !basePath.startsWith("/")) {
                throw new IllegalArgumentException("base-path must start with /: " + basePath);
            }
            if (basePath.endsWith("/")) {
                basePath = basePath.substring(0, basePath.length() - 1);
            }
            if (when == null) {
                when = RequestCondition.always();
            }
        }

        /**
         * Whether a request with this routed path ({@link RoutingPath#exact()}: path parameters
         * cut, decoded, dot-segments resolved) falls under this spec's base path.
         */
        public boolean covers(String path) {
            return basePath.isEmpty() || path.equals(basePath) || path.startsWith(basePath + "/");
        }

        /**
         * Whether some spelling of the path falls under the base path (another case, dots or
         * spaces at the end of a segment, see {@link RoutingPath}): such a request is refused as
         * a path the contract does not have, rather than passed unvalidated.
         */
        public boolean coversAnySpelling(RoutingPath path) {
            if (covers(path.exact())) {
                return true;
            }
            String base = basePath.toLowerCase(Locale.ROOT);
            for (String spelling : new String[] {path.exact().toLowerCase(Locale.ROOT), path.folded()}) {
                if (spelling.equals(base) || spelling.startsWith(base + "/")) {
                    return true;
                }
            }
            return false;
        }
    }
}
