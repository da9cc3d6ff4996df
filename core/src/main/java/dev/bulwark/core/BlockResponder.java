package dev.bulwark.core;

import dev.bulwark.core.config.BlockResponse;
import dev.bulwark.core.config.BlockResponses;
import dev.bulwark.core.internal.respond.MediaRanges;
import dev.bulwark.core.internal.respond.ProblemDocument;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the response to a blocked request: the built-in problem document, or a configured
 * {@link BlockResponse} chosen by the request's {@code Accept} header (see {@link BlockResponses}
 * for the rules). The body never holds more than the configured text, the status and the incident
 * id. Adapters only write the {@link BlockReply}; thread-safe.
 */
public final class BlockResponder {

    private static final String PROBLEM_JSON = ProblemDocument.CONTENT_TYPE;

    /** Headers of the reply's own that the headers checks ask for cannot replace, in lower case. */
    private static final Set<String> OWN_HEADERS =
            Set.of("content-type", "content-length", "cache-control", "x-content-type-options");

    /** The entries of each block type, sorted once so that a block only negotiates. */
    private final Map<BlockType, Answers> byType = new EnumMap<>(BlockType.class);

    public BlockResponder(BlockResponses config) {
        for (BlockType type : BlockType.values()) {
            byType.put(type, Answers.of(config.forType(type)));
        }
    }

