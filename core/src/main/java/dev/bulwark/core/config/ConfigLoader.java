package dev.bulwark.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.core.Level;
import dev.bulwark.core.Mode;
import dev.bulwark.core.internal.deny.BuiltInRules;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads the configuration from YAML (a file, text, or an already parsed tree such as Spring
 * properties turned into a map). Unknown keys and bad values stop loading with a
 * {@link ConfigurationException} naming the path of the key, e.g.
 * {@code deny-rules.exceptions[2].parameter.name: unknown matcher 'exakt'}.
 *
 * <p>Keys are kebab-case. Absent keys keep their defaults; see {@link BulwarkConfig} and
 * {@link Limits} for them.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The blocked-data selector keys, in the schema's order, so that an error names them alike on every run. */
    private static final List<String> SELECTOR_KINDS = List.of("parameter", "header", "cookie", "json", "xml", "graphql", "path",
            "path-segment", "path-parameter", "value");

    /** How each key under {@code limits} sets its limit; a group without an entry holds more keys. */
    private static final Map<String, BiConsumer<Limits.Builder, ConfigNode>> LIMITS = Map.ofEntries(
            Map.entry("body-size", (limits, item) -> limits.bodySize(item.dataSize())),
            Map.entry("path-length", (limits, item) -> limits.pathLength(item.positiveInt())),
            Map.entry("query-length", (limits, item) -> limits.queryLength((int) Math.min(Integer.MAX_VALUE, item.dataSize()))),
            Map.entry("parameters.count", (limits, item) -> limits.parameterCount(item.positiveInt())),
            Map.entry("parameters.name-length", (limits, item) -> limits.parameterNameLength(intSize(item))),
            Map.entry("parameters.value-length", (limits, item) -> limits.parameterValueLength(intSize(item))),
            Map.entry("headers.count", (limits, item) -> limits.headerCount(item.positiveInt())),
            Map.entry("headers.total-size", (limits, item) -> limits.headerSize(intSize(item))),
            Map.entry("cookies.count", (limits, item) -> limits.cookieCount(item.positiveInt())),
            Map.entry("json.depth", (limits, item) -> limits.jsonDepth(item.positiveInt())),
            Map.entry("json.keys-per-object", (limits, item) -> limits.jsonKeysPerObject(item.positiveInt())),
            Map.entry("json.elements", (limits, item) -> limits.jsonElements(item.positiveInt())),
            Map.entry("json.key-length", (limits, item) -> limits.jsonKeyLength(intSize(item))),
            Map.entry("json.string-length", (limits, item) -> limits.jsonStringLength(intSize(item))),
            Map.entry("multipart.parts", (limits, item) -> limits.multipartParts(item.positiveInt())),
            Map.entry("multipart.part-size", (limits, item) -> limits.multipartPartSize(item.dataSize())),
            Map.entry("xml.depth", (limits, item) -> limits.xmlDepth(item.positiveInt())),
            Map.entry("xml.elements", (limits, item) -> limits.xmlElements(item.positiveInt())),
            Map.entry("body-read", (limits, item) -> limits.bodyRead(bodyRead(item))));

    private ConfigLoader() {
    }

    /** Reads a YAML file. */
    public static BulwarkConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("", "cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        return fromYaml(text);
    }

    /** Reads YAML text. An empty document yields the defaults. */
    public static BulwarkConfig fromYaml(String yaml) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("", "invalid YAML: " + e.getOriginalMessage(), e);
        }
        return fromTree(tree);
    }

    /** Reads a tree of maps, lists and scalars with kebab-case keys (as Spring binds properties). */
    public static BulwarkConfig fromMap(Map<String, ?> map) {
        return fromTree(JSON.valueToTree(map));
    }

    /** Reads an already parsed tree. */
    public static BulwarkConfig fromTree(JsonNode tree) {
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return BulwarkConfig.defaults();
        }
        ConfigNode root = new ConfigNode(tree, "").object();
        BulwarkConfig.Builder builder = BulwarkConfig.custom();
        ConfigNode node;
        if ((node = root.get("mode")) != null) {
            builder.mode(node.enumValue(Mode.class));
        }
        Limits limits = Limits.defaults();
        if ((node = root.get("limits")) != null) {
            limits = limits(node, Limits.defaults());
            builder.limits(limits);
        }
        if ((node = root.get("decoding")) != null) {
            ConfigNode decoding = node.object();
            ConfigNode passes = decoding.get("passes");
            if (passes != null) {
                int value = passes.positiveInt();
                passes.convert(n -> builder.decodingPasses(value));
            }
        }
        if ((node = root.get("uninspectable")) != null) {
            builder.uninspectable(node.enumValue(UninspectablePolicy.class));
        }
        if ((node = root.get("deny-rules")) != null) {
            builder.denyRules(denyRules(node));
        }
        if ((node = root.get("jwt")) != null) {
            builder.jwt(JwtConfigReader.read(node));
        }
        if ((node = root.get("openapi")) != null) {
            builder.openapi(openapi(node));
        }
        if ((node = root.get("graphql")) != null) {
            builder.graphql(GraphQlConfigReader.read(node));
        }
        PolicyConfigReader.read(root, builder);
        if ((node = root.get("rate-limits")) != null) {
            builder.rateLimits(RateLimitsConfigReader.read(node));
        }
        if ((node = root.get("routes")) != null) {
            List<Route> routes = new ArrayList<>();
            for (ConfigNode item : node.list()) {
                routes.add(route(item, limits));
            }
            builder.routes(routes);
        }
        return root.convert(n -> builder.build());
    }

    private static OpenApiConfig openapi(ConfigNode node) {
        node.object();
        List<OpenApiConfig.Spec> specs = new ArrayList<>();
        ConfigNode item;
        if ((item = node.get("specs")) != null) {
            for (ConfigNode entry : item.list()) {
                entry.object();
                String location = entry.required("location", "a spec needs a location").text().trim();
                String basePath = entry.has("base-path") ? entry.get("base-path").text().trim() : "";
                RequestCondition when = condition(entry.get("when"));
                specs.add(entry.convert(n -> new OpenApiConfig.Spec(location, basePath, when)));
            }
        }
        Mode mode = mode(node);
        OpenApiConfig defaults = OpenApiConfig.disabled();
        boolean unexpected = node.has("unexpected-query-parameters")
                ? node.get("unexpected-query-parameters").choice().equals("block") : defaults.unexpectedQueryParameters();
        Set<String> ignore = node.has("ignore") ? new LinkedHashSet<>(node.get("ignore").stringList()) : Set.of();
        Set<String> logOnly = node.has("log-only") ? new LinkedHashSet<>(node.get("log-only").stringList()) : Set.of();
        int maxViolations = node.has("max-violations") ? node.get("max-violations").positiveInt() : defaults.maxViolations();
        boolean details = node.has("details") ? node.get("details").bool() : defaults.details();
        boolean responses = node.has("validate-responses") ? node.get("validate-responses").bool()
                : defaults.validateResponses();
        return node.convert(n -> new OpenApiConfig(specs, mode, unexpected, ignore, logOnly, maxViolations, details, responses));
    }

    /** {@code limits}: {@code base} with the keys set under {@code node} replaced (a route's start from the global ones). */
    private static Limits limits(ConfigNode node, Limits base) {
        Limits.Builder limits = base.toBuilder();
        readLimits(node, "", limits);
        return node.convert(n -> limits.build());
    }

    /** Sets every limit under {@code node}, whose path below {@code limits} is {@code prefix}; groups are walked. */
    private static void readLimits(ConfigNode node, String prefix, Limits.Builder limits) {
        node.object();
        for (String name : node.fieldNames()) {
            ConfigNode item = node.get(name);
            if (item == null) {
                continue;
            }
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            BiConsumer<Limits.Builder, ConfigNode> setter = LIMITS.get(path);
            if (setter != null) {
                setter.accept(limits, item);
            } else {
                readLimits(item, path, limits);
            }
        }
    }

    /** {@code limits.body-read}: one group, because its keys are checked against each other. */
    private static BodyReadLimits bodyRead(ConfigNode node) {
        node.object();
        BodyReadLimits.Builder bodyRead = BodyReadLimits.custom();
        ConfigNode item;
        if ((item = node.get("timeout")) != null) {
            bodyRead.timeout(positiveDuration(item));
        }
        if ((item = node.get("min-rate")) != null) {
            bodyRead.minRate(item.dataSize());
        }
        if ((item = node.get("grace-period")) != null) {
            bodyRead.gracePeriod(positiveDuration(item));
        }
        return node.convert(n -> bodyRead.build());
    }

    private static Duration positiveDuration(ConfigNode node) {
        Duration duration = node.duration();
        if (duration.isNegative() || duration.isZero()) {
            throw node.error("must be positive, was " + duration);
        }
        return duration;
    }

    private static int intSize(ConfigNode node) {
        long size = node.dataSize();
        if (size > Integer.MAX_VALUE) {
            throw node.error("too large: " + size);
        }
        return (int) size;
    }

    private static DenyRulesConfig denyRules(ConfigNode node) {
        node.object();
        Level level = Level.STANDARD;
        ConfigNode item;
        if ((item = node.get("level")) != null) {
            level = item.enumValue(Level.class);
        }
        Set<String> logOnly = new LinkedHashSet<>();
        if ((item = node.get("log-only")) != null) {
            for (String key : item.stringList()) {
                logOnly.add(key.trim().toUpperCase(Locale.ROOT));
            }
        }
        List<RuleOverride> overrides = new ArrayList<>();
        if ((item = node.get("overrides")) != null) {
            for (ConfigNode entry : item.list()) {
                entry.object();
                Level overrideLevel = entry.has("level") ? entry.get("level").enumValue(Level.class) : null;
                Mode mode = mode(entry);
                Set<String> keys = upper(entry.get("rule-keys"));
                Set<String> ids = upper(entry.get("rule-ids"));
                ValueSelector selector = selector(entry);
                RequestCondition when = condition(entry.get("when"));
                overrides.add(entry.convert(n -> new RuleOverride(keys, ids, selector, when, overrideLevel, mode)));
            }
        }
        List<DenyRuleException> exceptions = new ArrayList<>();
        if ((item = node.get("exceptions")) != null) {
            for (ConfigNode entry : item.list()) {
                entry.object();
                Set<String> keys = upper(entry.get("rule-keys"));
                Set<String> ids = upper(entry.get("rule-ids"));
                ValueSelector selector = selector(entry);
                RequestCondition when = condition(entry.get("when"));
                if (keys.isEmpty() && ids.isEmpty() && selector.kind() == ValueSelector.Kind.ANY && when.isAlways()) {
                    throw entry.error("an exception must name rules, blocked data or conditions; this one would switch off every rule");
                }
                exceptions.add(new DenyRuleException(keys, ids, selector, when));
            }
        }
        List<CustomRule> customRules = new ArrayList<>();
        if ((item = node.get("custom-rules")) != null) {
            Set<String> seen = new LinkedHashSet<>();
            for (ConfigNode entry : item.list()) {
                entry.object();
                String id = entry.required("id", "a custom rule needs an id").text().trim();
                if (!seen.add(id)) {
                    throw entry.get("id").error("duplicate custom rule id '" + id + "'");
                }
                String key = entry.has("key") ? entry.get("key").text().trim().toUpperCase(Locale.ROOT) : "CUSTOM";
                String description = entry.has("description") ? entry.get("description").text() : null;
                Mode mode = mode(entry);
                ValueSelector selector = selector(entry);
                RequestCondition when = condition(entry.get("when"));
                customRules.add(entry.convert(n -> new CustomRule(id, key, description, selector, when, mode)));
            }
        }
        checkRuleNames(node, customRules);
        Set<String> restrictedExtensions = DenyRulesConfig.defaultRestrictedExtensions();
        if ((item = node.get("restricted-extensions")) != null) {
            restrictedExtensions = extensionList(item, DenyRulesConfig.defaultRestrictedExtensions());
        }
        Set<String> uploadExecutableExtensions = DenyRulesConfig.defaultUploadExecutableExtensions();
        if ((item = node.get("upload-executable-extensions")) != null) {
            uploadExecutableExtensions = extensionList(item, DenyRulesConfig.defaultUploadExecutableExtensions());
        }
        return new DenyRulesConfig(level, logOnly, overrides, exceptions, customRules, restrictedExtensions,
                uploadExecutableExtensions);
    }

    /**
     * Refuses a rule key or id that names no rule in {@code log-only} and in the
     * {@code rule-keys} and {@code rule-ids} of overrides and exceptions: a misspelt
     * {@code SQL-NOPE} would otherwise silently match nothing, leaving the false positive it was
     * written for blocked, or the rule it meant to relax relaxed nowhere. Known are the built-in
     * rules and the custom rules of this section; case does not matter.
     */
    private static void checkRuleNames(ConfigNode node, List<CustomRule> customRules) {
        Set<String> keys = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (RuleDefinition rule : BuiltInRules.rules()) {
            keys.add(rule.key());
            ids.add(rule.id());
        }
        for (CustomRule rule : customRules) {
            keys.add(rule.key().toUpperCase(Locale.ROOT));
            ids.add(rule.id().toUpperCase(Locale.ROOT));
        }
        Set<String> keysAndIds = new HashSet<>(keys);
        keysAndIds.addAll(ids);
        checkNames(node.get("log-only"), keysAndIds, "rule key or id");
        for (String section : List.of("overrides", "exceptions")) {
            ConfigNode entries = node.get(section);
            if (entries != null) {
                for (ConfigNode entry : entries.list()) {
                    checkNames(entry.get("rule-keys"), keys, "rule key");
                    checkNames(entry.get("rule-ids"), ids, "rule id");
                }
            }
        }
    }

    private static void checkNames(ConfigNode names, Set<String> known, String what) {
        if (names == null) {
            return;
        }
        for (ConfigNode name : names.items()) {
            String value = name.text().trim().toUpperCase(Locale.ROOT);
            if (!known.contains(value)) {
                throw name.error("unknown " + what + " '" + name.text().trim() + "'; docs/rules.md lists the rules");
            }
        }
    }

    /**
     * {@code restricted-extensions} and {@code upload-executable-extensions}: {@code only}
     * replaces the built-in list, {@code add} and {@code remove} change it (after {@code only},
     * when both are given).
     */
    private static Set<String> extensionList(ConfigNode node, Set<String> builtIn) {
        node.object();
        Set<String> extensions = new LinkedHashSet<>(node.has("only") ? extensionSet(node.get("only")) : builtIn);
        if (node.has("add")) {
            extensions.addAll(extensionSet(node.get("add")));
        }
        if (node.has("remove")) {
            extensions.removeAll(extensionSet(node.get("remove")));
        }
        return extensions;
    }

    private static Set<String> extensionSet(ConfigNode node) {
        Set<String> extensions = new LinkedHashSet<>();
        for (ConfigNode item : node.items()) {
            String extension = item.text();
            extensions.add(item.convert(n -> DenyRulesConfig.checkedExtension(extension)));
        }
        return extensions;
    }

    private static Route route(ConfigNode node, Limits globalLimits) {
        node.object();
        RequestCondition when = condition(node.required("when", "a route needs 'when' conditions"));
        Mode mode = mode(node);
        Level level = null;
        ConfigNode deny = node.get("deny-rules");
        if (deny != null) {
            deny.object();
            if (deny.has("level")) {
                level = deny.get("level").enumValue(Level.class);
            }
        }
        UninspectablePolicy uninspectable = node.has("uninspectable")
                ? node.get("uninspectable").enumValue(UninspectablePolicy.class) : null;
        JwtRequirement jwt = node.has("jwt") ? JwtConfigReader.requirement(node.get("jwt"), true) : null;
        Boolean openapi = null;
        Mode openapiMode = null;
        ConfigNode openapiNode = node.get("openapi");
        if (openapiNode != null) {
            openapiNode.object();
            if (openapiNode.has("enabled")) {
                openapi = openapiNode.get("enabled").bool();
            }
            if (openapiNode.has("mode")) {
                openapiMode = openapiNode.get("mode").enumValue(Mode.class);
            }
        }
        RoutePolicy policy = PolicyConfigReader.route(node);
        RouteBody body = node.has("body") ? routeBody(node.get("body")) : RouteBody.NONE;
        List<RateLimit> rateLimits = node.has("rate-limits") ? RateLimitsConfigReader.route(node.get("rate-limits")) : List.of();
        Limits limits = node.has("limits") ? limits(node.get("limits"), globalLimits) : null;
        return new Route(when, mode, level, uninspectable, jwt, openapi, openapiMode, policy, body, limits, rateLimits);
    }

    /** A route's {@code body: {binary: [media ranges]}}. */
    private static RouteBody routeBody(ConfigNode node) {
        node.object();
        List<String> binary = new ArrayList<>();
        if (node.has("binary")) {
            for (ConfigNode range : node.get("binary").items()) {
                binary.add(range.convert(n -> RouteBody.mediaRange(n.text())));
            }
        }
        return new RouteBody(binary);
    }

    /** The blocked-data selector of an exception, override or custom rule: at most one kind key. */
    private static ValueSelector selector(ConfigNode entry) {
        String found = null;
        for (String kind : SELECTOR_KINDS) {
            if (entry.has(kind)) {
                if (found != null) {
                    throw entry.error("choose one of " + SELECTOR_KINDS + ", found both '" + found + "' and '" + kind + "'");
                }
                found = kind;
            }
        }
        if (found == null) {
            return ValueSelector.any();
        }
        ConfigNode node = entry.get(found);
        return switch (found) {
            case "parameter" -> {
                node.object();
                ValueSelector.ParameterSource source = node.has("source")
                        ? node.get("source").enumValue(ValueSelector.ParameterSource.class) : ValueSelector.ParameterSource.ANY;
                yield new ValueSelector(ValueSelector.Kind.PARAMETER, matcher(node.get("name")), matcher(node.get("value")), source);
            }
            case "header" -> named(node, ValueSelector.Kind.HEADER, "name", true);
            case "cookie" -> named(node, ValueSelector.Kind.COOKIE, "name", false);
            case "json" -> named(node, ValueSelector.Kind.JSON, "pointer", false);
            case "xml" -> named(node, ValueSelector.Kind.XML, "path", false);
            case "graphql" -> named(node, ValueSelector.Kind.GRAPHQL, "name", false);
            case "path" -> new ValueSelector(ValueSelector.Kind.PATH, matcher(node), null, null);
            case "path-segment" -> new ValueSelector(ValueSelector.Kind.PATH_SEGMENT, matcher(node), null, null);
            case "path-parameter" -> new ValueSelector(ValueSelector.Kind.PATH_PARAMETER, matcher(node), null, null);
            case "value" -> new ValueSelector(ValueSelector.Kind.ANY, null, matcher(node), null);
            default -> throw new IllegalStateException(found);
        };
    }

    private static ValueSelector named(ConfigNode node, ValueSelector.Kind kind, String nameKey, boolean nameIgnoresCase) {
        node.object();
        StringMatcher name = matcher(node.get(nameKey));
        if (name != null && nameIgnoresCase) {
            name = name.ignoringCase();
        }
        return new ValueSelector(kind, name, matcher(node.get("value")), null);
    }

    /** A matcher: a plain string (exact) or {@code {exact|prefix|suffix|contains|regex|pattern: text, ignore-case: bool}}. */
    static StringMatcher matcher(ConfigNode node) {
        if (node == null) {
            return null;
        }
        if (node.isText()) {
            return StringMatcher.exact(node.text());
        }
        if (!node.isObject()) {
            throw node.error("expected a matcher such as {exact: text}, {prefix: text} or {regex: pattern}");
        }
        StringMatcher.Kind kind = null;
        String text = null;
        for (StringMatcher.Kind candidate : StringMatcher.Kind.values()) {
            String key = candidate.name().toLowerCase(Locale.ROOT);
            if (node.has(key)) {
                if (kind != null) {
                    throw node.error("a matcher takes one of exact, prefix, suffix, contains, regex, pattern");
                }
                kind = candidate;
                text = node.get(key).text();
            }
        }
        node.object();
        if (kind == null) {
            throw node.error("a matcher needs one of exact, prefix, suffix, contains, regex, pattern");
        }
        boolean ignoreCase = node.has("ignore-case") && node.get("ignore-case").bool();
        StringMatcher.Kind finalKind = kind;
        String finalText = text;
        ConfigNode target = node.get(kind.name().toLowerCase(Locale.ROOT));
        return target.convert(n -> StringMatcher.of(finalKind, finalText, ignoreCase));
    }

    static RequestCondition condition(ConfigNode node) {
        if (node == null) {
            return RequestCondition.always();
        }
        node.object();
        StringMatcher path = matcher(node.get("path"));
        Set<String> methods = methods(node.get("methods"));
        List<StringMatcher> contentTypes = contentTypes(node.get("content-types"));
        List<IpRange> clientIps = node.has("client-ips") ? ranges(node.get("client-ips")) : List.of();
        return new RequestCondition(path, methods, contentTypes, clientIps);
    }

    /** The {@code mode} key of a section, a rule or a route; {@code null} when not set. */
    static Mode mode(ConfigNode node) {
        return node.has("mode") ? node.get("mode").enumValue(Mode.class) : null;
    }

    /** IP ranges, one or a list: a condition's client addresses, IP rules, trusted proxies. */
    static List<IpRange> ranges(ConfigNode node) {
        List<IpRange> ranges = new ArrayList<>();
        for (ConfigNode entry : node.items()) {
            ranges.add(entry.convert(n -> IpRange.parse(n.text())));
        }
        return ranges;
    }

    /**
     * The methods of a condition or an allow rule, upper-cased. Conditions and allow rules read
     * them alike, so that a method list means the same wherever it is written.
     */
    static Set<String> methods(ConfigNode node) {
        Set<String> methods = new LinkedHashSet<>();
        if (node != null) {
            for (String method : node.stringList()) {
                String trimmed = method.trim();
                if (trimmed.isEmpty() || !trimmed.chars().allMatch(c -> c > 32 && c < 127)) {
                    throw node.error("invalid method '" + method + "'");
                }
                methods.add(trimmed.toUpperCase(Locale.ROOT));
            }
        }
        return methods;
    }

    /**
     * The content types of a condition or an allow rule, one or a list. Media types are
     * case-insensitive, so a plain text is lower-cased and a matcher ignores case.
     */
    static List<StringMatcher> contentTypes(ConfigNode node) {
        List<StringMatcher> contentTypes = new ArrayList<>();
        if (node != null) {
            for (ConfigNode type : node.items()) {
                contentTypes.add(type.isText() ? StringMatcher.exact(type.text().trim().toLowerCase(Locale.ROOT))
                        : matcher(type).ignoringCase());
            }
        }
        return contentTypes;
    }

    private static Set<String> upper(ConfigNode node) {
        if (node == null) {
            return Set.of();
        }
        Set<String> values = new LinkedHashSet<>();
        for (String value : node.stringList()) {
            values.add(value.trim().toUpperCase(Locale.ROOT));
        }
        return values;
    }
}
