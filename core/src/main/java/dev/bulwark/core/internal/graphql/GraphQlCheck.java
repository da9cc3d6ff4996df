package dev.bulwark.core.internal.graphql;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.Violation;
import dev.bulwark.core.config.GraphQlConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a {@link GraphQlRequest} against {@code graphql:}: the problems found in reading it, then
 * per operation the persisted-query list, the limits (depth, aliases, root fields, fields,
 * directives, operations), fragment cycles, introspection, mutations (never over {@code GET}) and
 * subscriptions, and the schema when one is configured. Every problem is a {@code GRAPHQL} finding
 * whose rule id is also the violation key listed in the block response (e.g.
 * {@code GRAPHQL-DEPTH} at {@code graphql:document}), as OpenAPI violations are; at most ten are
 * reported per request.
 *
 * <p>Statuses: 400 for a request that is malformed or over a limit, 403 for what is not allowed
 * (introspection, mutations, subscriptions, a document not in the persisted-query list), 405 for a
 * mutation over {@code GET}.
 */
public final class GraphQlCheck {

    /** Rule key of GraphQL findings. */
    public static final String KEY = "GRAPHQL";
    private static final int MAX_REPORTED = 10;

    private final GraphQlConfig config;
    private final SchemaValidation schema;

    public GraphQlCheck(GraphQlConfig config) {
        this.config = config;
        this.schema = config.schema() == null ? null : SchemaValidation.load(config.schema(), "graphql.schema");
    }

    public void inspect(GraphQlRequest request, Inspection inspection) {
        List<GraphQlRequest.Problem> problems = new ArrayList<>(request.problems());
        for (GraphQlRequest.Operation operation : request.operations()) {
            judge(operation, request.overGet(), problems);
        }
        Mode mode = config.mode() != null ? config.mode() : inspection.mode();
        int reported = 0;
        for (GraphQlRequest.Problem problem : problems) {
            if (reported++ == MAX_REPORTED) {
                break;
            }
            inspection.report(new Finding(KEY, problem.ruleId(), problem.description(), problem.location(), "",
                    Level.BASIC, mode, BlockType.GRAPHQL, problem.status()));
            if (config.details() && mode == Mode.BLOCK) {
                inspection.violation(new Violation(problem.ruleId(), problem.location().toString()));
            }
        }
    }

    private void judge(GraphQlRequest.Operation operation, boolean overGet, List<GraphQlRequest.Problem> problems) {
        Location location = operation.location();
        if (!config.persistedQueries().isEmpty()) {
            String hash = operation.queryHash() != null ? operation.queryHash() : operation.persistedHash();
            if (!config.persistedQueries().contains(hash)) {
                problems.add(new GraphQlRequest.Problem("GRAPHQL-PERSISTED-QUERY", "document not in the persisted-query list",
                        location, 403));
                return;
            }
        }
        if (operation.queryHash() != null && operation.persistedHash() != null
                && !operation.queryHash().equals(operation.persistedHash())) {
            problems.add(new GraphQlRequest.Problem("GRAPHQL-PERSISTED-QUERY", "the document does not have the hash it "
                    + "names", location, 400));
        }
        DocumentShape shape = operation.shape();
        if (shape == null) {
            return;
        }
        limit(problems, location, "GRAPHQL-OPERATIONS", "operations", shape.operations(), config.maxOperations());
        limit(problems, location, "GRAPHQL-DEPTH", "depth", shape.depth(), config.maxDepth());
        limit(problems, location, "GRAPHQL-ALIASES", "aliases", shape.aliases(), config.maxAliases());
        limit(problems, location, "GRAPHQL-ROOT-FIELDS", "root fields", shape.rootFields(), config.maxRootFields());
        limit(problems, location, "GRAPHQL-FIELDS", "fields", shape.fields(), config.maxFields());
        limit(problems, location, "GRAPHQL-DIRECTIVES", "directives on one node", shape.directives(), config.maxDirectives());
        if (shape.fragmentCycle()) {
            problems.add(new GraphQlRequest.Problem("GRAPHQL-FRAGMENT-CYCLE", "a fragment spreads itself", location, 400));
        }
        if (shape.introspection() && !config.introspection()) {
            problems.add(new GraphQlRequest.Problem("GRAPHQL-INTROSPECTION", "introspection is not allowed", location, 403));
        }
        if (shape.mutation() && overGet) {
            problems.add(new GraphQlRequest.Problem("GRAPHQL-MUTATION-GET", "a mutation over GET", location, 405));
        } else if (shape.mutation() && !config.mutations()) {
            problems.add(new GraphQlRequest.Problem("GRAPHQL-MUTATION", "mutations are not allowed", location, 403));
        }
        if (shape.subscription() && !config.subscriptions()) {
            problems.add(new GraphQlRequest.Problem("GRAPHQL-SUBSCRIPTION", "subscriptions are not allowed", location, 403));
        }
        if (schema != null && problems.isEmpty()) {
            // Only a document within the limits is validated: validation costs more than measuring.
            for (String key : schema.validate(operation.document())) {
                problems.add(new GraphQlRequest.Problem(key, "the document does not fit the schema", location, 400));
            }
        }
    }

    private static void limit(List<GraphQlRequest.Problem> problems, Location location, String ruleId, String what,
            long value, int max) {
        if (value > max) {
            problems.add(new GraphQlRequest.Problem(ruleId, what + " over the limit of " + max, location, 400));
        }
    }
}
