package dev.bulwark.core.internal.policy;

import dev.bulwark.core.Inspection;
import dev.bulwark.core.config.BulwarkConfig;

/**
 * The request policy, in the engine's order: the client address is resolved before the route is
 * selected (route conditions use it); then, once the route is known, IP rules, method overrides
 * and allowed methods,
 * allow rules, the CSRF check and request header filtering, each stopping at a blocking finding.
 * Built once per configuration; thread-safe.
 */
public final class PolicyChecks {

    private final ClientIpResolver clientIp;
    private final IpRuleCheck ipRules;
    private final MethodCheck methods;
    private final AllowRuleCheck allowRules;
    private final CsrfCheck csrf;
    private final HeaderFilter headers;

    public PolicyChecks(BulwarkConfig config) {
        this.clientIp = new ClientIpResolver(config.clientIp());
        this.ipRules = new IpRuleCheck(config.ipRules());
        this.methods = new MethodCheck(config.allowedMethods(), config.methodOverride());
        this.allowRules = new AllowRuleCheck(config.allowRules());
        this.csrf = new CsrfCheck(config.csrf());
        this.headers = new HeaderFilter(config.headers().request(), config.clientIp());
    }

    /** Resolves the client address; call before route selection and use the result as the client address. */
    public ClientInfo resolveClient(Inspection inspection) {
        return clientIp.resolve(inspection);
    }

    /**
     * Finds the method override fields of a parsed request; with {@code method-override: allow}, its
     * {@link MethodOverride#effectiveMethod()} is the method to judge, routes included.
     */
    public MethodOverride methodOverride(Inspection inspection) {
        return MethodOverride.of(inspection);
    }

    /**
     * Runs the policies that depend on the route; call after route selection, before the other
     * checks, with the request's {@link #methodOverride}.
     */
    public void inspect(Inspection inspection, ClientInfo client, MethodOverride override) {
        if (inspection.blocked()) {
            return;
        }
        ipRules.inspect(inspection);
        if (inspection.blocked()) {
            return;
        }
        methods.inspect(inspection, override);
        if (inspection.blocked()) {
            return;
        }
        allowRules.inspect(inspection);
        if (inspection.blocked()) {
            return;
        }
        csrf.inspect(inspection, client);
        if (inspection.blocked()) {
            return;
        }
        headers.inspect(inspection, client);
    }
}
