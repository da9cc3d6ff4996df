package dev.bulwark.core.internal.graphql;

import dev.bulwark.core.Location;
import graphql.language.Document;
import java.util.List;

/**
 * A GraphQL request as read from HTTP: its operations (one, or each entry of a batch) and what
 * was wrong with how it was sent.
 *
 * @param batched whether the body was a batch array
 * @param operations the requests, in order
 * @param problems what makes the request unacceptable as sent (transport, syntax, parser limits)
 * @param overGet whether it came as {@code GET ?query=}
 */
public record GraphQlRequest(boolean batched, List<Operation> operations, List<Problem> problems, boolean overGet) {

    public GraphQlRequest {
        operations = List.copyOf(operations);
        problems = List.copyOf(problems);
    }

    /**
     * One GraphQL request (one entry of a batch).
     *
     * @param location where it is, for violations: {@code graphql:document} or {@code graphql:batch/<i>}
     * @param query the document as sent; {@code null} when only a persisted query's hash was sent
     * @param document the parsed document; {@code null} when there is none or it did not parse
     * @param shape the document's measures; {@code null} with no document
     * @param queryHash SHA-256 of {@code query} in lower-case hex; {@code null} without a query
     * @param persistedHash the hash {@code extensions.persistedQuery.sha256Hash} names, lower-cased; {@code null} for none
     */
    public record Operation(Location location, String query, Document document, DocumentShape shape, String queryHash,
            String persistedHash) {
    }

    /**
     * Something that makes the request unacceptable.
     *
     * @param ruleId e.g. {@code GRAPHQL-SYNTAX}; the violation key too
     * @param description one line for the security log
     * @param location where
     * @param status the response status when it blocks
     */
    public record Problem(String ruleId, String description, Location location, int status) {
    }
}
