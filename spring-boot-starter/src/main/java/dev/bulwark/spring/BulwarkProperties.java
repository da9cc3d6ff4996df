package dev.bulwark.spring;

import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.spring.internal.BinaryDataSize;
import dev.bulwark.spring.internal.ConfigFactory;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

/**
 * Bulwark's configuration under {@code bulwark.*}: the same keys as the YAML file read by
 * {@link dev.bulwark.core.config.ConfigLoader}, plus {@code enabled}, {@code filter-order} and
 * {@code config-file}, which concern only the starter.
 *
 * <p>Only the values that were set are handed to the loader, so defaults and validation live in
 * one place, the core. The field initialisers below show those defaults (for IDEs and the
 * {@code configprops} endpoint); they never override anything. A bad value stops start-up with
 * the name of the property, e.g. {@code bulwark.deny-rules.level: unknown value 'paranoid'}, and
 * so does an unknown property: a misspelt key must not leave a protection silently unset.
 *
 * <p>Values that name a choice ({@code mode}, {@code level}, ...) are plain strings on purpose, so
 * that the core reports a bad one with the list of valid choices. Sizes accept Spring's units
 * ({@code 1MB}, where {@code KB} and {@code MB} are powers of 1024) as well as {@code KiB},
 * {@code MiB} and {@code GiB}; a bare number is bytes. Durations accept {@code 500ms},
 * {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601; a bare number is seconds.
 * A matcher accepts a plain string, meaning {@code exact}.
 *
 * <p>Where the YAML file takes a key in two shapes, the properties take the one that covers both,
 * and hand on only what was written: {@code allow-rules} is always {@code {rules, mode, status}};
 * {@code security-headers} is an object whose {@code enabled} stands for the file's {@code true}
 * and {@code false} (a plain boolean is read as it); {@code allowed-methods} and
 * {@code headers.request.allow} are lists, and a list of the one keyword {@code any}, {@code all}
 * or {@code standard} is handed on as the keyword.
 */
@ConfigurationProperties(prefix = "bulwark", ignoreUnknownFields = false)
public class BulwarkProperties {

    /**
     * The default order of the filter: before every filter that reads the body or the parameters
     * (Spring's hidden-method filter at -10000 and form-content filter at -9900, which parses the
     * form bodies of PUT, PATCH and DELETE requests) and so before Spring Security's filter chain
     * at -100; after the filters at the very start that only prepare the request, such as
     * character encoding, forwarded headers and observation.
     */
    public static final int DEFAULT_FILTER_ORDER = -10_100;

    private final Set<String> assigned = new HashSet<>();

    /** Whether to install the Bulwark filter. */
    private boolean enabled = true;

    /**
     * Order of the Bulwark filter among the servlet filters. The default runs it before any filter
     * that reads the body or the parameters (Spring's form-content filter is at -9900) and so
     * before Spring Security's filter chain (-100): requests are inspected before authentication.
     */
    private int filterOrder = DEFAULT_FILTER_ORDER;

    /**
     * A Bulwark YAML configuration file to read instead of the properties below: a file path or a
     * {@code classpath:} location. Cannot be combined with them.
     */
    private String configFile;

    /** Block or only log, for every check: 'block' or 'log-only'. */
    private String mode = "block";

    /** Size and count limits on every dimension of a request. */
    private final Limits limits = new Limits();

    /** Percent-decoding of parameters and paths. */
    private final Decoding decoding = new Decoding();

    /**
     * What to do with content that cannot be inspected (binary bodies and files, compressed
     * content encodings, unknown charsets; any other body is inspected as text at least): 'block'
     * answers 415, 'log' lets it pass with a finding. Routes with upload endpoints declare their
     * binary media types in 'routes[].body.binary' instead of weakening this.
     */
    private String uninspectable = "log";

    /** The built-in deny rules, their overrides and exceptions, and custom rules. */
    private final DenyRules denyRules = new DenyRules();

    /** Token (JWT) validation; off until an issuer is configured. */
    private final Jwt jwt = new Jwt();

    /** OpenAPI enforcement; off until a spec is configured. */
    private final OpenApi openapi = new OpenApi();

    /**
     * The request methods the service answers; any other is refused with 405. Case-sensitive. The
     * only entry 'any' allows every method.
     */
    private List<String> allowedMethods = new ArrayList<>(Arrays.asList("GET", "HEAD", "POST", "PUT", "PATCH",
            "DELETE", "OPTIONS"));

    /**
     * Method override headers (X-HTTP-Method-Override, X-HTTP-Method, X-Method-Override) and
     * '_method' fields: 'refuse' answers 400 to any request carrying one; 'allow' judges a POST by
     * the PUT, PATCH or DELETE it asks for, in every method-based policy.
     */
    private String methodOverride = "refuse";

    /**
     * The positive model: requests must match one of the rules. Always written with 'rules' here
     * ({@code bulwark.allow-rules.rules[0].path}), never as a bare list.
     */
    private final AllowRules allowRules = new AllowRules();

    /** What the application sees of the request headers, and which headers responses get or lose. */
    private final HeaderPolicy headers = new HeaderPolicy();

    /** Cross-site request forgery protection for services browsers authenticate by themselves. */
    private final Csrf csrf = new Csrf();

    /** Where the client address comes from, and which proxies are trusted to say. */
    private final ClientIp clientIp = new ClientIp();

    /** IP allow and deny lists, checked against the client address. */
    private final IpRules ipRules = new IpRules();

    /**
     * Custom block responses: per block type a status, or a body chosen by the request's Accept
     * header. The default is an application/problem+json document.
     */
    private List<BlockResponse> blockResponses = new ArrayList<>();

    /** Per-route settings, tried in order; the first route whose conditions hold applies. */
    private List<Route> routes = new ArrayList<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getFilterOrder() {
        return filterOrder;
    }

    public void setFilterOrder(int filterOrder) {
        this.filterOrder = filterOrder;
    }

    public String getConfigFile() {
        return configFile;
    }

    public void setConfigFile(String configFile) {
        this.configFile = configFile;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
        assigned.add("mode");
    }

    public Limits getLimits() {
        return limits;
    }

    public Decoding getDecoding() {
        return decoding;
    }

    public String getUninspectable() {
        return uninspectable;
    }

    public void setUninspectable(String uninspectable) {
        this.uninspectable = uninspectable;
        assigned.add("uninspectable");
    }

    public DenyRules getDenyRules() {
        return denyRules;
    }

    public Jwt getJwt() {
        return jwt;
    }

    public OpenApi getOpenapi() {
        return openapi;
    }

    public List<String> getAllowedMethods() {
        return allowedMethods;
    }

    public void setAllowedMethods(List<String> allowedMethods) {
        this.allowedMethods = allowedMethods;
        assigned.add("allowed-methods");
    }

    public String getMethodOverride() {
        return methodOverride;
    }

    public void setMethodOverride(String methodOverride) {
        this.methodOverride = methodOverride;
        assigned.add("method-override");
    }

    public AllowRules getAllowRules() {
        return allowRules;
    }

    public HeaderPolicy getHeaders() {
        return headers;
    }

    public Csrf getCsrf() {
        return csrf;
    }

    public ClientIp getClientIp() {
        return clientIp;
    }

    public IpRules getIpRules() {
        return ipRules;
    }

    public List<BlockResponse> getBlockResponses() {
        return blockResponses;
    }

    public void setBlockResponses(List<BlockResponse> blockResponses) {
        this.blockResponses = blockResponses;
    }

    public List<Route> getRoutes() {
        return routes;
    }

    public void setRoutes(List<Route> routes) {
        this.routes = routes;
    }

    /**
     * The values that were set, as the tree of kebab-case keys that
     * {@link dev.bulwark.core.config.ConfigLoader#fromMap} reads; empty when nothing was set.
     * {@code enabled}, {@code filter-order} and {@code config-file} are not part of it.
     */
    Map<String, Object> toTree() {
        Tree tree = new Tree();
        if (assigned.contains("mode")) {
            tree.put("mode", mode);
        }
        tree.put("limits", limits.toTree());
        tree.put("decoding", decoding.toTree());
        if (assigned.contains("uninspectable")) {
            tree.put("uninspectable", uninspectable);
        }
        tree.put("deny-rules", denyRules.toTree());
        tree.put("jwt", jwt.toTree());
        tree.put("openapi", openapi.toTree());
        if (assigned.contains("allowed-methods")) {
            tree.putAlways("allowed-methods", Tree.methods(allowedMethods));
        }
        if (assigned.contains("method-override")) {
            tree.put("method-override", methodOverride);
        }
        tree.put("allow-rules", allowRules.toTree());
        tree.put("headers", headers.toTree());
        tree.put("csrf", csrf.toTree());
        tree.put("client-ip", clientIp.toTree());
        tree.put("ip-rules", ipRules.toTree());
        tree.putList("block-responses", blockResponses, BlockResponse::toTree);
        tree.putList("routes", routes, Route::toTree);
        return tree.map();
    }

    /** Size and count limits ({@code limits:}). A violation blocks the request. */
    public static class Limits {

        private final Set<String> assigned = new HashSet<>();

        /** Largest request body. */
        @BinaryDataSize
        private DataSize bodySize = DataSize.ofMegabytes(1);

        /** Longest raw path, in characters. */
        private int pathLength = 2048;

        /** Longest raw query string, in characters. */
        @BinaryDataSize
        private DataSize queryLength = DataSize.ofKilobytes(16);

        /** Limits on query, form and multipart parameters. */
        private final Parameters parameters = new Parameters();

        /** Limits on header fields. */
        private final Headers headers = new Headers();

        /** Limits on cookies. */
        private final Cookies cookies = new Cookies();

