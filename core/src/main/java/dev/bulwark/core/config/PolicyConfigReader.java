package dev.bulwark.core.config;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Mode;
import dev.bulwark.core.internal.ClasspathResource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the request-policy sections ({@code allowed-methods}, {@code method-override},
 * {@code allow-rules}, {@code headers},
 * {@code csrf}, {@code client-ip}, {@code ip-rules}, {@code block-responses}) and their route-level
 * counterparts.
 */
final class PolicyConfigReader {

    /** The keys of {@code headers.response.security-headers}, in the file's order, with the header each sets. */
    static final Map<String, String> SECURITY_HEADER_KEYS = securityHeaderKeys();

    private PolicyConfigReader() {
    }

    /** Reads the policy sections present under {@code root} into {@code builder}. */
    static void read(ConfigNode root, BulwarkConfig.Builder builder) {
        ConfigNode node;
        if ((node = root.get("allowed-methods")) != null) {
            builder.allowedMethods(allowedMethods(node));
        }
        if ((node = root.get("method-override")) != null) {
            builder.methodOverride(node.enumValue(MethodOverridePolicy.class));
        }
        if ((node = root.get("allow-rules")) != null) {
            builder.allowRules(allowRules(node));
        }
        if ((node = root.get("headers")) != null) {
            builder.headers(headers(node));
        }
        if ((node = root.get("csrf")) != null) {
            builder.csrf(csrf(node));
        }
        if ((node = root.get("client-ip")) != null) {
            builder.clientIp(clientIp(node));
        }
        if ((node = root.get("ip-rules")) != null) {
            builder.ipRules(ipRules(node, false));
        }
        if ((node = root.get("block-responses")) != null) {
            builder.blockResponses(blockResponses(node));
        }
    }

    /** The policy part of a route. */
    static RoutePolicy route(ConfigNode route) {
        AllowedMethods methods = route.has("allowed-methods") ? allowedMethods(route.get("allowed-methods")) : null;
        Boolean allowRules = null;
        Mode allowRulesMode = null;
        ConfigNode node;
        if ((node = route.get("allow-rules")) != null) {
            node.object();
            allowRules = node.has("enabled") ? node.get("enabled").bool() : null;
            allowRulesMode = ConfigLoader.mode(node);
        }
        IpRules ipRules = route.has("ip-rules") ? ipRules(route.get("ip-rules"), true) : null;
        Boolean csrf = null;
        Mode csrfMode = null;
        if ((node = route.get("csrf")) != null) {
            node.object();
            csrf = node.has("enabled") ? node.get("enabled").bool() : null;
            csrfMode = ConfigLoader.mode(node);
        }
        RequestHeaders requestHeaders = null;
        if ((node = route.get("headers")) != null) {
            node.object();
            if (node.has("request")) {
                requestHeaders = requestHeaders(node.get("request"), true);
            }
        }
        return new RoutePolicy(methods, allowRules, allowRulesMode, ipRules, csrf, csrfMode, requestHeaders);
    }

    private static AllowedMethods allowedMethods(ConfigNode node) {
        List<String> written = node.stringList();
        if (written.size() == 1 && written.get(0).trim().equalsIgnoreCase("any")) {
            return AllowedMethods.any();
        }
        Set<String> methods = new LinkedHashSet<>();
        for (String method : written) {
            methods.add(method.trim());
        }
        return node.convert(n -> new AllowedMethods(false, methods));
    }

    private static AllowRulesConfig allowRules(ConfigNode node) {
        ConfigNode list = node;
        Mode mode = null;
        int status = BlockType.ALLOW_RULE.defaultStatus();
        if (node.isObject()) {
            node.object();
            mode = ConfigLoader.mode(node);
            if (node.has("status")) {
                status = node.get("status").positiveInt();
            }
            list = node.get("rules");
            if (list == null) {
                throw node.error("allow-rules needs 'rules'");
            }
        }
        List<AllowRule> rules = new ArrayList<>();
        for (ConfigNode entry : list.list()) {
            rules.add(allowRule(entry));
        }
        Mode finalMode = mode;
        int finalStatus = status;
        ConfigNode statusNode = node.isObject() && node.has("status") ? node.get("status") : node;
        return statusNode.convert(n -> new AllowRulesConfig(rules, finalMode, finalStatus));
    }

    private static AllowRule allowRule(ConfigNode entry) {
        entry.object();
        String name = entry.has("name") ? entry.get("name").text().trim() : "";
        StringMatcher path = ConfigLoader.matcher(entry.get("path"));
        Set<String> methods = ConfigLoader.methods(entry.get("methods"));
        List<StringMatcher> contentTypes = ConfigLoader.contentTypes(entry.get("content-types"));
        ConfigNode item;
        List<StringMatcher> parameters = null;
        if ((item = entry.get("parameters")) != null) {
            parameters = new ArrayList<>();
            for (ConfigNode parameter : item.items()) {
                parameters.add(ConfigLoader.matcher(parameter));
            }
        }
        if (path == null && methods.isEmpty() && contentTypes.isEmpty() && parameters == null) {
            throw entry.error("an allow rule needs a path, methods, content-types or parameters; this one would allow every request");
        }
        List<StringMatcher> finalParameters = parameters;
        return entry.convert(n -> new AllowRule(name, path, methods, contentTypes, finalParameters));
    }

