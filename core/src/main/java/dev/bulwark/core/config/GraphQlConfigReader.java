package dev.bulwark.core.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** Reads the {@code graphql:} section into a {@link GraphQlConfig}. */
final class GraphQlConfigReader {

    /** How each limit key sets its limit. */
    private static final Map<String, BiConsumer<GraphQlConfig.Builder, ConfigNode>> LIMITS = Map.ofEntries(
            Map.entry("max-depth", (b, n) -> b.maxDepth(n.positiveInt())),
            Map.entry("max-aliases", (b, n) -> b.maxAliases(n.positiveInt())),
            Map.entry("max-root-fields", (b, n) -> b.maxRootFields(n.positiveInt())),
            Map.entry("max-fields", (b, n) -> b.maxFields(n.positiveInt())),
            Map.entry("max-directives", (b, n) -> b.maxDirectives(n.positiveInt())),
            Map.entry("max-operations", (b, n) -> b.maxOperations(n.positiveInt())),
            Map.entry("max-batch", (b, n) -> b.maxBatch(n.positiveInt())),
            Map.entry("max-query-length", (b, n) -> b.maxQueryLength((int) Math.min(Integer.MAX_VALUE, n.dataSize()))),
            Map.entry("max-tokens", (b, n) -> b.maxTokens(n.positiveInt())),
            Map.entry("max-whitespace-tokens", (b, n) -> b.maxWhitespaceTokens(n.positiveInt())),
            Map.entry("max-parser-depth", (b, n) -> b.maxParserDepth(n.positiveInt())));

    private GraphQlConfigReader() {
    }

    static GraphQlConfig read(ConfigNode node) {
        node.object();
        GraphQlConfig.Builder builder = GraphQlConfig.custom();
        ConfigNode item;
        if ((item = node.get("enabled")) != null) {
            builder.enabled(item.bool());
        }
        if ((item = node.get("paths")) != null) {
            builder.paths(item.convert(n -> {
                List<StringMatcher> paths = new ArrayList<>();
                for (ConfigNode path : n.items()) {
                    StringMatcher matcher = ConfigLoader.matcher(path);
                    if (matcher.kind() == StringMatcher.Kind.EXACT && !matcher.text().startsWith("/")) {
                        throw path.error("a path starts with /: " + matcher.text());
                    }
                    paths.add(matcher);
                }
                return paths;
            }));
        }
        builder.mode(ConfigLoader.mode(node));
        for (Map.Entry<String, BiConsumer<GraphQlConfig.Builder, ConfigNode>> limit : LIMITS.entrySet()) {
            ConfigNode value = node.get(limit.getKey());
            if (value != null) {
                value.convert(n -> {
                    limit.getValue().accept(builder, n);
                    return null;
                });
            }
        }
        if ((item = node.get("introspection")) != null) {
            builder.introspection(item.bool());
        }
        if ((item = node.get("mutations")) != null) {
            builder.mutations(item.bool());
        }
        if ((item = node.get("subscriptions")) != null) {
            builder.subscriptions(item.bool());
        }
        if ((item = node.get("persisted-queries")) != null) {
            Set<String> hashes = new LinkedHashSet<>(item.stringList());
            item.convert(n -> builder.persistedQueries(hashes));
        }
        if ((item = node.get("schema")) != null) {
            String schema = item.text().trim();
            item.convert(n -> builder.schema(schema));
        }
        if ((item = node.get("details")) != null) {
            builder.details(item.bool());
        }
        return node.convert(n -> builder.build());
    }
}