        /** Limits on JSON bodies. */
        private final Json json = new Json();

        /** Limits on multipart bodies. */
        private final Multipart multipart = new Multipart();

        /** Limits on XML bodies. */
        private final Xml xml = new Xml();

        /** How long the body may take to arrive. */
        private final BodyRead bodyRead = new BodyRead();

        public DataSize getBodySize() {
            return bodySize;
        }

        public void setBodySize(DataSize bodySize) {
            this.bodySize = bodySize;
            assigned.add("body-size");
        }

        public int getPathLength() {
            return pathLength;
        }

        public void setPathLength(int pathLength) {
            this.pathLength = pathLength;
            assigned.add("path-length");
        }

        public DataSize getQueryLength() {
            return queryLength;
        }

        public void setQueryLength(DataSize queryLength) {
            this.queryLength = queryLength;
            assigned.add("query-length");
        }

        public Parameters getParameters() {
            return parameters;
        }

        public Headers getHeaders() {
            return headers;
        }

        public Cookies getCookies() {
            return cookies;
        }

        public Json getJson() {
            return json;
        }

        public Multipart getMultipart() {
            return multipart;
        }

        public Xml getXml() {
            return xml;
        }

        public BodyRead getBodyRead() {
            return bodyRead;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.putIf(assigned, "body-size", bodySize);
            tree.putIf(assigned, "path-length", pathLength);
            tree.putIf(assigned, "query-length", queryLength);
            tree.put("parameters", parameters.toTree());
            tree.put("headers", headers.toTree());
            tree.put("cookies", cookies.toTree());
            tree.put("json", json.toTree());
            tree.put("multipart", multipart.toTree());
            tree.put("xml", xml.toTree());
            tree.put("body-read", bodyRead.toTree());
            return tree.map();
        }

        /** Limits on parameters ({@code limits.parameters:}). */
        public static class Parameters {

            private final Set<String> assigned = new HashSet<>();

            /** Most query plus form parameters. */
            private int count = 128;

            /** Longest parameter name after decoding. */
            @BinaryDataSize
            private DataSize nameLength = DataSize.ofBytes(128);

            /** Longest parameter value after decoding. */
            @BinaryDataSize
            private DataSize valueLength = DataSize.ofKilobytes(8);

            public int getCount() {
                return count;
            }

            public void setCount(int count) {
                this.count = count;
                assigned.add("count");
            }

            public DataSize getNameLength() {
                return nameLength;
            }

            public void setNameLength(DataSize nameLength) {
                this.nameLength = nameLength;
                assigned.add("name-length");
            }

            public DataSize getValueLength() {
                return valueLength;
            }

            public void setValueLength(DataSize valueLength) {
                this.valueLength = valueLength;
                assigned.add("value-length");
            }

            Map<String, Object> toTree() {
                Tree tree = new Tree();
                tree.putIf(assigned, "count", count);
                tree.putIf(assigned, "name-length", nameLength);
                tree.putIf(assigned, "value-length", valueLength);
                return tree.map();
            }
        }

        /** Limits on headers ({@code limits.headers:}). */
        public static class Headers {

            private final Set<String> assigned = new HashSet<>();

            /** Most header fields. */
            private int count = 100;

            /** Largest sum of header name and value lengths. */
            @BinaryDataSize
            private DataSize totalSize = DataSize.ofKilobytes(32);

            public int getCount() {
                return count;
            }

            public void setCount(int count) {
                this.count = count;
                assigned.add("count");
            }

            public DataSize getTotalSize() {
                return totalSize;
            }

            public void setTotalSize(DataSize totalSize) {
                this.totalSize = totalSize;
                assigned.add("total-size");
            }

            Map<String, Object> toTree() {
                Tree tree = new Tree();
                tree.putIf(assigned, "count", count);
                tree.putIf(assigned, "total-size", totalSize);
                return tree.map();
            }
        }

        /** Limits on cookies ({@code limits.cookies:}). */
        public static class Cookies {

            private final Set<String> assigned = new HashSet<>();

            /** Most cookies. */
            private int count = 64;

            public int getCount() {
                return count;
            }

            public void setCount(int count) {
                this.count = count;
                assigned.add("count");
            }

            Map<String, Object> toTree() {
                Tree tree = new Tree();
                tree.putIf(assigned, "count", count);
                return tree.map();
            }
        }

        /** Limits on JSON bodies ({@code limits.json:}). */
        public static class Json {

            private final Set<String> assigned = new HashSet<>();

            /** Deepest nesting of objects and arrays. */
            private int depth = 100;

            /** Most keys in one object. */
            private int keysPerObject = 250;

            /** Most values (scalars, objects and arrays) in one body. */
            private int elements = 10_000;

            /** Longest object key. */
            @BinaryDataSize
            private DataSize keyLength = DataSize.ofBytes(256);

            /** Longest string value. */
            @BinaryDataSize
            private DataSize stringLength = DataSize.ofKilobytes(64);

            public int getDepth() {
                return depth;
            }

            public void setDepth(int depth) {
                this.depth = depth;
                assigned.add("depth");
            }

            public int getKeysPerObject() {
                return keysPerObject;
            }

            public void setKeysPerObject(int keysPerObject) {
                this.keysPerObject = keysPerObject;
                assigned.add("keys-per-object");
            }

            public int getElements() {
                return elements;
            }

            public void setElements(int elements) {
                this.elements = elements;
                assigned.add("elements");
            }

            public DataSize getKeyLength() {
                return keyLength;
            }

            public void setKeyLength(DataSize keyLength) {
                this.keyLength = keyLength;
                assigned.add("key-length");
            }

            public DataSize getStringLength() {
                return stringLength;
            }

            public void setStringLength(DataSize stringLength) {
                this.stringLength = stringLength;
                assigned.add("string-length");
            }

            Map<String, Object> toTree() {
                Tree tree = new Tree();
                tree.putIf(assigned, "depth", depth);
                tree.putIf(assigned, "keys-per-object", keysPerObject);
                tree.putIf(assigned, "elements", elements);
                tree.putIf(assigned, "key-length", keyLength);
                tree.putIf(assigned, "string-length", stringLength);
                return tree.map();
            }
        }

        /** Limits on multipart bodies ({@code limits.multipart:}). */
        public static class Multipart {

            private final Set<String> assigned = new HashSet<>();

            /** Most parts. */
            private int parts = 64;

            /** Largest part. */
            @BinaryDataSize
            private DataSize partSize = DataSize.ofMegabytes(1);

            public int getParts() {
                return parts;
            }

            public void setParts(int parts) {
                this.parts = parts;
                assigned.add("parts");
            }

            public DataSize getPartSize() {
                return partSize;
            }

            public void setPartSize(DataSize partSize) {
                this.partSize = partSize;
                assigned.add("part-size");
            }

            Map<String, Object> toTree() {
                Tree tree = new Tree();
                tree.putIf(assigned, "parts", parts);
                tree.putIf(assigned, "part-size", partSize);
                return tree.map();
            }
        }

        /** Limits on XML bodies ({@code limits.xml:}). */
        public static class Xml {

            private final Set<String> assigned = new HashSet<>();

            /** Deepest element nesting. */
            private int depth = 100;

            /** Most elements in one body. */
            private int elements = 10_000;

            public int getDepth() {
                return depth;
            }

            public void setDepth(int depth) {
                this.depth = depth;
                assigned.add("depth");
            }

            public int getElements() {
                return elements;
            }

            public void setElements(int elements) {
                this.elements = elements;
                assigned.add("elements");
            }

            Map<String, Object> toTree() {
                Tree tree = new Tree();
                tree.putIf(assigned, "depth", depth);
                tree.putIf(assigned, "elements", elements);
                return tree.map();
            }
        }

        /**
         * How long the body may take to arrive ({@code limits.body-read:}): a body later than the
         * timeout, or slower than the minimum rate once the grace period is over, is answered
         * with 408 and the connection is closed.
         */
        public static class BodyRead {

            private final Set<String> assigned = new HashSet<>();

            /** Longest time the whole body may take, at most 1 day. */
            @DurationUnit(ChronoUnit.SECONDS)
            private Duration timeout = Duration.ofMinutes(2);

            /** Least average rate, in bytes per second, once the grace period is over. */
            @BinaryDataSize
            private DataSize minRate = DataSize.ofKilobytes(1);

            /** Time from the first read of the body before the minimum rate applies; shorter than the timeout. */
            @DurationUnit(ChronoUnit.SECONDS)
            private Duration gracePeriod = Duration.ofSeconds(5);

            public Duration getTimeout() {
                return timeout;
            }

            public void setTimeout(Duration timeout) {
                this.timeout = timeout;
                assigned.add("timeout");
            }

            public DataSize getMinRate() {
                return minRate;
            }

            public void setMinRate(DataSize minRate) {
                this.minRate = minRate;
                assigned.add("min-rate");
            }

            public Duration getGracePeriod() {
                return gracePeriod;
            }

            public void setGracePeriod(Duration gracePeriod) {
                this.gracePeriod = gracePeriod;
                assigned.add("grace-period");
            }

            Map<String, Object> toTree() {
                Tree tree = new Tree();
                tree.putIf(assigned, "timeout", timeout);
                tree.putIf(assigned, "min-rate", minRate);
                tree.putIf(assigned, "grace-period", gracePeriod);
                return tree.map();
            }
        }
    }

    /** Percent-decoding ({@code decoding:}). */
    public static class Decoding {

        private final Set<String> assigned = new HashSet<>();

        /** How many times percent-decoding is repeated on parameters and paths, 1 to 10. */
        private int passes = 3;

        public int getPasses() {
            return passes;
        }

