package dev.bulwark.spring.internal;

import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Masking;
import dev.bulwark.core.config.ConfigDescription;
import dev.bulwark.core.suggest.SuggestionCollector;
import dev.bulwark.core.suggest.Suggestions;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code bulwark} actuator endpoint: the effective configuration, with the YAML file's keys
 * and every secret masked, and since start-up the number of requests with blocking and with
 * log-only findings per rule key. Like every endpoint it is off the web until exposed
 * ({@code management.endpoints.web.exposure.include=bulwark}).
 *
 * <p>Values are shown as Spring Boot's {@code env} endpoint shows them: under {@code never} (the
 * default) every value of the configuration and every count reads {@value Masking#MASK}
 * and only the keys remain; {@code when-authorized} shows them to a caller that Spring Security
 * authenticated (in one of the roles, when any are set); {@code always} to anyone who can call
 * the endpoint. Over JMX there is no caller, so {@code when-authorized} masks there too.
 *
 * <p>{@code /actuator/bulwark/suggestions} shows the exceptions suggested from the findings seen in
 * log-only mode (see {@link SuggestionRecorder}), under the same rule: route patterns, parameter
 * names and rule ids tell an attacker where the holes would be.
 */
@Endpoint(id = "bulwark")
public final class BulwarkEndpoint {

    private final Bulwark bulwark;
    private final BlockCounts counts;
    private final Show showValues;
    private final Set<String> roles;
    private final SuggestionCollector suggestions;

    public BulwarkEndpoint(Bulwark bulwark, BlockCounts counts, Show showValues, Collection<String> roles,
            SuggestionCollector suggestions) {
        this.bulwark = bulwark;
        this.counts = counts;
        this.showValues = showValues;
        this.roles = Set.copyOf(roles);
        this.suggestions = suggestions;
    }

    @ReadOperation
    public Map<String, Object> bulwark(SecurityContext securityContext) {
        boolean shown = showValues.isShown(securityContext, roles);
        Map<String, Object> configuration = ConfigDescription.describe(bulwark.config());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("configuration", shown ? configuration : Masking.redact(configuration));
        body.put("blocked", shown ? counts.blocked() : Masking.redact(counts.blocked()));
        body.put("logged", shown ? counts.logged() : Masking.redact(counts.logged()));
        return body;
    }

    /**
     * {@code suggestions}: the report per rule and location, each suggested exception with its
     * comment, and {@code yaml}, the {@code deny-rules.exceptions} to paste; {@code null} (404) for
     * any other part.
     */
    @ReadOperation
    public Map<String, Object> part(SecurityContext securityContext, @Selector String part) {
        if (!"suggestions".equals(part)) {
            return null;
        }
        Suggestions current = suggestions.suggestions();
        Map<String, Object> body = new LinkedHashMap<>(current.toMap());
        body.put("yaml", current.configuration(null, null));
        return showValues.isShown(securityContext, roles) ? body : Masking.redact(body);
    }
}
