package dev.bulwark.core.config;

import dev.bulwark.core.BlockType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * One configured block response (an entry of {@code block-responses:}): for some block types, a
 * status, or a body of a content type that the client's {@code Accept} header selects.
 *
 * @param types the block types it answers; empty for every type
 * @param status the status to send instead of the decision's; {@code null} to keep it
 * @param contentType the body's content type, e.g. {@code text/html; charset=utf-8}; {@code null}
 *     for an entry that only changes the status of the built-in problem document
 * @param body the body, with the placeholders {@code {{incidentId}}} and {@code {{status}}};
 *     {@code null} together with {@code contentType}
 */
public record BlockResponse(Set<BlockType> types, Integer status, String contentType, String body) {

    /** Longest body, in characters. */
    public static final int MAX_BODY_LENGTH = 64 * 1024;

    public BlockResponse {
        types = types.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(types));
        if (status != null && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("status must be between 400 and 599, was " + status);
        }
        if ((contentType == null) != (body == null)) {
            throw new IllegalArgumentException("a body needs a content-type, and a content-type a body");
        }
        if (contentType == null && status == null) {
            throw new IllegalArgumentException("a block response needs a status or a body");
        }
        if (contentType != null) {
            contentType = contentType.trim();
            if (!isContentType(contentType)) {
                throw new IllegalArgumentException("invalid content-type '" + contentType + "'");
            }
        }
        if (body != null && body.length() > MAX_BODY_LENGTH) {
            throw new IllegalArgumentException("body longer than " + MAX_BODY_LENGTH + " characters");
        }
    }

    /** Whether this entry answers blocks of this type. */
    public boolean answers(BlockType type) {
        return types.isEmpty() || types.contains(type);
    }

    /** Whether this entry only changes the status. */
    public boolean statusOnly() {
        return body == null;
    }

    /** The media type of the body in lower case, without parameters; {@code null} for a status-only entry. */
    public String mediaType() {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isContentType(String value) {
        if (value.isEmpty() || value.length() > 200 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return false;
        }
        int semicolon = value.indexOf(';');
        String type = (semicolon < 0 ? value : value.substring(0, semicolon)).trim();
        int slash = type.indexOf('/');
        return slash > 0 && slash < type.length() - 1 && type.indexOf('/', slash + 1) < 0 && type.indexOf('*') < 0
                && type.chars().noneMatch(c -> c == ' ' || c == ',');
    }
}