        public void setPasses(int passes) {
            this.passes = passes;
            assigned.add("passes");
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.putIf(assigned, "passes", passes);
            return tree.map();
        }
    }

    /** The deny rules ({@code deny-rules:}). */
    public static class DenyRules {

        private final Set<String> assigned = new HashSet<>();

        /**
         * Which rules are on: 'off', 'basic', 'standard' or 'strict'. Higher levels catch more
         * attacks and risk more false positives.
         */
        private String level = "standard";

        /** Rule keys or ids (e.g. XSS, SQL-UNION) that only log, never block. */
        private List<String> logOnly = new ArrayList<>();

        /** Level and mode changes for some rules, values and requests; the first matching override wins. */
        private List<RuleOverride> overrides = new ArrayList<>();

        /** Findings to drop; keep each as narrow as possible, as each is a hole in the protection. */
        private List<RuleException> exceptions = new ArrayList<>();

        /** Deny rules of the service's own. */
        private List<CustomRule> customRules = new ArrayList<>();

        public String getLevel() {
            return level;
        }

        public void setLevel(String level) {
            this.level = level;
            assigned.add("level");
        }

        public List<String> getLogOnly() {
            return logOnly;
        }

        public void setLogOnly(List<String> logOnly) {
            this.logOnly = logOnly;
        }

        public List<RuleOverride> getOverrides() {
            return overrides;
        }

        public void setOverrides(List<RuleOverride> overrides) {
            this.overrides = overrides;
        }

        public List<RuleException> getExceptions() {
            return exceptions;
        }

        public void setExceptions(List<RuleException> exceptions) {
            this.exceptions = exceptions;
        }

        public List<CustomRule> getCustomRules() {
            return customRules;
        }

        public void setCustomRules(List<CustomRule> customRules) {
            this.customRules = customRules;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            if (assigned.contains("level")) {
                tree.put("level", Tree.level(level));
            }
            tree.put("log-only", logOnly);
            tree.putList("overrides", overrides, RuleOverride::toTree);
            tree.putList("exceptions", exceptions, RuleException::toTree);
            tree.putList("custom-rules", customRules, CustomRule::toTree);
            return tree.map();
        }
    }

    /**
     * The values a deny-rule exception, override or custom rule applies to: at most one of
     * {@code parameter}, {@code header}, {@code cookie}, {@code json}, {@code xml}, {@code path},
     * {@code path-segment}, {@code path-parameter} or {@code value}. None means any value.
     */
    public abstract static class Selecting {

        /** Query, form and multipart parameters, by name, value and source. */
        private ParameterSelector parameter;

        /** Request headers, by name (ignoring case) and value. */
        private NamedSelector header;

        /** Cookies, by name and value. */
        private NamedSelector cookie;

        /** JSON keys and values, by JSON Pointer and value. */
        private JsonSelector json;

        /** XML element text and attributes, by element path and value. */
        private XmlSelector xml;

        /** The whole normalised path. */
        private Matcher path;

        /** One path segment. */
        private Matcher pathSegment;

        /** The parameters of one path segment (after its ';'), matched on their decoded text. */
        private Matcher pathParameter;

        /** Any value, wherever it is. */
        private Matcher value;

        public ParameterSelector getParameter() {
            return parameter;
        }

        public void setParameter(ParameterSelector parameter) {
            this.parameter = parameter;
        }

        public NamedSelector getHeader() {
            return header;
        }

        public void setHeader(NamedSelector header) {
            this.header = header;
        }

        public NamedSelector getCookie() {
            return cookie;
        }

        public void setCookie(NamedSelector cookie) {
            this.cookie = cookie;
        }

        public JsonSelector getJson() {
            return json;
        }

        public void setJson(JsonSelector json) {
            this.json = json;
        }

        public XmlSelector getXml() {
            return xml;
        }

        public void setXml(XmlSelector xml) {
            this.xml = xml;
        }

        public Matcher getPath() {
            return path;
        }

        public void setPath(Matcher path) {
            this.path = path;
        }

        public Matcher getPathSegment() {
            return pathSegment;
        }

        public void setPathSegment(Matcher pathSegment) {
            this.pathSegment = pathSegment;
        }

        public Matcher getPathParameter() {
            return pathParameter;
        }

        public void setPathParameter(Matcher pathParameter) {
            this.pathParameter = pathParameter;
        }

        public Matcher getValue() {
            return value;
        }

        public void setValue(Matcher value) {
            this.value = value;
        }

        void putSelector(Tree tree) {
            if (parameter != null) {
                tree.putAlways("parameter", parameter.toTree());
            }
            if (header != null) {
                tree.putAlways("header", header.toTree("name"));
            }
            if (cookie != null) {
                tree.putAlways("cookie", cookie.toTree("name"));
            }
            if (json != null) {
                tree.putAlways("json", json.toTree("pointer"));
            }
            if (xml != null) {
                tree.putAlways("xml", xml.toTree("path"));
            }
            tree.putMatcher("path", path);
            tree.putMatcher("path-segment", pathSegment);
            tree.putMatcher("path-parameter", pathParameter);
            tree.putMatcher("value", value);
        }
    }

    /** Level and mode for some deny rules ({@code deny-rules.overrides[]}). */
    public static class RuleOverride extends Selecting {

        /** Rule families it applies to, e.g. SQL; with no keys and no ids it applies to all rules. */
        private List<String> ruleKeys = new ArrayList<>();

        /** Individual rules it applies to, e.g. SQL-UNION. */
        private List<String> ruleIds = new ArrayList<>();

        /** Request conditions. */
        private Condition when;

        /** The level to use instead of the global one: 'off', 'basic', 'standard' or 'strict'. */
        private String level;

        /** The mode to use instead: 'block' or 'log-only'. */
        private String mode;

        public List<String> getRuleKeys() {
            return ruleKeys;
        }

        public void setRuleKeys(List<String> ruleKeys) {
            this.ruleKeys = ruleKeys;
        }

        public List<String> getRuleIds() {
            return ruleIds;
        }

        public void setRuleIds(List<String> ruleIds) {
            this.ruleIds = ruleIds;
        }

        public Condition getWhen() {
            return when;
        }

        public void setWhen(Condition when) {
            this.when = when;
        }

        public String getLevel() {
            return level;
        }

        public void setLevel(String level) {
            this.level = level;
        }

        public String getMode() {
            return mode;
        }

        public void setMode(String mode) {
            this.mode = mode;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("rule-keys", ruleKeys);
            tree.put("rule-ids", ruleIds);
            putSelector(tree);
            tree.putCondition("when", when);
            tree.put("level", Tree.level(level));
            tree.put("mode", mode);
            return tree.map();
        }
    }

    /** An exception to the deny rules ({@code deny-rules.exceptions[]}); its parts are AND-ed. */
    public static class RuleException extends Selecting {

        /** Rule families it covers, e.g. SQL; with no keys and no ids it covers every rule. */
        private List<String> ruleKeys = new ArrayList<>();

        /** Individual rules it covers, e.g. SQL-UNION. */
        private List<String> ruleIds = new ArrayList<>();

        /** Request conditions. */
        private Condition when;

        public List<String> getRuleKeys() {
            return ruleKeys;
        }

        public void setRuleKeys(List<String> ruleKeys) {
            this.ruleKeys = ruleKeys;
        }

        public List<String> getRuleIds() {
            return ruleIds;
        }

        public void setRuleIds(List<String> ruleIds) {
            this.ruleIds = ruleIds;
        }

        public Condition getWhen() {
            return when;
        }

        public void setWhen(Condition when) {
            this.when = when;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("rule-keys", ruleKeys);
            tree.put("rule-ids", ruleIds);
            putSelector(tree);
            tree.putCondition("when", when);
            return tree.map();
        }
    }

    /**
     * A deny rule of the service's own ({@code deny-rules.custom-rules[]}): blocks a request in
     * which a selected value exists (and matches, when the selector has a value matcher).
     */
    public static class CustomRule extends Selecting {

        /** Stable id for logs, e.g. CUSTOM-NO-DEBUG; required and unique. */
        private String id;

        /** Rule key for exceptions and metrics; CUSTOM when not set. */
        private String key;

        /** One line for the log. */
        private String description;

        /** Request conditions. */
        private Condition when;

        /** 'block' or 'log-only'; follows the global mode when not set. */
        private String mode;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getKey() {
            return key;
        }

        public void setKey(String key) {
            this.key = key;
        }

        public String getDescription() {
            return description;
        }

        public void setDescription(String description) {
            this.description = description;
        }

        public Condition getWhen() {
            return when;
        }

        public void setWhen(Condition when) {
            this.when = when;
        }

        public String getMode() {
            return mode;
        }

        public void setMode(String mode) {
            this.mode = mode;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("id", id);
            tree.put("key", key);
            tree.put("description", description);
            putSelector(tree);
            tree.putCondition("when", when);
            tree.put("mode", mode);
            return tree.map();
        }
    }

    /** Selects parameters by name, value and where they come from. */
    public static class ParameterSelector {

        /** Matched against the parameter name. */
        private Matcher name;

        /** Matched against the decoded value. */
        private Matcher value;

        /** Where the parameter may come from: 'query', 'body' or 'any' (the default). */
        private String source;

        public Matcher getName() {
            return name;
        }

        public void setName(Matcher name) {
            this.name = name;
        }

        public Matcher getValue() {
            return value;
        }

        public void setValue(Matcher value) {
            this.value = value;
        }

        public String getSource() {
            return source;
        }

        public void setSource(String source) {
            this.source = source;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.putMatcher("name", name);
            tree.putMatcher("value", value);
            tree.put("source", source);
            return tree.map();
        }
    }

