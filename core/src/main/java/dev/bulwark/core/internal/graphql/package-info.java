/**
 * GraphQL protection: reading GraphQL requests (JSON, batches, {@code application/graphql},
 * {@code GET ?query=}), parsing their documents with graphql-java under bounded parser options,
 * measuring them with fragments expanded, and judging them against {@code graphql:}.
 *
 * <p>Every walk over a document is linear in its size: fragments are measured once and their
 * measures reused wherever they are spread, so a document that spreads a fragment many times
 * costs no more than one that spells it once; counts saturate instead of overflowing.
 */
package dev.bulwark.core.internal.graphql;
