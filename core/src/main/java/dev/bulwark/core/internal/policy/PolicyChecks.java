package dev.bulwark.core.internal.policy;

import dev.bulwark.core.Check;
import dev.bulwark.core.Client;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.config.BulwarkConfig;
import java.util.List;

/**
 * The request policy, in the engine's order: the client is resolved before the route is selected
 * (route conditions use it); then, once the route is known, the policy {@link Check}s run: IP
 * rules, method overrides and allowed methods, allow rules, the CSRF check and request header
 * filtering, each stopping at a blocking finding. Built once per configuration; thread-safe.
 */
public final class PolicyChecks {

    private final ClientIpResolver clientIp;
    private final List<Check> checks;

    public PolicyChecks(BulwarkConfig config) {
        this.clientIp = new ClientIpResolver(config.clientIp());
        this.checks = List.of(
                new IpRuleCheck(config.ipRules()),
                new MethodCheck(config.allowedMethods(), config.methodOverride()),
                new AllowRuleCheck(config.allowRules()),
                new CsrfCheck(config.csrf()),
                new HeaderFilter(config.headers().request(), config.clientIp()));
    }

    /** Resolves the client; call before route selection and give the result to the inspection. */
    public Client resolveClient(Inspection inspection) {
        return clientIp.resolve(inspection);
    }

    /**
     * Finds the method override fields of a parsed request; with {@code method-override: allow}, its
     * {@link MethodOverride#effectiveMethod()} is the method to judge, routes included.
     */
    public MethodOverride methodOverride(Inspection inspection) {
        return MethodOverride.of(inspection);
    }

    /** The checks that depend on the route, in order; run them after route selection, before the others. */
    public List<Check> checks() {
        return checks;
    }
}