    /** Selects headers or cookies by name and value. */
    public static class NamedSelector {

        /** Matched against the name (header names ignoring case). */
        private Matcher name;

        /** Matched against the decoded value. */
        private Matcher value;

        public Matcher getName() {
            return name;
        }

        public void setName(Matcher name) {
            this.name = name;
        }

        public Matcher getValue() {
            return value;
        }

        public void setValue(Matcher value) {
            this.value = value;
        }

        Map<String, Object> toTree(String nameKey) {
            Tree tree = new Tree();
            tree.putMatcher(nameKey, name);
            tree.putMatcher("value", value);
            return tree.map();
        }
    }

    /** Selects JSON keys and values by JSON Pointer and value. */
    public static class JsonSelector {

        /** Matched against the JSON Pointer of the value, e.g. /user/name. */
        private Matcher pointer;

        /** Matched against the value. */
        private Matcher value;

        public Matcher getPointer() {
            return pointer;
        }

        public void setPointer(Matcher pointer) {
            this.pointer = pointer;
        }

        public Matcher getValue() {
            return value;
        }

        public void setValue(Matcher value) {
            this.value = value;
        }

        Map<String, Object> toTree(String nameKey) {
            Tree tree = new Tree();
            tree.putMatcher(nameKey, pointer);
            tree.putMatcher("value", value);
            return tree.map();
        }
    }

    /** Selects XML element text and attributes by element path and value. */
    public static class XmlSelector {

        /** Matched against the element path. */
        private Matcher path;

        /** Matched against the value. */
        private Matcher value;

        public Matcher getPath() {
            return path;
        }

        public void setPath(Matcher path) {
            this.path = path;
        }

        public Matcher getValue() {
            return value;
        }

        public void setValue(Matcher value) {
            this.value = value;
        }

        Map<String, Object> toTree(String nameKey) {
            Tree tree = new Tree();
            tree.putMatcher(nameKey, path);
            tree.putMatcher("value", value);
            return tree.map();
        }
    }

    /**
     * Compares a string: set exactly one of {@code exact}, {@code prefix}, {@code suffix},
     * {@code contains} or {@code regex} (RE2 syntax, matching the whole string). A plain string
     * value means {@code exact}.
     */
    public static class Matcher {

        /** The whole string equals this. */
        private String exact;

        /** The string starts with this. */
        private String prefix;

        /** The string ends with this. */
        private String suffix;

        /** The string contains this. */
        private String contains;

        /** The whole string matches this RE2 pattern. */
        private String regex;

        /** Whether to compare without regard to case. */
        private Boolean ignoreCase;

        /** Written as a plain string: handed on as one, so that it means what it means in the YAML file. */
        private boolean plain;

        /** A matcher for exactly {@code text}, as a plain string value in the YAML file. */
        public static Matcher exact(String text) {
            Matcher matcher = new Matcher();
            matcher.exact = text;
            matcher.plain = true;
            return matcher;
        }

        public String getExact() {
            return exact;
        }

        public void setExact(String exact) {
            this.exact = exact;
            plain = false;
        }

        public String getPrefix() {
            return prefix;
        }

        public void setPrefix(String prefix) {
            this.prefix = prefix;
        }

        public String getSuffix() {
            return suffix;
        }

        public void setSuffix(String suffix) {
            this.suffix = suffix;
        }

        public String getContains() {
            return contains;
        }

        public void setContains(String contains) {
            this.contains = contains;
        }

        public String getRegex() {
            return regex;
        }

        public void setRegex(String regex) {
            this.regex = regex;
        }

        public Boolean getIgnoreCase() {
            return ignoreCase;
        }

        public void setIgnoreCase(Boolean ignoreCase) {
            this.ignoreCase = ignoreCase;
        }

        /** A plain string, or the matcher's keys. */
        Object toTree() {
            if (plain && prefix == null && suffix == null && contains == null && regex == null && ignoreCase == null) {
                return exact;
            }
            Tree tree = new Tree();
            tree.put("exact", exact);
            tree.put("prefix", prefix);
            tree.put("suffix", suffix);
            tree.put("contains", contains);
            tree.put("regex", regex);
            tree.put("ignore-case", ignoreCase);
            return tree.map();
        }
    }

    /** Request conditions ({@code when:}), all of which must hold. */
    public static class Condition {

        /** Matched against the decoded, normalised path. */
        private Matcher path;

        /** Request methods, any of which may match. */
        private List<String> methods = new ArrayList<>();

        /** Media types without parameters, any of which may match; compared ignoring case. */
        private List<Matcher> contentTypes = new ArrayList<>();

        /** Client address ranges in CIDR notation (10.0.0.0/8, 2001:db8::/32) or single addresses. */
        private List<String> clientIps = new ArrayList<>();

        public Matcher getPath() {
            return path;
        }

        public void setPath(Matcher path) {
            this.path = path;
        }

        public List<String> getMethods() {
            return methods;
        }

        public void setMethods(List<String> methods) {
            this.methods = methods;
        }

        public List<Matcher> getContentTypes() {
            return contentTypes;
        }

        public void setContentTypes(List<Matcher> contentTypes) {
            this.contentTypes = contentTypes;
        }

        public List<String> getClientIps() {
            return clientIps;
        }

        public void setClientIps(List<String> clientIps) {
            this.clientIps = clientIps;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.putMatcher("path", path);
            tree.put("methods", methods);
            tree.putList("content-types", contentTypes, Matcher::toTree);
            tree.put("client-ips", clientIps);
            return tree.map();
        }
    }

    /** Token validation ({@code jwt:}). */
    public static class Jwt {

        private final Set<String> assigned = new HashSet<>();

        /**
         * Whether every request needs a valid token unless a route says otherwise. When not set,
         * tokens are required as soon as an issuer is configured.
         */
        private Boolean required;

        /** Trusted issuers; the token's iss claim selects one. */
        private List<Issuer> issuers = new ArrayList<>();

        /** A header to take the token from when there is no 'Authorization: Bearer'. */
        private String header;

        /** A cookie to take the token from. */
        private String cookie;

        /**
         * A query parameter to take the token from. Discouraged: URLs end up in logs, browser
         * history and Referer headers.
         */
        private String queryParameter;

        /** Tolerance for exp, nbf and iat, at most 10 minutes. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration clockSkew = Duration.ofSeconds(60);

        /** Longest accepted exp - iat; no limit when not set. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration maxLifetime;

        /** Whether tokens must carry an exp claim. */
        private boolean requireExpiration = true;

        /** Accepted typ header values, compared ignoring case; any when empty. */
        private List<String> types = new ArrayList<>();

        /** Longest accepted token, in characters. */
        @BinaryDataSize
        private DataSize maxTokenSize = DataSize.ofKilobytes(8);

        /** Most verified tokens kept in the cache. */
        private int cacheSize = 10_000;

        /** Scopes every token must grant (from 'scope', space-separated, or 'scp'). */
        private List<String> scopes = new ArrayList<>();

        /** Claim conditions every token must meet. */
        private List<Claim> claims = new ArrayList<>();

        /** Claims to present to the application as request headers: claim name to header name. */
        private Map<String, String> propagate = new LinkedHashMap<>();

        public Boolean getRequired() {
            return required;
        }

        public void setRequired(Boolean required) {
            this.required = required;
        }

        public List<Issuer> getIssuers() {
            return issuers;
        }

        public void setIssuers(List<Issuer> issuers) {
            this.issuers = issuers;
        }

        public String getHeader() {
            return header;
        }

        public void setHeader(String header) {
            this.header = header;
        }

        public String getCookie() {
            return cookie;
        }

        public void setCookie(String cookie) {
            this.cookie = cookie;
        }

        public String getQueryParameter() {
            return queryParameter;
        }

        public void setQueryParameter(String queryParameter) {
            this.queryParameter = queryParameter;
        }

        public Duration getClockSkew() {
            return clockSkew;
        }

        public void setClockSkew(Duration clockSkew) {
            this.clockSkew = clockSkew;
            assigned.add("clock-skew");
        }

        public Duration getMaxLifetime() {
            return maxLifetime;
        }

        public void setMaxLifetime(Duration maxLifetime) {
            this.maxLifetime = maxLifetime;
        }

        public boolean isRequireExpiration() {
            return requireExpiration;
        }

        public void setRequireExpiration(boolean requireExpiration) {
            this.requireExpiration = requireExpiration;
            assigned.add("require-expiration");
        }

        public List<String> getTypes() {
            return types;
        }

        public void setTypes(List<String> types) {
            this.types = types;
        }

        public DataSize getMaxTokenSize() {
            return maxTokenSize;
        }

        public void setMaxTokenSize(DataSize maxTokenSize) {
            this.maxTokenSize = maxTokenSize;
            assigned.add("max-token-size");
        }

        public int getCacheSize() {
            return cacheSize;
        }

        public void setCacheSize(int cacheSize) {
            this.cacheSize = cacheSize;
            assigned.add("cache-size");
        }

        public List<String> getScopes() {
            return scopes;
        }

        public void setScopes(List<String> scopes) {
            this.scopes = scopes;
        }

        public List<Claim> getClaims() {
            return claims;
        }

        public void setClaims(List<Claim> claims) {
            this.claims = claims;
        }

        public Map<String, String> getPropagate() {
            return propagate;
        }

