package dev.bulwark.core.config;

import dev.bulwark.core.Mode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * GraphQL protection ({@code graphql:}): on its paths, only GraphQL requests of bounded shape reach
 * the service, and the deny rules inspect what the service will execute (string arguments and
 * variable values), never the GraphQL syntax. On by default for {@code /graphql}.
 *
 * <p>A request on a GraphQL path must be a {@code POST} of {@code application/json} (one request
 * object or a batch array of them) or of {@code application/graphql}, or a {@code GET} with a
 * {@code query} parameter; an {@code OPTIONS} without a body (a CORS preflight) passes; anything
 * else is refused with 400. Documents are parsed by graphql-java under {@link #maxQueryLength()},
 * {@link #maxTokens()}, {@link #maxWhitespaceTokens()} and {@link #maxParserDepth()}, then held to
 * the limits below, counted with fragments expanded (a fragment that spreads itself is refused).
 *
 * @param enabled whether GraphQL requests are recognised at all; default {@code true}
 * @param paths the GraphQL endpoints, matched against the routed path in every spelling a lenient
 *     server accepts; default {@code /graphql}
 * @param mode block or log only, for GraphQL violations; {@code null} to follow the global (or route) mode
 * @param maxDepth deepest field nesting, a root field being 1; default 10
 * @param maxAliases most aliased fields per document; default 15
 * @param maxRootFields most fields directly under an operation; default 20
 * @param maxFields most fields per operation; default 1000
 * @param maxDirectives most directives on one field, fragment spread or operation; default 10
 * @param maxOperations most operation definitions in one document; default 5
 * @param maxBatch most requests in one batch array; default 10
 * @param maxQueryLength longest document, in characters; default 16384
 * @param maxTokens most tokens the parser reads from one document; default 5000
 * @param maxWhitespaceTokens most runs of white space, commas and comments the parser skips; default 10000
 * @param maxParserDepth deepest grammar rule nesting the parser enters (graphql-java's
 *     {@code maxRuleDepth}); default 200
 * @param introspection whether introspection ({@code __schema}, {@code __type}) is allowed; default {@code false}
 * @param mutations whether mutations are allowed; default {@code true}
 * @param subscriptions whether subscriptions are allowed; default {@code true}
 * @param persistedQueries SHA-256 hashes (lower-case hex, as Apollo's automatic persisted queries
 *     send them) of the only documents allowed; empty to allow any document
 * @param schema an SDL file, {@code classpath:} location or file path, to validate documents
 *     against; {@code null} for none
 * @param details whether the block response lists violation keys and locations (never values); default {@code true}
 */
public record GraphQlConfig(boolean enabled, List<StringMatcher> paths, Mode mode, int maxDepth, int maxAliases,
        int maxRootFields, int maxFields, int maxDirectives, int maxOperations, int maxBatch, int maxQueryLength,
        int maxTokens, int maxWhitespaceTokens, int maxParserDepth, boolean introspection, boolean mutations,
        boolean subscriptions, Set<String> persistedQueries, String schema, boolean details) {

    private static final GraphQlConfig DEFAULTS = custom().build();

    public GraphQlConfig {
        paths = List.copyOf(paths);
        persistedQueries = Set.copyOf(persistedQueries);
        if (enabled && paths.isEmpty()) {
            throw new IllegalArgumentException("paths must not be empty while GraphQL protection is enabled");
        }
        for (String hash : persistedQueries) {
            if (!isSha256Hex(hash)) {
                throw new IllegalArgumentException("not a SHA-256 hash in lower-case hex: " + hash);
            }
        }
        if (schema != null && schema.isBlank()) {
            throw new IllegalArgumentException("schema must not be blank");
        }
    }

    /** The defaults: on for {@code /graphql}, introspection refused. */
    public static GraphQlConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.enabled = enabled;
        builder.paths = new ArrayList<>(paths);
        builder.mode = mode;
        builder.maxDepth = maxDepth;
        builder.maxAliases = maxAliases;
        builder.maxRootFields = maxRootFields;
        builder.maxFields = maxFields;
        builder.maxDirectives = maxDirectives;
        builder.maxOperations = maxOperations;
        builder.maxBatch = maxBatch;
        builder.maxQueryLength = maxQueryLength;
        builder.maxTokens = maxTokens;
        builder.maxWhitespaceTokens = maxWhitespaceTokens;
        builder.maxParserDepth = maxParserDepth;
        builder.introspection = introspection;
        builder.mutations = mutations;
        builder.subscriptions = subscriptions;
        builder.persistedQueries = new LinkedHashSet<>(persistedQueries);
        builder.schema = schema;
        builder.details = details;
        return builder;
    }

    private static boolean isSha256Hex(String hash) {
        if (hash.length() != 64) {
            return false;
        }
        for (int i = 0; i < hash.length(); i++) {
            char c = hash.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Builds a {@link GraphQlConfig}; setters reject bad values at once. */
    public static final class Builder {
        private boolean enabled = true;
        private List<StringMatcher> paths = new ArrayList<>(List.of(StringMatcher.exact("/graphql")));
        private Mode mode;
        private int maxDepth = 10;
        private int maxAliases = 15;
        private int maxRootFields = 20;
        private int maxFields = 1000;
        private int maxDirectives = 10;
        private int maxOperations = 5;
        private int maxBatch = 10;
        private int maxQueryLength = 16 * 1024;
        private int maxTokens = 5000;
        private int maxWhitespaceTokens = 10_000;
        private int maxParserDepth = 200;
        private boolean introspection;
        private boolean mutations = true;
        private boolean subscriptions = true;
        private Set<String> persistedQueries = new LinkedHashSet<>();
        private String schema;
        private boolean details = true;

        private Builder() {
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public Builder paths(List<StringMatcher> paths) {
            this.paths = new ArrayList<>(Objects.requireNonNull(paths, "paths"));
            return this;
        }

        /** {@code null} follows the global (or route) mode. */
        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder maxDepth(int maxDepth) {
            this.maxDepth = positive("max-depth", maxDepth);
            return this;
        }

        public Builder maxAliases(int maxAliases) {
            this.maxAliases = notNegative("max-aliases", maxAliases);
            return this;
        }

        public Builder maxRootFields(int maxRootFields) {
            this.maxRootFields = positive("max-root-fields", maxRootFields);
            return this;
        }

        public Builder maxFields(int maxFields) {
            this.maxFields = positive("max-fields", maxFields);
            return this;
        }

        public Builder maxDirectives(int maxDirectives) {
            this.maxDirectives = notNegative("max-directives", maxDirectives);
            return this;
        }

        public Builder maxOperations(int maxOperations) {
            this.maxOperations = positive("max-operations", maxOperations);
            return this;
        }

        /** 1 refuses every batch array. */
        public Builder maxBatch(int maxBatch) {
            this.maxBatch = positive("max-batch", maxBatch);
            return this;
        }

        public Builder maxQueryLength(int maxQueryLength) {
            this.maxQueryLength = positive("max-query-length", maxQueryLength);
            return this;
        }

        public Builder maxTokens(int maxTokens) {
            this.maxTokens = positive("max-tokens", maxTokens);
            return this;
        }

        public Builder maxWhitespaceTokens(int maxWhitespaceTokens) {
            this.maxWhitespaceTokens = positive("max-whitespace-tokens", maxWhitespaceTokens);
            return this;
        }

        /** At most 1000, so that parsing a document cannot exhaust a thread's stack. */
        public Builder maxParserDepth(int maxParserDepth) {
            if (maxParserDepth < 1 || maxParserDepth > 1000) {
                throw new IllegalArgumentException("max-parser-depth must be between 1 and 1000, was " + maxParserDepth);
            }
            this.maxParserDepth = maxParserDepth;
            return this;
        }

        public Builder introspection(boolean introspection) {
            this.introspection = introspection;
            return this;
        }

        public Builder mutations(boolean mutations) {
            this.mutations = mutations;
            return this;
        }

        public Builder subscriptions(boolean subscriptions) {
            this.subscriptions = subscriptions;
            return this;
        }

        /** Hashes are compared in lower case. */
        public Builder persistedQueries(Set<String> hashes) {
            this.persistedQueries = new LinkedHashSet<>();
            for (String hash : hashes) {
                String lower = hash.trim().toLowerCase(Locale.ROOT);
                if (!isSha256Hex(lower)) {
                    throw new IllegalArgumentException("not a SHA-256 hash in hex: " + hash);
                }
                this.persistedQueries.add(lower);
            }
            return this;
        }

        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        public Builder details(boolean details) {
            this.details = details;
            return this;
        }

        public GraphQlConfig build() {
            return new GraphQlConfig(enabled, paths, mode, maxDepth, maxAliases, maxRootFields, maxFields, maxDirectives,
                    maxOperations, maxBatch, maxQueryLength, maxTokens, maxWhitespaceTokens, maxParserDepth, introspection,
                    mutations, subscriptions, persistedQueries, schema, details);
        }

        private static int positive(String key, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(key + " must be at least 1, was " + value);
            }
            return value;
        }

        private static int notNegative(String key, int value) {
            if (value < 0) {
                throw new IllegalArgumentException(key + " must not be negative, was " + value);
            }
            return value;
        }
    }
}