    private static HeaderPolicy headers(ConfigNode node) {
        node.object();
        RequestHeaders request = node.has("request") ? requestHeaders(node.get("request"), false) : RequestHeaders.defaults();
        ResponseHeaders response = node.has("response") ? responseHeaders(node.get("response")) : ResponseHeaders.defaults();
        return node.convert(n -> new HeaderPolicy(request, response));
    }

    private static RequestHeaders requestHeaders(ConfigNode node, boolean route) {
        node.object();
        HeaderAllowList allow = node.has("allow") ? allowList(node.get("allow")) : route ? null : HeaderAllowList.all();
        Set<String> remove = node.has("remove") ? new LinkedHashSet<>(node.get("remove").stringList()) : Set.of();
        Set<String> proxyOnly = node.has("proxy-only") ? new LinkedHashSet<>(node.get("proxy-only").stringList()) : Set.of();
        Mode mode = ConfigLoader.mode(node);
        return node.convert(n -> new RequestHeaders(allow, remove, proxyOnly, mode));
    }

    private static HeaderAllowList allowList(ConfigNode node) {
        if (node.isText()) {
            String value = node.text().trim().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "all" -> HeaderAllowList.all();
                case "standard" -> HeaderAllowList.standard();
                default -> throw node.error("expected standard, all or a list of header names, found '" + node.text() + "'");
            };
        }
        boolean standard = false;
        List<StringMatcher> names = new ArrayList<>();
        for (ConfigNode item : node.list()) {
            if (item.isText()) {
                String name = item.text().trim();
                if (name.equalsIgnoreCase("standard")) {
                    standard = true;
                    continue;
                }
                if (name.equalsIgnoreCase("all")) {
                    if (node.list().size() == 1) {
                        return HeaderAllowList.all();
                    }
                    throw item.error("'all' cannot be combined with other entries; write allow: all");
                }
                if (!ClientIpConfig.isHeaderName(name)) {
                    throw item.error("invalid header name '" + name + "'");
                }
                names.add(StringMatcher.exact(name.toLowerCase(Locale.ROOT)));
            } else {
                names.add(ConfigLoader.matcher(item));
            }
        }
        boolean finalStandard = standard;
        return node.convert(n -> new HeaderAllowList(false, finalStandard, names));
    }

    private static ResponseHeaders responseHeaders(ConfigNode node) {
        node.object();
        Map<String, String> security = new LinkedHashMap<>(ResponseHeaders.DEFAULT_SECURITY_HEADERS);
        ConfigNode item;
        if ((item = node.get("security-headers")) != null) {
            if (item.isObject()) {
                // "enabled" is the object form of the plain true/false, as Spring properties write it.
                item.object();
                if (item.has("enabled") && !item.get("enabled").bool()) {
                    if (item.fieldNames().size() > 1) {
                        throw item.get("enabled").error("security headers are switched off; remove the header values too");
                    }
                    security.clear();
                }
                for (String key : item.fieldNames()) {
                    if (key.equals("enabled")) {
                        continue;
                    }
                    ConfigNode value = item.get(key);
                    String header = SECURITY_HEADER_KEYS.get(key);
                    if (value == null) {
                        continue;
                    }
                    if (isFalse(value)) {
                        security.remove(header);
                    } else if (isTrue(value)) {
                        if (!ResponseHeaders.DEFAULT_SECURITY_HEADERS.containsKey(header)) {
                            throw value.error("needs a value, e.g. \"default-src 'self'\"");
                        }
                    } else {
                        String text = value.text().trim();
                        if (text.isEmpty() || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                            throw value.error("expected a header value without control characters, or false");
                        }
                        security.put(header, text);
                    }
                }
            } else if (!item.bool()) {
                security.clear();
            }
        }
        Set<String> remove = node.has("remove") ? new LinkedHashSet<>(node.get("remove").stringList())
                : ResponseHeaders.DEFAULT_REMOVE;
        CorsPolicy cors = null;
        if ((item = node.get("cors")) != null) {
            item.object();
            List<String> origins = item.has("allowed-origins")
                    ? origins(item.get("allowed-origins"), o -> new CorsPolicy(List.of(o))) : List.of();
            cors = item.convert(n -> new CorsPolicy(origins));
        }
        CorsPolicy finalCors = cors;
        return node.convert(n -> new ResponseHeaders(security, remove, finalCors));
    }

    private static CsrfConfig csrf(ConfigNode node) {
        node.object();
        boolean enabled = node.has("enabled") && node.get("enabled").bool();
        List<String> allowed = List.of();
        List<String> service = List.of();
        ConfigNode item;
        if ((item = node.get("allowed-origins")) != null) {
            allowed = origins(item, o -> new CsrfConfig(false, List.of(o), List.of(), true, null));
        }
        if ((item = node.get("service-origins")) != null) {
            service = origins(item, o -> new CsrfConfig(false, List.of(), List.of(o), true, null));
        }
        boolean ambientOnly = !node.has("ambient-credentials-only") || node.get("ambient-credentials-only").bool();
        Mode mode = ConfigLoader.mode(node);
        List<String> finalAllowed = allowed;
        List<String> finalService = service;
        return node.convert(n -> new CsrfConfig(enabled, finalAllowed, finalService, ambientOnly, mode));
    }

    private static ClientIpConfig clientIp(ConfigNode node) {
        node.object();
        ClientIpConfig.Source source = node.has("source") ? node.get("source").enumValue(ClientIpConfig.Source.class)
                : ClientIpConfig.Source.CONNECTION;
        List<IpRange> proxies = node.has("trusted-proxies") ? ConfigLoader.ranges(node.get("trusted-proxies")) : List.of();
        int hops = node.has("trusted-hops") ? node.get("trusted-hops").positiveInt() : 0;
        String header = node.has("header") ? node.get("header").text() : null;
        boolean required = node.has("required") && node.get("required").bool();
        return node.convert(n -> new ClientIpConfig(source, proxies, hops, header, required));
    }

    private static IpRules ipRules(ConfigNode node, boolean route) {
        node.object();
        List<IpRange> allow = node.has("allow") ? ConfigLoader.ranges(node.get("allow")) : route ? null : List.of();
        List<IpRange> deny = node.has("deny") ? ConfigLoader.ranges(node.get("deny")) : List.of();
        return new IpRules(allow, deny, ConfigLoader.mode(node));
    }

    private static BlockResponses blockResponses(ConfigNode node) {
        List<BlockResponse> responses = new ArrayList<>();
        for (ConfigNode entry : node.list()) {
            entry.object();
            Set<BlockType> types = EnumSet.noneOf(BlockType.class);
            ConfigNode item;
            if ((item = entry.get("types")) != null) {
                for (ConfigNode type : item.items()) {
                    types.add(type.enumValue(BlockType.class));
                }
            }
            Integer status = entry.has("status") ? entry.get("status").positiveInt() : null;
            String contentType = entry.has("content-type") ? entry.get("content-type").text() : null;
            if (entry.has("body") && entry.has("body-file")) {
                throw entry.error("choose one of body and body-file");
            }
            String body = entry.has("body") ? entry.get("body").text()
                    : entry.has("body-file") ? readBody(entry.get("body-file")) : null;
            responses.add(entry.convert(n -> new BlockResponse(types, status, contentType, body)));
        }
        return new BlockResponses(responses);
    }

    private static String readBody(ConfigNode node) {
        String location = node.text().trim();
        try {
            if (location.startsWith(ClasspathResource.PREFIX)) {
                try (InputStream in = ClasspathResource.open(location)) {
                    if (in == null) {
                        throw node.error("no such resource on the class path: " + ClasspathResource.name(location));
                    }
                    return new String(in.readNBytes(BlockResponse.MAX_BODY_LENGTH * 4 + 1), StandardCharsets.UTF_8);
                }
            }
            Path path = Path.of(location);
            if (Files.size(path) > BlockResponse.MAX_BODY_LENGTH * 4L) {
                throw node.error("file larger than " + BlockResponse.MAX_BODY_LENGTH + " characters: " + location);
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigurationException configuration) {
                throw configuration;
            }
            throw node.error("cannot read " + location + ": " + e.getMessage());
        }
    }

    /** A list of origins, each checked at its own path by {@code check}. */
    private static List<String> origins(ConfigNode node, Function<String, ?> check) {
        List<String> origins = new ArrayList<>();
        for (ConfigNode entry : node.items()) {
            String origin = entry.text();
            entry.convert(n -> check.apply(origin));
            origins.add(origin);
        }
        return origins;
    }

    private static boolean isFalse(ConfigNode node) {
        return !node.isObject() && !node.isArray() && node.text().trim().equalsIgnoreCase("false");
    }

    private static boolean isTrue(ConfigNode node) {
        return !node.isObject() && !node.isArray() && node.text().trim().equalsIgnoreCase("true");
    }

    private static Map<String, String> securityHeaderKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("strict-transport-security", ResponseHeaders.STRICT_TRANSPORT_SECURITY);
        keys.put("x-content-type-options", ResponseHeaders.X_CONTENT_TYPE_OPTIONS);
        keys.put("x-frame-options", ResponseHeaders.X_FRAME_OPTIONS);
        keys.put("referrer-policy", ResponseHeaders.REFERRER_POLICY);
        keys.put("permissions-policy", ResponseHeaders.PERMISSIONS_POLICY);
        keys.put("content-security-policy", ResponseHeaders.CONTENT_SECURITY_POLICY);
        return keys;
    }
}