        public void setPropagate(Map<String, String> propagate) {
            this.propagate = propagate;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("required", required);
            tree.putList("issuers", issuers, Issuer::toTree);
            tree.put("header", header);
            tree.put("cookie", cookie);
            tree.put("query-parameter", queryParameter);
            tree.putIf(assigned, "clock-skew", clockSkew);
            tree.put("max-lifetime", maxLifetime);
            tree.putIf(assigned, "require-expiration", requireExpiration);
            tree.put("types", types);
            tree.putIf(assigned, "max-token-size", maxTokenSize);
            tree.putIf(assigned, "cache-size", cacheSize);
            tree.put("scopes", scopes);
            tree.putList("claims", claims, Claim::toTree);
            tree.put("propagate", propagate);
            return tree.map();
        }
    }

    /**
     * One trusted token issuer ({@code jwt.issuers[]}) with exactly one key source:
     * {@code jwks-uri}, {@code jwks-file} or {@code hmac-secret}.
     */
    public static class Issuer {

        /** The exact iss claim value. */
        private String issuer;

        /** An https (or, for tests, http) URL of the issuer's JWK set. */
        private String jwksUri;

        /** A file path or classpath: location of a JWK set. */
        private String jwksFile;

        /** A shared secret of at least 32 bytes for HS256, HS384 and HS512. */
        private String hmacSecret;

        /**
         * Accepted aud values; the token must contain at least one. When empty the audience is not
         * checked, which is discouraged: a token for another service would be accepted.
         */
        private List<String> audiences = new ArrayList<>();

        /** Accepted signature algorithms; by default all that fit the issuer's kind of key. */
        private List<String> algorithms = new ArrayList<>();

        /** Download and cache settings of the JWK set. */
        private Jwks jwks;

        public String getIssuer() {
            return issuer;
        }

        public void setIssuer(String issuer) {
            this.issuer = issuer;
        }

        public String getJwksUri() {
            return jwksUri;
        }

        public void setJwksUri(String jwksUri) {
            this.jwksUri = jwksUri;
        }

        public String getJwksFile() {
            return jwksFile;
        }

        public void setJwksFile(String jwksFile) {
            this.jwksFile = jwksFile;
        }

        public String getHmacSecret() {
            return hmacSecret;
        }

        public void setHmacSecret(String hmacSecret) {
            this.hmacSecret = hmacSecret;
        }

        public List<String> getAudiences() {
            return audiences;
        }

        public void setAudiences(List<String> audiences) {
            this.audiences = audiences;
        }

        public List<String> getAlgorithms() {
            return algorithms;
        }

        public void setAlgorithms(List<String> algorithms) {
            this.algorithms = algorithms;
        }

        public Jwks getJwks() {
            return jwks;
        }

        public void setJwks(Jwks jwks) {
            this.jwks = jwks;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("issuer", issuer);
            tree.put("jwks-uri", jwksUri);
            tree.put("jwks-file", jwksFile);
            tree.put("hmac-secret", hmacSecret);
            tree.put("audiences", audiences);
            tree.put("algorithms", algorithms);
            if (jwks != null) {
                tree.putAlways("jwks", jwks.toTree());
            }
            return tree.map();
        }
    }

    /** JWK set download and cache settings ({@code jwt.issuers[].jwks}); unset values keep their defaults. */
    public static class Jwks {

        /** How long a fetched key set is used; 5 minutes when not set. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration cacheTtl;

        /** How long before expiry the set is fetched again in the background; 30 seconds when not set. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration refreshAhead;

        /** Shortest time between fetches caused by unknown key ids; 30 seconds when not set. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration rateLimit;

        /** How long the last key set stays in use while the endpoint is down; 1 hour when not set. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration outageTolerance;

        /** Connect timeout; 2 seconds when not set. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration connectTimeout;

        /** Read timeout; 2 seconds when not set. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration readTimeout;

        /** Largest accepted key set; 64KB when not set. */
        @BinaryDataSize
        private DataSize sizeLimit;

        public Duration getCacheTtl() {
            return cacheTtl;
        }

        public void setCacheTtl(Duration cacheTtl) {
            this.cacheTtl = cacheTtl;
        }

        public Duration getRefreshAhead() {
            return refreshAhead;
        }

        public void setRefreshAhead(Duration refreshAhead) {
            this.refreshAhead = refreshAhead;
        }

        public Duration getRateLimit() {
            return rateLimit;
        }

        public void setRateLimit(Duration rateLimit) {
            this.rateLimit = rateLimit;
        }

        public Duration getOutageTolerance() {
            return outageTolerance;
        }

