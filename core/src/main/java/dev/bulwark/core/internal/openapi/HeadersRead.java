package dev.bulwark.core.internal.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request headers swagger-request-validator can read under a spec: it looks headers up only by
 * name, for the media types ({@code Content-Type}, {@code Accept}), credentials
 * ({@code Authorization}, API keys), cookie parameters ({@code Cookie}) and declared header
 * parameters. Any other header never changes its verdict, so it need not be handed over.
 */
final class HeadersRead {

    private static final String COMPONENT_PARAMETERS = "#/components/parameters/";

    private HeadersRead() {
    }

    /**
     * The lower-case names, or {@code null} when a parameter is defined where this cannot look
     * (a {@code $ref} to another document): then every header must be passed.
     */
    static Set<String> of(OpenAPI api) {
        Set<String> names = new HashSet<>(Set.of("content-type", "accept", "authorization", "cookie"));
        if (api.getComponents() != null) {
            Map<String, Parameter> parameters = api.getComponents().getParameters();
            if (parameters != null && !addAll(names, List.copyOf(parameters.values()))) {
                return null;
            }
            Map<String, SecurityScheme> schemes = api.getComponents().getSecuritySchemes();
            if (schemes != null) {
                for (SecurityScheme scheme : schemes.values()) {
                    if (scheme.getIn() == SecurityScheme.In.HEADER && scheme.getName() != null) {
                        names.add(scheme.getName().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        if (api.getPaths() != null) {
            for (PathItem item : api.getPaths().values()) {
                if (!addAll(names, item.getParameters())) {
                    return null;
                }
                for (Operation operation : item.readOperations()) {
                    if (!addAll(names, operation.getParameters())) {
                        return null;
                    }
                }
            }
        }
        return Set.copyOf(names);
    }

    /** Adds the header parameters' names; {@code false} when one cannot be resolved here. */
    private static boolean addAll(Set<String> names, List<Parameter> parameters) {
        if (parameters == null) {
            return true;
        }
        for (Parameter parameter : parameters) {
            if (parameter.get$ref() != null) {
                if (!parameter.get$ref().startsWith(COMPONENT_PARAMETERS)) {
                    return false;
                }
            } else if (parameter.getName() == null) {
                return false;
            } else if ("header".equalsIgnoreCase(parameter.getIn())) {
                names.add(parameter.getName().toLowerCase(Locale.ROOT));
            }
        }
        return true;
    }
}