    /**
     * The reply to {@code decision}. Headers the checks asked for (e.g. {@code WWW-Authenticate} on
     * a 401) are kept unless they hold CR, LF or NUL or would replace the reply's own
     * {@code Content-Type}, {@code Content-Length}, {@code Cache-Control} or
     * {@code X-Content-Type-Options}; {@code Vary: Accept} is added when the header chose.
     *
     * @param accept the request's {@code Accept} field values, in order; empty when there are none
     */
    public BlockReply reply(Decision decision, List<String> accept) {
        Answers answers = byType.get(decision.blockType() == null ? BlockType.INTERNAL : decision.blockType());
        Variant chosen = answers.negotiated() ? answers.choose(accept.isEmpty() ? null : String.join(",", accept)) : null;
        int status = chosen != null && chosen.entry().status() != null ? chosen.entry().status()
                : answers.statusOverride() != null ? answers.statusOverride() : decision.status();
        Map<String, String> headers = new LinkedHashMap<>();
        if (answers.negotiated()) {
            headers.put("Vary", "Accept");
        }
        decision.headerChanges().responseHeaders().forEach((name, value) -> {
            if (HeaderChanges.isSafe(name, value) && !OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, value);
            }
        });
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        if (chosen == null) {
            byte[] body = ProblemDocument.body(status, decision.incidentId(), decision.violations());
            return new BlockReply(status, headers, PROBLEM_JSON, body, StandardCharsets.UTF_8);
        }
        byte[] body = render(chosen.entry().body(), chosen.mediaType(), decision.incidentId(), status)
                .getBytes(chosen.charset());
        return new BlockReply(status, headers, chosen.contentType(), body, chosen.charset());
    }

    /**
     * The entry to answer with among {@code entries} (those for one block type), or {@code null}
     * for the built-in problem document.
     */
    static BlockResponse choose(List<BlockResponse> entries, String accept) {
        Variant chosen = Answers.of(entries).choose(accept);
        return chosen == null ? null : chosen.entry();
    }

    /**
     * The entries answering one block type.
     *
     * @param statusOverride the status of the first status-only entry; {@code null} when there is none
     * @param replacement the first {@code application/problem+json} entry, which replaces the built-in document
     * @param variants the entries of other media types, in order
     */
    private record Answers(Integer statusOverride, Variant replacement, List<Variant> variants) {

        static Answers of(List<BlockResponse> entries) {
            Integer statusOverride = null;
            Variant replacement = null;
            List<Variant> variants = new ArrayList<>();
            for (BlockResponse entry : entries) {
                if (entry.statusOnly()) {
                    if (statusOverride == null) {
                        statusOverride = entry.status();
                    }
                } else if (entry.mediaType().equals(PROBLEM_JSON)) {
                    if (replacement == null) {
                        replacement = Variant.of(entry);
                    }
                } else {
                    variants.add(Variant.of(entry));
                }
            }
            return new Answers(statusOverride, replacement, List.copyOf(variants));
        }

        /** Whether an entry has a body, so that the {@code Accept} header chooses. */
        boolean negotiated() {
            return replacement != null || !variants.isEmpty();
        }

        /** The entry the {@code Accept} header chooses; {@code null} for the built-in problem document. */
        Variant choose(String accept) {
            MediaRanges ranges = MediaRanges.parse(accept);
            if (variants.isEmpty() || ranges.isEmpty()) {
                return replacement;
            }
            Variant best = replacement;
            MediaRanges.Match bestMatch = MediaRanges.Match.NONE;
            boolean bestIsDefault = true;
            for (Variant variant : variants) {
                MediaRanges.Match match = ranges.match(variant.mediaType());
                if (better(match, bestMatch, false, bestIsDefault)) {
                    best = variant;
                    bestMatch = match;
                    bestIsDefault = false;
                }
            }
            MediaRanges.Match problem = ranges.match(PROBLEM_JSON);
            if (bestIsDefault || better(problem, bestMatch, true, false)) {
                return replacement;
            }
            return best;
        }
    }

    /**
     * An entry with a body, with what its content type says worked out once.
     *
     * @param mediaType lower case, without parameters
     * @param contentType as sent: the configured one, with {@code charset=utf-8} added to a text type without one
     * @param charset the body's encoding
     */
    private record Variant(BlockResponse entry, String mediaType, String contentType, Charset charset) {

        static Variant of(BlockResponse entry) {
            String mediaType = entry.mediaType();
            String contentType = entry.contentType();
            Charset charset = declaredCharset(contentType);
            if (charset == null) {
                charset = StandardCharsets.UTF_8;
                if (mediaType.startsWith("text/")) {
                    contentType = contentType + "; charset=utf-8";
                }
            }
            return new Variant(entry, mediaType, contentType, charset);
        }
    }

    /**
     * Whether a candidate beats the best so far: a higher quality, then a more specific range; when
     * the client named no type ({@code *}{@code /*} only), the problem document wins a tie.
     */
    private static boolean better(MediaRanges.Match candidate, MediaRanges.Match best, boolean candidateIsDefault,
            boolean bestIsDefault) {
        if (candidate.quality() <= 0) {
            return false;
        }
        if (best.quality() <= 0 || candidate.quality() != best.quality()) {
            return candidate.quality() > best.quality();
        }
        if (candidate.specificity() != best.specificity()) {
            return candidate.specificity() > best.specificity();
        }
        return candidateIsDefault && !bestIsDefault && candidate.specificity() <= 1;
    }

    /** The body with its placeholders replaced by values escaped for the media type. */
    static String render(String template, String mediaType, String incidentId, int status) {
        return template.replace("{{incidentId}}", escape(incidentId, mediaType))
                .replace("{{status}}", escape(Integer.toString(status), mediaType));
    }

    private static String escape(String value, String mediaType) {
        if (mediaType.equals("text/html") || mediaType.equals("application/xhtml+xml") || mediaType.endsWith("/xml")
                || mediaType.endsWith("+xml")) {
            StringBuilder out = new StringBuilder(value.length());
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&#39;");
                    default -> out.append(c);
                }
            }
            return out.toString();
        }
        if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
            StringBuilder out = new StringBuilder(value.length());
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                    out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        return value;
    }

    private static Charset declaredCharset(String contentType) {
        String lower = contentType.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("charset=");
        if (at < 0) {
            return null;
        }
        String name = contentType.substring(at + "charset=".length()).split(";")[0].trim().replace("\"", "");
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