        public void setOutageTolerance(Duration outageTolerance) {
            this.outageTolerance = outageTolerance;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReadTimeout() {
            return readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        public DataSize getSizeLimit() {
            return sizeLimit;
        }

        public void setSizeLimit(DataSize sizeLimit) {
            this.sizeLimit = sizeLimit;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("cache-ttl", cacheTtl);
            tree.put("refresh-ahead", refreshAhead);
            tree.put("rate-limit", rateLimit);
            tree.put("outage-tolerance", outageTolerance);
            tree.put("connect-timeout", connectTimeout);
            tree.put("read-timeout", readTimeout);
            tree.put("size-limit", sizeLimit);
            return tree.map();
        }
    }

    /**
     * A condition on one claim ({@code jwt.claims[]}, {@code routes[].jwt.claims[]}): either
     * {@code one-of} values or one matcher ({@code exact}, {@code prefix}, ...). An array claim
     * must contain a matching element.
     */
    public static class Claim {

        /** The claim name, e.g. role. */
        private String claim;

        /** Accepted values, any one of which may match. */
        private List<String> oneOf = new ArrayList<>();

        /** The claim equals this. */
        private String exact;

        /** The claim starts with this. */
        private String prefix;

        /** The claim ends with this. */
        private String suffix;

        /** The claim contains this. */
        private String contains;

        /** The whole claim matches this RE2 pattern. */
        private String regex;

        /** Whether the matcher ignores case. */
        private Boolean ignoreCase;

        public String getClaim() {
            return claim;
        }

        public void setClaim(String claim) {
            this.claim = claim;
        }

        public List<String> getOneOf() {
            return oneOf;
        }

        public void setOneOf(List<String> oneOf) {
            this.oneOf = oneOf;
        }

        public String getExact() {
            return exact;
        }

        public void setExact(String exact) {
            this.exact = exact;
        }

        public String getPrefix() {
            return prefix;
        }

        public void setPrefix(String prefix) {
            this.prefix = prefix;
        }

        public String getSuffix() {
            return suffix;
        }

        public void setSuffix(String suffix) {
            this.suffix = suffix;
        }

        public String getContains() {
            return contains;
        }

        public void setContains(String contains) {
            this.contains = contains;
        }

        public String getRegex() {
            return regex;
        }

        public void setRegex(String regex) {
            this.regex = regex;
        }

        public Boolean getIgnoreCase() {
            return ignoreCase;
        }

        public void setIgnoreCase(Boolean ignoreCase) {
            this.ignoreCase = ignoreCase;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("claim", claim);
            tree.put("one-of", oneOf);
            tree.put("exact", exact);
            tree.put("prefix", prefix);
            tree.put("suffix", suffix);
            tree.put("contains", contains);
            tree.put("regex", regex);
            tree.put("ignore-case", ignoreCase);
            return tree.map();
        }
    }

    /** OpenAPI enforcement ({@code openapi:}): only what the contract allows reaches the service. */
    public static class OpenApi {

        private final Set<String> assigned = new HashSet<>();

        /**
         * The contracts. A request is validated against the first spec whose conditions and base
         * path match it, and not at all when none does.
         */
        private List<Spec> specs = new ArrayList<>();

        /** 'block' or 'log-only' for contract violations; follows the global mode when not set. */
        private String mode;

        /** Query parameters the operation does not declare: 'block' or 'ignore'. */
        private String unexpectedQueryParameters = "block";

        /** Validator message keys to ignore entirely. */
        private List<String> ignore = new ArrayList<>();

        /** Validator message keys that are only logged. */
        private List<String> logOnly = new ArrayList<>();

        /** Most violations reported per request. */
        private int maxViolations = 10;

        /** Whether the block response lists violation keys and locations (never values). */
        private boolean details = true;

        /** Whether responses are validated too; their violations are only logged. */
        private boolean validateResponses = false;

        public List<Spec> getSpecs() {
            return specs;
        }

        public void setSpecs(List<Spec> specs) {
            this.specs = specs;
        }

        public String getMode() {
            return mode;
        }

        public void setMode(String mode) {
            this.mode = mode;
        }

        public String getUnexpectedQueryParameters() {
            return unexpectedQueryParameters;
        }

        public void setUnexpectedQueryParameters(String unexpectedQueryParameters) {
            this.unexpectedQueryParameters = unexpectedQueryParameters;
            assigned.add("unexpected-query-parameters");
        }

        public List<String> getIgnore() {
            return ignore;
        }

        public void setIgnore(List<String> ignore) {
            this.ignore = ignore;
        }

        public List<String> getLogOnly() {
            return logOnly;
        }

        public void setLogOnly(List<String> logOnly) {
            this.logOnly = logOnly;
        }

        public int getMaxViolations() {
            return maxViolations;
        }

        public void setMaxViolations(int maxViolations) {
            this.maxViolations = maxViolations;
            assigned.add("max-violations");
        }

        public boolean isDetails() {
            return details;
        }

        public void setDetails(boolean details) {
            this.details = details;
            assigned.add("details");
        }

        public boolean isValidateResponses() {
            return validateResponses;
        }

        public void setValidateResponses(boolean validateResponses) {
            this.validateResponses = validateResponses;
            assigned.add("validate-responses");
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.putList("specs", specs, Spec::toTree);
            tree.put("mode", mode);
            tree.putIf(assigned, "unexpected-query-parameters", unexpectedQueryParameters);
            tree.put("ignore", ignore);
            tree.put("log-only", logOnly);
            tree.putIf(assigned, "max-violations", maxViolations);
            tree.putIf(assigned, "details", details);
            tree.putIf(assigned, "validate-responses", validateResponses);
            return tree.map();
        }
    }

    /** One OpenAPI contract ({@code openapi.specs[]}). */
    public static class Spec {

        /** classpath:, a file path or an http(s) URL; YAML or JSON; OpenAPI 3.0 or 3.1. */
        private String location;

        /** The path prefix under which the spec's paths are served, e.g. /api. */
        private String basePath;

        /** Further conditions selecting requests for this spec. */
        private Condition when;

        public String getLocation() {
            return location;
        }

        public void setLocation(String location) {
            this.location = location;
        }

        public String getBasePath() {
            return basePath;
        }

        public void setBasePath(String basePath) {
            this.basePath = basePath;
        }

        public Condition getWhen() {
            return when;
        }

        public void setWhen(Condition when) {
            this.when = when;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("location", location);
            tree.put("base-path", basePath);
            tree.putCondition("when", when);
            return tree.map();
        }
    }

    /**
     * The positive model ({@code allow-rules:}). The YAML file also takes a bare list of rules;
     * here the rules are always under {@code rules}, which covers both forms.
     */
    public static class AllowRules {

        private final Set<String> assigned = new HashSet<>();

        /**
         * The rules; a request must match at least one of them or it is blocked. None (the
         * default) switches the positive model off: every request passes on to the deny rules.
         */
        private List<AllowRule> rules = new ArrayList<>();

        /** 'block' or 'log-only' for requests no rule matches; follows the global mode when not set. */
        private String mode;

        /** The status of the block response, 400 to 599; 404 makes unknown endpoints look absent. */
        private int status = 404;

        public List<AllowRule> getRules() {
            return rules;
        }

        public void setRules(List<AllowRule> rules) {
            this.rules = rules;
        }

        public String getMode() {
            return mode;
        }

        public void setMode(String mode) {
            this.mode = mode;
        }

        public int getStatus() {
            return status;
        }

        public void setStatus(int status) {
            this.status = status;
            assigned.add("status");
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.putList("rules", rules, AllowRule::toTree);
            tree.put("mode", mode);
            tree.putIf(assigned, "status", status);
            if (!tree.map().isEmpty() && !tree.map().containsKey("rules")) {
                // The object form needs its rules; none is what the typed default says.
                tree.putAlways("rules", List.of());
            }
            return tree.map();
        }
    }

    /**
     * One allow rule ({@code allow-rules.rules[]}): the requests it describes may pass on to the
     * deny rules. A request must meet every condition given; a rule needs at least one.
     */
    public static class AllowRule {

        /** A name for the log. */
        private String name;

        /** Matched against the decoded, normalised path; any path when not set. */
        private Matcher path;

        /** Request methods, any of which may match; any method the service allows when empty. */
        private List<String> methods = new ArrayList<>();

        /**
         * Media types a request body may have, without parameters, compared ignoring case; any when
         * empty. A request without body and Content-Type meets this condition.
         */
        private List<Matcher> contentTypes = new ArrayList<>();

        /**
         * The parameter names (query, form and multipart fields) the request may carry: names or
         * matchers. Any names when not set; an empty list allows no parameters at all.
         */
        private List<Matcher> parameters;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Matcher getPath() {
            return path;
        }

        public void setPath(Matcher path) {
            this.path = path;
        }

        public List<String> getMethods() {
            return methods;
        }

        public void setMethods(List<String> methods) {
            this.methods = methods;
        }

        public List<Matcher> getContentTypes() {
            return contentTypes;
        }

        public void setContentTypes(List<Matcher> contentTypes) {
            this.contentTypes = contentTypes;
        }

        public List<Matcher> getParameters() {
            return parameters;
        }

        public void setParameters(List<Matcher> parameters) {
            this.parameters = parameters;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("name", name);
            tree.putMatcher("path", path);
            tree.put("methods", methods);
            tree.putList("content-types", contentTypes, Matcher::toTree);
            if (parameters != null) {
                tree.putAlways("parameters", Tree.matchers(parameters));
            }
            return tree.map();
        }
    }

    /** Header policy ({@code headers:}). */
    public static class HeaderPolicy {

        /** Which request headers reach the application. */
        private final RequestHeaders request = new RequestHeaders();

        /** Headers added to and removed from every response, block responses included. */
        private final ResponseHeaders response = new ResponseHeaders();

        public RequestHeaders getRequest() {
            return request;
        }

        public ResponseHeaders getResponse() {
            return response;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("request", request.toTree());
            tree.put("response", response.toTree());
            return tree.map();
        }
    }

    /**
     * Request header filtering ({@code headers.request:}). Bulwark inspects the request as sent;
     * filtering changes only what the application sees.
     */
    public static class RequestHeaders {

        private final Set<String> assigned = new HashSet<>();

        /**
         * Which headers may reach the application: 'all', 'standard' (the well-known headers of
         * HTTP, browsers, CORS, WebSocket and trace context), or a list of header names, matchers
         * such as {prefix: X-Acme-} and the word 'standard'. Framing headers always pass.
         */
        private List<Matcher> allow = new ArrayList<>(Arrays.asList(Matcher.exact("all")));

        /** Headers that never reach the application, e.g. X-Debug. */
        private List<String> remove = new ArrayList<>();

        /**
         * Identity headers, e.g. X-Authenticated-User, that reach the application only from trusted
         * proxies (see client-ip), like the forwarding headers.
         */
        private List<String> proxyOnly = new ArrayList<>();

        /** 'block' (remove) or 'log-only' (remove nothing, log what would be); follows the global mode when not set. */
        private String mode;

        public List<Matcher> getAllow() {
            return allow;
        }

        public void setAllow(List<Matcher> allow) {
            this.allow = allow;
            assigned.add("allow");
        }

        public List<String> getRemove() {
            return remove;
        }

        public void setRemove(List<String> remove) {
            this.remove = remove;
        }

        public List<String> getProxyOnly() {
            return proxyOnly;
        }

        public void setProxyOnly(List<String> proxyOnly) {
            this.proxyOnly = proxyOnly;
        }

        public String getMode() {
            return mode;
        }

        public void setMode(String mode) {
            this.mode = mode;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            if (assigned.contains("allow")) {
                tree.putAlways("allow", Tree.headerAllowList(allow));
            }
            tree.put("remove", remove);
            tree.put("proxy-only", proxyOnly);
            tree.put("mode", mode);
            return tree.map();
        }
    }

    /** Response headers ({@code headers.response:}). */
    public static class ResponseHeaders {

        private final Set<String> assigned = new HashSet<>();

        /**
         * Security headers added unless the application set them. 'security-headers: false' (or
         * true) is taken as its 'enabled'.
         */
        private SecurityHeaders securityHeaders = new SecurityHeaders();

        /**
         * Headers removed from every response, whoever sets them. A container's own Server header
         * is a connector setting.
         */
        private List<String> remove = new ArrayList<>(Arrays.asList("Server", "X-Powered-By"));

        /**
         * Policing of the CORS headers the application sends; none when not set. When set, an
         * Access-Control-Allow-Origin the application sends must be listed, or every
         * Access-Control-* header is removed.
         */
        private Cors cors;

        public SecurityHeaders getSecurityHeaders() {
            return securityHeaders;
        }

        public void setSecurityHeaders(SecurityHeaders securityHeaders) {
            this.securityHeaders = securityHeaders;
        }

        public List<String> getRemove() {
            return remove;
        }

        public void setRemove(List<String> remove) {
            this.remove = remove;
            assigned.add("remove");
        }

        public Cors getCors() {
            return cors;
        }

        public void setCors(Cors cors) {
            this.cors = cors;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("security-headers", securityHeaders == null ? null : securityHeaders.toTree());
            tree.putIf(assigned, "remove", remove);
            if (cors != null) {
                tree.putAlways("cors", cors.toTree());
            }
            return tree.map();
        }
    }

    /**
     * The security response headers ({@code headers.response.security-headers}). The YAML file
     * takes true, false or an object of header values; here {@code enabled} stands for the first
     * two, and a plain true or false is read as it. Each header takes a value, or false to leave it
     * out; the defaults shown are the values sent when nothing is set.
     */
    public static class SecurityHeaders {

        private final Set<String> assigned = new HashSet<>();

        /** Whether security headers are added at all; false adds none, and cannot be combined with header values. */
        private boolean enabled = true;

        /** Strict-Transport-Security, sent on HTTPS requests only; false leaves it out. */
        private String strictTransportSecurity = "max-age=31536000; includeSubDomains";

        /** X-Content-Type-Options; false leaves it out. */
        private String xContentTypeOptions = "nosniff";

        /** X-Frame-Options, e.g. SAMEORIGIN; false leaves it out. */
        private String xFrameOptions = "DENY";

        /**
         * Referrer-Policy; false leaves it out. Not no-referrer: browsers would then send
         * 'Origin: null' on the service's own form posts, which the CSRF check refuses.
         */
        private String referrerPolicy = "same-origin";

        /** Permissions-Policy; false leaves it out. */
        private String permissionsPolicy = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
                + "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
                + "xr-spatial-tracking=()";

        /** Content-Security-Policy, e.g. "default-src 'self'"; not sent when not set. */
        private String contentSecurityPolicy;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
            assigned.add("enabled");
        }

        public String getStrictTransportSecurity() {
            return strictTransportSecurity;
        }

        public void setStrictTransportSecurity(String strictTransportSecurity) {
            this.strictTransportSecurity = strictTransportSecurity;
            assigned.add("strict-transport-security");
        }

        public String getXContentTypeOptions() {
            return xContentTypeOptions;
        }

        public void setXContentTypeOptions(String xContentTypeOptions) {
            this.xContentTypeOptions = xContentTypeOptions;
            assigned.add("x-content-type-options");
        }

        public String getXFrameOptions() {
            return xFrameOptions;
        }

        public void setXFrameOptions(String xFrameOptions) {
            this.xFrameOptions = xFrameOptions;
            assigned.add("x-frame-options");
        }

        public String getReferrerPolicy() {
            return referrerPolicy;
        }

        public void setReferrerPolicy(String referrerPolicy) {
            this.referrerPolicy = referrerPolicy;
            assigned.add("referrer-policy");
        }

        public String getPermissionsPolicy() {
            return permissionsPolicy;
        }

        public void setPermissionsPolicy(String permissionsPolicy) {
            this.permissionsPolicy = permissionsPolicy;
            assigned.add("permissions-policy");
        }

        public String getContentSecurityPolicy() {
            return contentSecurityPolicy;
        }

        public void setContentSecurityPolicy(String contentSecurityPolicy) {
            this.contentSecurityPolicy = contentSecurityPolicy;
        }

        /**
         * {@code true} or {@code false} when only {@code enabled} was set, the header values when
         * any was set, {@code null} when nothing was: never the other form, and never a default.
         */
        Object toTree() {
            Tree tree = new Tree();
            tree.putIf(assigned, "strict-transport-security", strictTransportSecurity);
            tree.putIf(assigned, "x-content-type-options", xContentTypeOptions);
            tree.putIf(assigned, "x-frame-options", xFrameOptions);
            tree.putIf(assigned, "referrer-policy", referrerPolicy);
            tree.putIf(assigned, "permissions-policy", permissionsPolicy);
            tree.put("content-security-policy", contentSecurityPolicy);
            if (tree.map().isEmpty()) {
                return assigned.contains("enabled") ? enabled : null;
            }
            if (!enabled) {
                throw new ConfigurationException(ConfigFactory.PREFIX + ".headers.response.security-headers.enabled",
                        "false cannot be combined with header values " + tree.map().keySet()
                                + "; set the headers to leave out to false instead");
            }
            return tree.map();
        }
    }

