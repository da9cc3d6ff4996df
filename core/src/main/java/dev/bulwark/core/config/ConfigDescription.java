package dev.bulwark.core.config;

import dev.bulwark.core.Masking;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Describes the effective configuration as a tree with the YAML file's keys, for tools such as the
 * actuator endpoint. Secrets never appear: values the {@link ConfigSchema} marks secret, values
 * under secret-looking keys, and the user information and query of URLs read {@value Masking#MASK}
 * (see {@link Masking}).
 */
public final class ConfigDescription {

    private ConfigDescription() {
    }

    /** The configuration as nested maps, lists, strings, numbers and booleans; secrets masked. */
    public static Map<String, Object> describe(BulwarkConfig config) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("mode", name(config.mode()));
        tree.put("limits", limits(config.limits()));
        tree.put("decoding", Map.of("passes", config.decodingPasses()));
        tree.put("uninspectable", name(config.uninspectable()));
        tree.put("deny-rules", denyRules(config.denyRules()));
        tree.put("jwt", jwt(config.jwt()));
        tree.put("openapi", openapi(config.openapi()));
        tree.put("graphql", graphql(config.graphql()));
        tree.put("allowed-methods", allowedMethods(config.allowedMethods()));
        tree.put("method-override", name(config.methodOverride()));
        tree.put("allow-rules", allowRules(config.allowRules()));
        tree.put("headers", ordered("request", requestHeaders(config.headers().request()),
                "response", responseHeaders(config.headers().response())));
        tree.put("csrf", csrf(config.csrf()));
        tree.put("client-ip", clientIp(config.clientIp()));
        tree.put("ip-rules", ipRules(config.ipRules()));
        tree.put("block-responses", config.blockResponses().responses().stream()
                .map(ConfigDescription::blockResponse).toList());
        tree.put("rate-limits", rateLimits(config.rateLimits()));
        tree.put("routes", config.routes().stream().map(ConfigDescription::route).toList());
        return Masking.mask(tree, ConfigSchema::isSecret);
    }

    private static Map<String, Object> rateLimits(RateLimitsConfig rateLimits) {
        Map<String, Object> tree = new LinkedHashMap<>();
        RedisStore redis = rateLimits.redis();
        tree.put("store", redis == null ? "local" : Map.of("redis", ordered("uri", redis.uri(),
                "timeout", duration(redis.timeout()), "key-prefix", redis.keyPrefix(),
                "retry-interval", duration(redis.retryInterval()))));
        tree.put("on-store-failure", name(rateLimits.onStoreFailure()));
        tree.put("max-keys", rateLimits.maxKeys());
        tree.put("limits", rateLimitList(rateLimits.limits()));
        RepeatOffenders offenders = rateLimits.repeatOffenders();
        if (offenders != null) {
            tree.put("repeat-offenders", ordered("blocks", offenders.blocks(), "within", duration(offenders.within()),
                    "ban", duration(offenders.ban())));
        }
        return tree;
    }

    private static List<Object> rateLimitList(List<RateLimit> limits) {
        List<Object> list = new ArrayList<>();
        for (RateLimit limit : limits) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", limit.name());
            item.put("key", limit.key().toString());
            item.put("bandwidths", limit.bandwidths().stream().map(bandwidth -> (Object) ordered("capacity",
                    bandwidth.capacity(), "period", duration(bandwidth.period()), "refill", name(bandwidth.refill())))
                    .toList());
            condition(item, "when", limit.when());
            putIfSet(item, "mode", name(limit.mode()));
            list.add(item);
        }
        return list;
    }

    private static Map<String, Object> limits(Limits limits) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("body-size", limits.bodySize());
        tree.put("path-length", limits.pathLength());
        tree.put("query-length", limits.queryLength());
        tree.put("parameters", ordered("count", limits.parameterCount(), "name-length", limits.parameterNameLength(),
                "value-length", limits.parameterValueLength()));
        tree.put("headers", ordered("count", limits.headerCount(), "total-size", limits.headerSize()));
        tree.put("cookies", ordered("count", limits.cookieCount()));
        tree.put("json", ordered("depth", limits.jsonDepth(), "keys-per-object", limits.jsonKeysPerObject(),
                "elements", limits.jsonElements(), "key-length", limits.jsonKeyLength(),
                "string-length", limits.jsonStringLength()));
        tree.put("multipart", ordered("parts", limits.multipartParts(), "part-size", limits.multipartPartSize()));
        tree.put("xml", ordered("depth", limits.xmlDepth(), "elements", limits.xmlElements()));
        tree.put("body-read", ordered("timeout", duration(limits.bodyRead().timeout()),
                "min-rate", limits.bodyRead().minRate(), "grace-period", duration(limits.bodyRead().gracePeriod())));
        return tree;
    }

    private static Map<String, Object> denyRules(DenyRulesConfig rules) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("level", name(rules.level()));
        tree.put("log-only", sorted(rules.logOnly()));
        List<Object> overrides = new ArrayList<>();
        for (RuleOverride override : rules.overrides()) {
            Map<String, Object> item = ruleScope(override.ruleKeys(), override.ruleIds());
            selector(item, override.selector());
            condition(item, "when", override.when());
            putIfSet(item, "level", name(override.level()));
            putIfSet(item, "mode", name(override.mode()));
            overrides.add(item);
        }
        tree.put("overrides", overrides);
        List<Object> exceptions = new ArrayList<>();
        for (DenyRuleException exception : rules.exceptions()) {
            Map<String, Object> item = ruleScope(exception.ruleKeys(), exception.ruleIds());
            selector(item, exception.selector());
            condition(item, "when", exception.when());
            exceptions.add(item);
        }
        tree.put("exceptions", exceptions);
        List<Object> custom = new ArrayList<>();
        for (CustomRule rule : rules.customRules()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", rule.id());
            item.put("key", rule.key());
            item.put("description", rule.description());
            selector(item, rule.selector());
            condition(item, "when", rule.when());
            putIfSet(item, "mode", name(rule.mode()));
            custom.add(item);
        }
        tree.put("custom-rules", custom);
        return tree;
    }

    private static Map<String, Object> ruleScope(Collection<String> keys, Collection<String> ids) {
        Map<String, Object> item = new LinkedHashMap<>();
        if (!keys.isEmpty()) {
            item.put("rule-keys", sorted(keys));
        }
        if (!ids.isEmpty()) {
            item.put("rule-ids", sorted(ids));
        }
        return item;
    }

    private static void selector(Map<String, Object> item, ValueSelector selector) {
        if (selector == null) {
            return;
        }
        switch (selector.kind()) {
            case PARAMETER -> {
                Map<String, Object> parameter = named("name", selector);
                parameter.put("source", name(selector.parameterSource()));
                item.put("parameter", parameter);
            }
            case HEADER -> item.put("header", named("name", selector));
            case COOKIE -> item.put("cookie", named("name", selector));
            case JSON -> item.put("json", named("pointer", selector));
            case XML -> item.put("xml", named("path", selector));
            case GRAPHQL -> item.put("graphql", named("name", selector));
            case PATH -> item.put("path", matcher(selector.name()));
            case PATH_SEGMENT -> item.put("path-segment", matcher(selector.name()));
            case PATH_PARAMETER -> item.put("path-parameter", matcher(selector.name()));
            case ANY -> putIfSet(item, "value", matcher(selector.value()));
        }
    }

    private static Map<String, Object> named(String nameKey, ValueSelector selector) {
        Map<String, Object> tree = new LinkedHashMap<>();
        putIfSet(tree, nameKey, matcher(selector.name()));
        putIfSet(tree, "value", matcher(selector.value()));
        return tree;
    }

    private static Map<String, Object> matcher(StringMatcher matcher) {
        if (matcher == null) {
            return null;
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put(name(matcher.kind()), matcher.text());
        if (matcher.ignoreCase()) {
            tree.put("ignore-case", true);
        }
        return tree;
    }

    private static void condition(Map<String, Object> item, String key, RequestCondition condition) {
        if (condition == null || condition.isAlways()) {
            return;
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        putIfSet(tree, "path", matcher(condition.path()));
        if (!condition.methods().isEmpty()) {
            tree.put("methods", sorted(condition.methods()));
        }
        if (!condition.contentTypes().isEmpty()) {
            tree.put("content-types", condition.contentTypes().stream().map(ConfigDescription::matcher).toList());
        }
        if (!condition.clientIps().isEmpty()) {
            tree.put("client-ips", condition.clientIps().stream().map(Object::toString).toList());
        }
        item.put(key, tree);
    }

    private static Map<String, Object> jwt(JwtConfig jwt) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("required", jwt.required());
        List<Object> issuers = new ArrayList<>();
        for (JwtIssuer issuer : jwt.issuers()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("issuer", issuer.issuer());
            putIfSet(item, "jwks-uri", issuer.jwksUri() == null ? null : issuer.jwksUri().toString());
            putIfSet(item, "jwks-file", issuer.jwksFile());
            if (issuer.hmacSecret() != null) {
                item.put("hmac-secret", issuer.hmacSecret());
            }
            item.put("audiences", sorted(issuer.audiences()));
            item.put("algorithms", sorted(issuer.algorithms()));
            if (issuer.jwksUri() != null) {
                JwtIssuer.JwksSettings jwks = issuer.jwks();
                item.put("jwks", ordered("cache-ttl", duration(jwks.cacheTtl()),
                        "refresh-ahead", duration(jwks.refreshAhead()), "rate-limit", duration(jwks.rateLimit()),
                        "outage-tolerance", duration(jwks.outageTolerance()),
                        "connect-timeout", duration(jwks.connectTimeout()), "read-timeout", duration(jwks.readTimeout()),
                        "size-limit", jwks.sizeLimit()));
            }
            issuers.add(item);
        }
        tree.put("issuers", issuers);
        putIfSet(tree, "header", jwt.header());
        putIfSet(tree, "cookie", jwt.cookie());
        putIfSet(tree, "query-parameter", jwt.queryParameter());
        tree.put("clock-skew", duration(jwt.clockSkew()));
        putIfSet(tree, "max-lifetime", duration(jwt.maxLifetime()));
        tree.put("require-expiration", jwt.requireExpiration());
        tree.put("types", sorted(jwt.types()));
        tree.put("max-token-size", jwt.maxTokenSize());
        tree.put("cache-size", jwt.cacheSize());
        requirement(tree, jwt.requirement());
        tree.put("propagate", new LinkedHashMap<>(jwt.propagate()));
        return tree;
    }

    private static void requirement(Map<String, Object> tree, JwtRequirement requirement) {
        if (requirement == null) {
            return;
        }
        tree.put("scopes", sorted(requirement.scopes()));
        List<Object> claims = new ArrayList<>();
        for (ClaimRequirement claim : requirement.claims()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("claim", claim.claim());
            if (!claim.oneOf().isEmpty()) {
                item.put("one-of", claim.oneOf());
            }
            Map<String, Object> matcher = matcher(claim.matcher());
            if (matcher != null) {
                item.putAll(matcher);
            }
            claims.add(item);
        }
        tree.put("claims", claims);
    }

    private static Map<String, Object> openapi(OpenApiConfig openapi) {
        Map<String, Object> tree = new LinkedHashMap<>();
        List<Object> specs = new ArrayList<>();
        for (OpenApiConfig.Spec spec : openapi.specs()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("location", spec.location());
            item.put("base-path", spec.basePath());
            condition(item, "when", spec.when());
            specs.add(item);
        }
        tree.put("specs", specs);
        putIfSet(tree, "mode", name(openapi.mode()));
        tree.put("unexpected-query-parameters", openapi.unexpectedQueryParameters() ? "block" : "ignore");
        tree.put("ignore", sorted(openapi.ignore()));
        tree.put("log-only", sorted(openapi.logOnly()));
        tree.put("max-violations", openapi.maxViolations());
        tree.put("details", openapi.details());
        tree.put("validate-responses", openapi.validateResponses());
        return tree;
    }

    private static Map<String, Object> graphql(GraphQlConfig graphql) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("enabled", graphql.enabled());
        tree.put("paths", graphql.paths().stream().map(ConfigDescription::matcher).toList());
        putIfSet(tree, "mode", name(graphql.mode()));
        tree.put("max-depth", graphql.maxDepth());
        tree.put("max-aliases", graphql.maxAliases());
        tree.put("max-root-fields", graphql.maxRootFields());
        tree.put("max-fields", graphql.maxFields());
        tree.put("max-directives", graphql.maxDirectives());
        tree.put("max-operations", graphql.maxOperations());
        tree.put("max-batch", graphql.maxBatch());
        tree.put("max-query-length", graphql.maxQueryLength());
        tree.put("max-tokens", graphql.maxTokens());
        tree.put("max-whitespace-tokens", graphql.maxWhitespaceTokens());
        tree.put("max-parser-depth", graphql.maxParserDepth());
        tree.put("introspection", graphql.introspection());
        tree.put("mutations", graphql.mutations());
        tree.put("subscriptions", graphql.subscriptions());
        tree.put("persisted-queries", sorted(graphql.persistedQueries()));
        putIfSet(tree, "schema", graphql.schema());
        tree.put("details", graphql.details());
        return tree;
    }

    private static Map<String, Object> route(Route route) {
        Map<String, Object> tree = new LinkedHashMap<>();
        condition(tree, "when", route.when());
        tree.putIfAbsent("when", Map.of());
        putIfSet(tree, "mode", name(route.mode()));
        if (route.denyRulesLevel() != null) {
            tree.put("deny-rules", Map.of("level", name(route.denyRulesLevel())));
        }
        putIfSet(tree, "uninspectable", name(route.uninspectable()));
        if (!route.body().binary().isEmpty()) {
            tree.put("body", Map.of("binary", route.body().binary()));
        }
        if (route.limits() != null) {
            Map<String, Object> limits = limits(route.limits());
            limits.keySet().retainAll(List.of("body-size", "parameters", "json", "multipart", "xml"));
            tree.put("limits", limits);
        }
        if (route.jwt() != null) {
            Map<String, Object> jwt = new LinkedHashMap<>();
            putIfSet(jwt, "required", route.jwt().required());
            requirement(jwt, route.jwt());
            tree.put("jwt", jwt);
        }
        routeSwitch(tree, "openapi", route.openapi(), route.openapiMode());
        RoutePolicy policy = route.policy();
        if (policy.allowedMethods() != null) {
            tree.put("allowed-methods", allowedMethods(policy.allowedMethods()));
        }
        routeSwitch(tree, "allow-rules", policy.allowRules(), policy.allowRulesMode());
        if (policy.ipRules() != null) {
            Map<String, Object> ipRules = ipRules(policy.ipRules());
            if (policy.ipRules().deny().isEmpty()) {
                ipRules.remove("deny");
            }
            tree.put("ip-rules", ipRules);
        }
        routeSwitch(tree, "csrf", policy.csrf(), policy.csrfMode());
        if (policy.requestHeaders() != null) {
            RequestHeaders headers = policy.requestHeaders();
            Map<String, Object> request = new LinkedHashMap<>();
            putIfSet(request, "allow", headerAllowList(headers.allow()));
            if (!headers.remove().isEmpty()) {
                request.put("remove", List.copyOf(headers.remove()));
            }
            putIfSet(request, "mode", name(headers.mode()));
            tree.put("headers", Map.of("request", request));
        }
        if (!route.rateLimits().isEmpty()) {
            tree.put("rate-limits", Map.of("limits", rateLimitList(route.rateLimits())));
        }
        return tree;
    }

    /** A check a route turns on or off or sets the mode of: {@code enabled} and {@code mode}, each when set. */
    private static void routeSwitch(Map<String, Object> tree, String key, Boolean enabled, Enum<?> mode) {
        if (enabled == null && mode == null) {
            return;
        }
        Map<String, Object> item = new LinkedHashMap<>();
        putIfSet(item, "enabled", enabled);
        putIfSet(item, "mode", name(mode));
        tree.put(key, item);
    }

    private static Object allowedMethods(AllowedMethods methods) {
        return methods.allowsAny() ? "any" : List.copyOf(methods.methods());
    }

    /** Always the object form, which shows the mode and status too. */
    private static Map<String, Object> allowRules(AllowRulesConfig allowRules) {
        Map<String, Object> tree = new LinkedHashMap<>();
        List<Object> rules = new ArrayList<>();
        for (AllowRule rule : allowRules.rules()) {
            Map<String, Object> item = new LinkedHashMap<>();
            if (!rule.name().isEmpty()) {
                item.put("name", rule.name());
            }
            putIfSet(item, "path", matcher(rule.path()));
            if (!rule.methods().isEmpty()) {
                item.put("methods", sorted(rule.methods()));
            }
            if (!rule.contentTypes().isEmpty()) {
                item.put("content-types", rule.contentTypes().stream().map(ConfigDescription::matcher).toList());
            }
            if (rule.parameters() != null) {
                item.put("parameters", rule.parameters().stream().map(ConfigDescription::matcher).toList());
            }
            rules.add(item);
        }
        tree.put("rules", rules);
        putIfSet(tree, "mode", name(allowRules.mode()));
        tree.put("status", allowRules.status());
        return tree;
    }

    private static Map<String, Object> requestHeaders(RequestHeaders headers) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("allow", headerAllowList(headers.allow()));
        tree.put("remove", List.copyOf(headers.remove()));
        tree.put("proxy-only", List.copyOf(headers.proxyOnly()));
        putIfSet(tree, "mode", name(headers.mode()));
        return tree;
    }

    /** {@code all}, {@code standard}, or the list with {@code standard} and the names (compared ignoring case anyway). */
    private static Object headerAllowList(HeaderAllowList allow) {
        if (allow == null) {
            return null;
        }
        if (allow.allowsAll()) {
            return "all";
        }
        if (allow.includesStandard() && allow.names().isEmpty()) {
            return "standard";
        }
        List<Object> entries = new ArrayList<>();
        if (allow.includesStandard()) {
            entries.add("standard");
        }
        for (StringMatcher name : allow.names()) {
            entries.add(name.kind() == StringMatcher.Kind.EXACT ? name.text()
                    : Map.of(name(name.kind()), name.text()));
        }
        return entries;
    }

    private static Map<String, Object> responseHeaders(ResponseHeaders headers) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("security-headers", securityHeaders(headers.securityHeaders()));
        tree.put("remove", List.copyOf(headers.remove()));
        if (headers.cors() != null) {
            tree.put("cors", Map.of("allowed-origins", headers.cors().allowedOrigins()));
        }
        return tree;
    }

    /** {@code false} when none is sent, else every known header with its value, or false when it is left out. */
    private static Object securityHeaders(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return false;
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        for (String key : PolicyConfigReader.SECURITY_HEADER_KEYS.keySet()) {
            tree.put(key, false);
        }
        headers.forEach((header, value) -> tree.put(header.toLowerCase(Locale.ROOT), value));
        return tree;
    }

    private static Map<String, Object> csrf(CsrfConfig csrf) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("enabled", csrf.enabled());
        tree.put("allowed-origins", csrf.allowedOrigins());
        tree.put("service-origins", csrf.serviceOrigins());
        tree.put("ambient-credentials-only", csrf.ambientCredentialsOnly());
        putIfSet(tree, "mode", name(csrf.mode()));
        return tree;
    }

    private static Map<String, Object> clientIp(ClientIpConfig clientIp) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("source", name(clientIp.source()));
        tree.put("trusted-proxies", ranges(clientIp.trustedProxies()));
        if (clientIp.trustedHops() > 0) {
            tree.put("trusted-hops", clientIp.trustedHops());
        }
        putIfSet(tree, "header", clientIp.header());
        tree.put("required", clientIp.required());
        return tree;
    }

    private static Map<String, Object> ipRules(IpRules rules) {
        Map<String, Object> tree = new LinkedHashMap<>();
        if (rules.allow() != null) {
            tree.put("allow", ranges(rules.allow()));
        }
        tree.put("deny", ranges(rules.deny()));
        putIfSet(tree, "mode", name(rules.mode()));
        return tree;
    }

    private static Map<String, Object> blockResponse(BlockResponse response) {
        Map<String, Object> tree = new LinkedHashMap<>();
        if (!response.types().isEmpty()) {
            tree.put("types", response.types().stream().map(ConfigDescription::name).toList());
        }
        putIfSet(tree, "status", response.status());
        putIfSet(tree, "content-type", response.contentType());
        putIfSet(tree, "body", response.body());
        return tree;
    }

    private static List<String> ranges(List<IpRange> ranges) {
        return ranges.stream().map(Object::toString).toList();
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            tree.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return tree;
    }

    private static void putIfSet(Map<String, Object> tree, String key, Object value) {
        if (value != null) {
            tree.put(key, value);
        }
    }

    private static List<String> sorted(Collection<String> values) {
        return values.stream().sorted().toList();
    }

    private static String duration(Duration duration) {
        return duration == null ? null : duration.toString();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
