package dev.bulwark.core.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One rule of the positive model ({@code allow-rules:}): the requests it describes may pass on to
 * the deny rules. A request must meet every condition of at least one rule.
 *
 * @param name a name for the log; empty when none was given
 * @param path matched against the decoded, normalised path; {@code null} for any path
 * @param methods upper-case methods; empty for any method the service allows
 * @param contentTypes media types a request body may have (matched in lower case, without
 *     parameters); empty for any. A request without {@code Content-Type} and without body meets
 *     this condition; one with a body but no {@code Content-Type} does not
 * @param parameters the parameter names (query, form and multipart fields, decoded) the request may
 *     carry; {@code null} for any name, empty for no parameters at all
 */
public record AllowRule(String name, StringMatcher path, Set<String> methods, List<StringMatcher> contentTypes,
        List<StringMatcher> parameters) {

    public AllowRule {
        name = name == null ? "" : name;
        methods = methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        contentTypes = List.copyOf(contentTypes);
        parameters = parameters == null ? null : List.copyOf(parameters);
    }

    /** A rule for a path and methods, any content type and any parameters. */
    public static AllowRule of(StringMatcher path, String... methods) {
        return new AllowRule("", path, Set.of(methods), List.of(), null);
    }

    /** Whether the rule restricts parameter names. */
    public boolean restrictsParameters() {
        return parameters != null;
    }
}