    /** Policing of the application's CORS headers ({@code headers.response.cors}). */
    public static class Cors {

        /**
         * The origins (scheme://host[:port]) the application may name in
         * Access-Control-Allow-Origin, or '*' (never together with credentials).
         */
        private List<String> allowedOrigins = new ArrayList<>();

        public List<String> getAllowedOrigins() {
            return allowedOrigins;
        }

        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("allowed-origins", allowedOrigins);
            return tree.map();
        }
    }

    /**
     * Cross-site request forgery protection ({@code csrf:}). Unsafe requests pass when the browser
     * says they came from the service's own origin or an allowed one; others are refused with 403.
     */
    public static class Csrf {

        private final Set<String> assigned = new HashSet<>();

        /** Whether the check runs; routes may switch it on or off. */
        private boolean enabled = false;

        /**
         * Other origins (scheme://host[:port]) whose pages may send unsafe requests;
         * https://*.example.com allows every subdomain.
         */
        private List<String> allowedOrigins = new ArrayList<>();

        /**
         * The service's own origins; taken from each request (scheme and Host) when empty. Set them
         * behind a proxy that rewrites Host.
         */
        private List<String> serviceOrigins = new ArrayList<>();

        /**
         * Whether only requests carrying credentials a browser adds by itself (a Cookie, or Basic,
         * Digest, Negotiate or NTLM authentication) are checked. Set false when clients are trusted
         * by TLS certificate or network location.
         */
        private boolean ambientCredentialsOnly = true;

        /** 'block' or 'log-only'; follows the global mode when not set. */
        private String mode;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
            assigned.add("enabled");
        }

