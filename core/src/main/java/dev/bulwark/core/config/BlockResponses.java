package dev.bulwark.core.config;

import dev.bulwark.core.BlockType;
import java.util.ArrayList;
import java.util.List;

/**
 * Custom block responses ({@code block-responses:}). The default answer to a blocked request is an
 * {@code application/problem+json} document with a generic title and the incident id; entries here
 * add variants per block type (such as an HTML page for browsers) or change the status.
 *
 * <p>The adapter chooses among the entries that answer the block type, and the built-in problem
 * document, by the request's {@code Accept} header: the highest quality wins, then the most
 * specific media range. When the client states no preference ({@code *}{@code /*} or no
 * {@code Accept}), the problem document wins; an entry of type {@code application/problem+json}
 * replaces the built-in document. Placeholders in a body, {@code {{incidentId}}} and
 * {@code {{status}}}, are replaced with values escaped for the content type (HTML, JSON or XML).
 *
 * <pre>{@code
 * block-responses:
 *   - types: [allow-rule]
 *     status: 404
 *     content-type: text/html; charset=utf-8
 *     body: "<!doctype html><title>Not found</title><p>Reference: {{incidentId}}</p>"
 *   - types: [deny, csrf, ip-rule]
 *     content-type: text/html; charset=utf-8
 *     body-file: /etc/service/blocked.html
 * }</pre>
 *
 * @param responses the entries, in order
 */
public record BlockResponses(List<BlockResponse> responses) {

    private static final BlockResponses NONE = new BlockResponses(List.of());

    public BlockResponses {
        responses = List.copyOf(responses);
    }

    /** Only the built-in problem document. */
    public static BlockResponses none() {
        return NONE;
    }

    /** The entries answering this block type, in order. */
    public List<BlockResponse> forType(BlockType type) {
        List<BlockResponse> matching = new ArrayList<>(2);
        for (BlockResponse response : responses) {
            if (response.answers(type)) {
                matching.add(response);
            }
        }
        return matching;
    }
}
