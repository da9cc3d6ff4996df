package dev.bulwark.core.internal.policy;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Check;
import dev.bulwark.core.Component;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.AllowRule;
import dev.bulwark.core.config.AllowRulesConfig;
import dev.bulwark.core.config.RoutePolicy;
import dev.bulwark.core.config.StringMatcher;
import dev.bulwark.core.internal.rules.Excerpts;
import java.util.List;

/**
 * The positive model ({@code allow-rules:}): a request must meet every condition of at least one
 * rule. The finding says whether no rule matched at all or a rule matched except for a parameter
 * it does not allow; the client sees neither (404 by default).
 *
 * <p>A CORS preflight ({@code OPTIONS} with one {@code Access-Control-Request-Method}) meets a
 * rule's methods when the rule lists {@code OPTIONS} or the method the preflight asks for: the
 * browser may ask exactly when it may then send the request.
 */
final class AllowRuleCheck implements Check {

    static final String RULE_KEY = "ALLOW";

    private final AllowRulesConfig config;

    AllowRuleCheck(AllowRulesConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "allow-rules";
    }

    @Override
    public void inspect(Inspection inspection) {
        RoutePolicy route = PolicyModes.routePolicy(inspection);
        if (!config.enabled() || Boolean.FALSE.equals(route.allowRules())) {
            return;
        }
        HttpRequest request = inspection.request();
        String path = inspection.normalizedPath();
        String method = inspection.method();
        String preflight = null;
        if (method.equals("OPTIONS")) {
            List<String> requested = request.headers().values("access-control-request-method");
            preflight = requested.size() == 1 ? requested.get(0).trim() : null;
        }
        String mediaType = request.mediaType();
        RequestValue refusedParameter = null;
        AllowRule nearest = null;
        for (AllowRule rule : config.rules()) {
            if (!matchesRequestLine(rule, path, method, preflight, mediaType, request.bodyLength())) {
                continue;
            }
            RequestValue parameter = rule.restrictsParameters() ? firstUnlisted(rule.parameters(), inspection.values()) : null;
            if (parameter == null) {
                return;
            }
            if (nearest == null) {
                nearest = rule;
                refusedParameter = parameter;
            }
        }
        Mode mode = PolicyModes.effective(route.allowRulesMode(), config.mode(), inspection);
        Finding finding;
        if (nearest != null) {
            Location location = refusedParameter.location();
            finding = new Finding(RULE_KEY, "ALLOW-PARAMETER", "parameter not allowed by allow rule "
                    + (nearest.name().isEmpty() ? "#" + (config.rules().indexOf(nearest) + 1) : nearest.name()),
                    location, Excerpts.of(location, refusedParameter.decoded(), 0, Excerpts.MAX_LENGTH), Level.BASIC, mode,
                    BlockType.ALLOW_RULE, config.status());
        } else {
            Location location = Location.value(Source.PATH, "");
            finding = new Finding(RULE_KEY, "ALLOW-NO-MATCH", "no allow rule matches the request", location,
                    Excerpts.of(location, method + " " + path, 0, Excerpts.MAX_LENGTH), Level.BASIC, mode,
                    BlockType.ALLOW_RULE, config.status());
        }
        inspection.report(finding);
    }

    private static boolean matchesRequestLine(AllowRule rule, String path, String method, String preflight,
            String mediaType, int bodyLength) {
        if (rule.path() != null && !rule.path().matches(path)) {
            return false;
        }
        if (!rule.methods().isEmpty() && !rule.methods().contains(method)
                && (preflight == null || !rule.methods().contains(preflight))) {
            return false;
        }
        if (rule.contentTypes().isEmpty()) {
            return true;
        }
        if (mediaType == null) {
            return bodyLength == 0;
        }
        for (StringMatcher type : rule.contentTypes()) {
            if (type.matches(mediaType)) {
                return true;
            }
        }
        return false;
    }

    /** The first parameter name none of the matchers allows, or {@code null}. */
    private static RequestValue firstUnlisted(List<StringMatcher> allowed, List<RequestValue> values) {
        for (RequestValue value : values) {
            Location location = value.location();
            if (location.component() != Component.NAME || !location.source().isParameter()) {
                continue;
            }
            boolean listed = false;
            for (StringMatcher matcher : allowed) {
                if (matcher.matches(value.decoded())) {
                    listed = true;
                    break;
                }
            }
            if (!listed) {
                return value;
            }
        }
        return null;
    }
}