        public List<String> getAllowedOrigins() {
            return allowedOrigins;
        }

        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }

        public List<String> getServiceOrigins() {
            return serviceOrigins;
        }

        public void setServiceOrigins(List<String> serviceOrigins) {
            this.serviceOrigins = serviceOrigins;
        }

        public boolean isAmbientCredentialsOnly() {
            return ambientCredentialsOnly;
        }

        public void setAmbientCredentialsOnly(boolean ambientCredentialsOnly) {
            this.ambientCredentialsOnly = ambientCredentialsOnly;
            assigned.add("ambient-credentials-only");
        }

        public String getMode() {
            return mode;
        }

        public void setMode(String mode) {
            this.mode = mode;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.putIf(assigned, "enabled", enabled);
            tree.put("allowed-origins", allowedOrigins);
            tree.put("service-origins", serviceOrigins);
            tree.putIf(assigned, "ambient-credentials-only", ambientCredentialsOnly);
            tree.put("mode", mode);
            return tree.map();
        }
    }

    /**
     * Where the client address comes from ({@code client-ip:}). Forwarding headers from peers that
     * are not trusted proxies are removed before the application sees the request.
     */
    public static class ClientIp {

        private final Set<String> assigned = new HashSet<>();

        /**
         * 'connection' (the connection's peer), 'x-forwarded-for' (from trusted proxies, with
         * trusted-proxies or trusted-hops) or 'header' (a single header trusted proxies set).
         */
        private String source = "connection";

        /** Addresses or CIDR ranges of the proxies whose forwarding headers count; none by default. */
        private List<String> trustedProxies = new ArrayList<>();

        /**
         * For x-forwarded-for instead of trusted-proxies: the number of proxies in front of the
         * service, 1 to 32; the client is that many addresses from the right. Not used when not set.
         */
        private Integer trustedHops;

        /** For source 'header': the name of the header a trusted proxy sets, e.g. X-Client-IP. */
        private String header;

        /** For source 'header': whether requests without a valid value from a trusted proxy are refused with 400. */
        private boolean required = false;

        public String getSource() {
            return source;
        }

        public void setSource(String source) {
            this.source = source;
            assigned.add("source");
        }

        public List<String> getTrustedProxies() {
            return trustedProxies;
        }

        public void setTrustedProxies(List<String> trustedProxies) {
            this.trustedProxies = trustedProxies;
        }

        public Integer getTrustedHops() {
            return trustedHops;
        }

        public void setTrustedHops(Integer trustedHops) {
            this.trustedHops = trustedHops;
        }

        public String getHeader() {
            return header;
        }

        public void setHeader(String header) {
            this.header = header;
        }

        public boolean isRequired() {
            return required;
        }

        public void setRequired(boolean required) {
            this.required = required;
            assigned.add("required");
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.putIf(assigned, "source", source);
            tree.put("trusted-proxies", trustedProxies);
            tree.put("trusted-hops", trustedHops);
            tree.put("header", header);
            tree.putIf(assigned, "required", required);
            return tree.map();
        }
    }

    /**
     * IP allow and deny lists ({@code ip-rules:}) on the client address; 403. Deny wins over allow.
     */
    public static class IpRules {

        /** Addresses or CIDR ranges clients must lie in; no restriction when empty. */
        private List<String> allow = new ArrayList<>();

        /** Addresses or CIDR ranges that are refused. */
        private List<String> deny = new ArrayList<>();

        /** 'block' or 'log-only'; follows the global mode when not set. */
        private String mode;

        public List<String> getAllow() {
            return allow;
        }

        public void setAllow(List<String> allow) {
            this.allow = allow;
        }

        public List<String> getDeny() {
            return deny;
        }

        public void setDeny(List<String> deny) {
            this.deny = deny;
        }

        public String getMode() {
            return mode;
        }

        public void setMode(String mode) {
            this.mode = mode;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("allow", allow);
            tree.put("deny", deny);
            tree.put("mode", mode);
            return tree.map();
        }
    }

    /**
     * One custom block response ({@code block-responses[]}): a status, or a body with its content
     * type, or both. Among the entries for a block type the request's Accept header chooses.
     */
    public static class BlockResponse {

        /**
         * The block types it answers, any of 'deny', 'limit', 'malformed', 'token', 'forbidden',
         * 'allow-rule', 'openapi', 'ip-rule', 'csrf', 'internal'; every type when empty.
         */
        private List<String> types = new ArrayList<>();

        /** The status to send, 400 to 599; the block's own status when not set. */
        private Integer status;

        /** The body's content type, e.g. 'text/html; charset=utf-8'; needed with a body. */
        private String contentType;

        /** The body, with the placeholders {{incidentId}} and {{status}}, at most 64K characters. */
        private String body;

        /** A file path or classpath: location to read the body from, instead of body. */
        private String bodyFile;

        public List<String> getTypes() {
            return types;
        }

        public void setTypes(List<String> types) {
            this.types = types;
        }

        public Integer getStatus() {
            return status;
        }

        public void setStatus(Integer status) {
            this.status = status;
        }

        public String getContentType() {
            return contentType;
        }

        public void setContentType(String contentType) {
            this.contentType = contentType;
        }

        public String getBody() {
            return body;
        }

        public void setBody(String body) {
            this.body = body;
        }

        public String getBodyFile() {
            return bodyFile;
        }

        public void setBodyFile(String bodyFile) {
            this.bodyFile = bodyFile;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("types", types);
            tree.put("status", status);
            tree.put("content-type", contentType);
            tree.put("body", body);
            tree.put("body-file", bodyFile);
            return tree.map();
        }
    }

    /** Settings for the requests that meet some conditions ({@code routes[]}). */
    public static class Route {

        /** The conditions selecting the route's requests; required. */
        private Condition when;

        /** 'block' or 'log-only' for this route. */
        private String mode;

        /** Deny-rule settings for this route. */
        private RouteDenyRules denyRules;

        /** 'block' or 'log' for bodies that cannot be inspected on this route. */
        private String uninspectable;

        /** The binary bodies this route accepts uninspected. */
        private RouteBody body;

        /** Token requirements for this route. */
        private RouteJwt jwt;

        /** OpenAPI enforcement for this route. */
        private RouteOpenApi openapi;

        /**
         * The request methods this route allows instead of the global ones; the only entry 'any'
         * allows every method. Keeps the global ones when not set.
         */
        private List<String> allowedMethods;

        /** Allow rules on this route. */
        private RouteAllowRules allowRules;

        /**
         * IP rules of this route: deny ranges add to the global ones, allow ranges replace the
         * global allow list (an empty list lifts it).
         */
        private RouteIpRules ipRules;

        /** The CSRF check on this route. */
        private RouteCsrf csrf;

        /** Request header filtering on this route. */
        private RouteHeaders headers;

        public Condition getWhen() {
            return when;
        }

        public void setWhen(Condition when) {
            this.when = when;
        }

        public String getMode() {
            return mode;
        }

        public void setMode(String mode) {
            this.mode = mode;
        }

        public RouteDenyRules getDenyRules() {
            return denyRules;
        }

        public void setDenyRules(RouteDenyRules denyRules) {
            this.denyRules = denyRules;
        }

        public String getUninspectable() {
            return uninspectable;
        }

        public void setUninspectable(String uninspectable) {
            this.uninspectable = uninspectable;
        }

        public RouteBody getBody() {
            return body;
        }

        public void setBody(RouteBody body) {
            this.body = body;
        }

        public RouteJwt getJwt() {
            return jwt;
        }

        public void setJwt(RouteJwt jwt) {
            this.jwt = jwt;
        }

        public RouteOpenApi getOpenapi() {
            return openapi;
        }

        public void setOpenapi(RouteOpenApi openapi) {
            this.openapi = openapi;
        }

        public List<String> getAllowedMethods() {
            return allowedMethods;
        }

        public void setAllowedMethods(List<String> allowedMethods) {
            this.allowedMethods = allowedMethods;
        }

        public RouteAllowRules getAllowRules() {
            return allowRules;
        }

        public void setAllowRules(RouteAllowRules allowRules) {
            this.allowRules = allowRules;
        }

        public RouteIpRules getIpRules() {
            return ipRules;
        }

        public void setIpRules(RouteIpRules ipRules) {
            this.ipRules = ipRules;
        }

        public RouteCsrf getCsrf() {
            return csrf;
        }

        public void setCsrf(RouteCsrf csrf) {
            this.csrf = csrf;
        }

        public RouteHeaders getHeaders() {
            return headers;
        }

        public void setHeaders(RouteHeaders headers) {
            this.headers = headers;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.putCondition("when", when);
            tree.put("mode", mode);
            if (denyRules != null) {
                tree.putAlways("deny-rules", denyRules.toTree());
            }
            tree.put("uninspectable", uninspectable);
            if (body != null) {
                tree.putAlways("body", body.toTree());
            }
            if (jwt != null) {
                tree.putAlways("jwt", jwt.toTree());
            }
            if (openapi != null) {
                tree.putAlways("openapi", openapi.toTree());
            }
            if (allowedMethods != null) {
                tree.putAlways("allowed-methods", Tree.methods(allowedMethods));
            }
            if (allowRules != null) {
                tree.putAlways("allow-rules", allowRules.toTree());
            }
            if (ipRules != null) {
                tree.putAlways("ip-rules", ipRules.toTree());
            }
            if (csrf != null) {
                tree.putAlways("csrf", csrf.toTree());
            }
            if (headers != null) {
                tree.putAlways("headers", headers.toTree());
            }
            return tree.map();
        }
    }

    /** Deny-rule settings of a route ({@code routes[].deny-rules}). */
    public static class RouteDenyRules {

        /** The level on this route: 'off', 'basic', 'standard' or 'strict'. */
        private String level;

        public String getLevel() {
            return level;
        }

        public void setLevel(String level) {
            this.level = level;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("level", Tree.level(level));
            return tree.map();
        }
    }

    /** Token requirements of a route ({@code routes[].jwt}). */
    public static class RouteJwt {

        /** Whether a valid token is needed on this route; keeps the global setting when not set. */
        private Boolean required;

        /** Scopes the token must all grant. */
        private List<String> scopes = new ArrayList<>();

        /** Claim conditions that must all hold. */
        private List<Claim> claims = new ArrayList<>();

        public Boolean getRequired() {
            return required;
        }

        public void setRequired(Boolean required) {
            this.required = required;
        }

        public List<String> getScopes() {
            return scopes;
        }

        public void setScopes(List<String> scopes) {
            this.scopes = scopes;
        }

        public List<Claim> getClaims() {
            return claims;
        }

        public void setClaims(List<Claim> claims) {
            this.claims = claims;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("required", required);
            tree.put("scopes", scopes);
            tree.putList("claims", claims, Claim::toTree);
            return tree.map();
        }
    }

    /** OpenAPI enforcement on a route ({@code routes[].openapi}). */
    public static class RouteOpenApi {

        /** Whether requests on this route are validated; keeps the global setting when not set. */
        private Boolean enabled;

        /** 'block' or 'log-only' for contract violations on this route. */
        private String mode;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public String getMode() {
            return mode;
        }

        public void setMode(String mode) {
            this.mode = mode;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("enabled", enabled);
            tree.put("mode", mode);
            return tree.map();
        }
    }

    /** Allow rules on a route ({@code routes[].allow-rules}). */
    public static class RouteAllowRules {

        /** Whether allow rules apply on this route; false exempts it. Keeps the global setting when not set. */
        private Boolean enabled;

        /** 'block' or 'log-only' for allow rules on this route. */
        private String mode;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public String getMode() {
            return mode;
        }

        public void setMode(String mode) {
            this.mode = mode;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("enabled", enabled);
            tree.put("mode", mode);
            return tree.map();
        }
    }

    /** IP rules of a route ({@code routes[].ip-rules}). */
    public static class RouteIpRules {

        /**
         * Addresses or CIDR ranges clients of this route must lie in, instead of the global allow
         * list; an empty list lifts the global one. Keeps the global list when not set.
         */
        private List<String> allow;

        /** Addresses or CIDR ranges refused on this route, besides the global ones. */
        private List<String> deny = new ArrayList<>();

        /** 'block' or 'log-only' for IP rules on this route. */
        private String mode;

        public List<String> getAllow() {
            return allow;
        }

        public void setAllow(List<String> allow) {
            this.allow = allow;
        }

        public List<String> getDeny() {
            return deny;
        }

        public void setDeny(List<String> deny) {
            this.deny = deny;
        }

        public String getMode() {
            return mode;
        }

        public void setMode(String mode) {
            this.mode = mode;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            if (allow != null) {
                tree.putAlways("allow", new ArrayList<>(allow));
            }
            tree.put("deny", deny);
            tree.put("mode", mode);
            return tree.map();
        }
    }

    /** The bodies a route accepts beyond what can be inspected ({@code routes[].body}). */
    public static class RouteBody {

        /**
         * Media ranges ('application/octet-stream', 'image/*') whose binary content (a known file
         * format such as PNG or PDF, or bytes that are not text) passes uninspected on this route,
         * logged. Text under these types is still inspected.
         */
        private List<String> binary;

        public List<String> getBinary() {
            return binary;
        }

        public void setBinary(List<String> binary) {
            this.binary = binary;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            if (binary != null) {
                tree.putAlways("binary", binary);
            }
            return tree.map();
        }
    }

    /** The CSRF check on a route ({@code routes[].csrf}). */
    public static class RouteCsrf {

        /** Whether the CSRF check runs on this route; keeps the global setting when not set. */
        private Boolean enabled;

        /** 'block' or 'log-only' for the CSRF check on this route. */
        private String mode;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public String getMode() {
            return mode;
        }

        public void setMode(String mode) {
            this.mode = mode;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            tree.put("enabled", enabled);
            tree.put("mode", mode);
            return tree.map();
        }
    }

    /** Header settings of a route ({@code routes[].headers}); only request headers can change per route. */
    public static class RouteHeaders {

        /** Request header filtering on this route. */
        private RouteRequestHeaders request;

        public RouteRequestHeaders getRequest() {
            return request;
        }

        public void setRequest(RouteRequestHeaders request) {
            this.request = request;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            if (request != null) {
                tree.putAlways("request", request.toTree());
            }
            return tree.map();
        }
    }

    /** Request header filtering on a route ({@code routes[].headers.request}); proxy-only is global only. */
    public static class RouteRequestHeaders {

        /**
         * Which headers may reach the application on this route, instead of the global list: 'all',
         * 'standard', or a list of header names, matchers and the word 'standard'. Keeps the global
         * list when not set.
         */
        private List<Matcher> allow;

        /** Headers that never reach the application on this route, besides the global ones. */
        private List<String> remove = new ArrayList<>();

        /** 'block' or 'log-only' for header filtering on this route. */
        private String mode;

        public List<Matcher> getAllow() {
            return allow;
        }

        public void setAllow(List<Matcher> allow) {
            this.allow = allow;
        }

        public List<String> getRemove() {
            return remove;
        }

        public void setRemove(List<String> remove) {
            this.remove = remove;
        }

        public String getMode() {
            return mode;
        }

        public void setMode(String mode) {
            this.mode = mode;
        }

        Map<String, Object> toTree() {
            Tree tree = new Tree();
            if (allow != null) {
                tree.putAlways("allow", Tree.headerAllowList(allow));
            }
            tree.put("remove", remove);
            tree.put("mode", mode);
            return tree.map();
        }
    }
}
