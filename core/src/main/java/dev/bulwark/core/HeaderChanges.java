package dev.bulwark.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Header changes the checks asked for: request headers to hide from the application, request
 * headers to set (replacing any the client sent under that name), and headers for the block
 * response. Names are compared without regard to case.
 *
 * @param removedRequestHeaders lower-case names of request headers the application must not see
 * @param setRequestHeaders request headers to present to the application, by name as given
 * @param responseHeaders headers to add to a block response
 */
public record HeaderChanges(Set<String> removedRequestHeaders, Map<String, String> setRequestHeaders,
        Map<String, String> responseHeaders) {

    /** No changes. */
    public static final HeaderChanges NONE = new HeaderChanges(Set.of(), Map.of(), Map.of());

    public HeaderChanges {
        removedRequestHeaders = Collections.unmodifiableSet(new LinkedHashSet<>(removedRequestHeaders));
        setRequestHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(setRequestHeaders));
        responseHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(responseHeaders));
    }

    /** Whether the application must not see a header of this name as the client sent it. */
    public boolean hidesRequestHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (removedRequestHeaders.contains(lower)) {
            return true;
        }
        for (String set : setRequestHeaders.keySet()) {
            if (set.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a header a check asked for may be sent: a non-empty name without colon or space, and
     * neither name nor value holding CR, LF or NUL (which would split the header).
     */
    public static boolean isSafe(String name, String value) {
        if (name == null || value == null || name.isEmpty()) {
            return false;
        }
        return !containsBreak(name) && !containsBreak(value) && name.indexOf(':') < 0 && name.indexOf(' ') < 0;
    }

    private static boolean containsBreak(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether there is nothing to change. */
    public boolean isEmpty() {
        return removedRequestHeaders.isEmpty() && setRequestHeaders.isEmpty() && responseHeaders.isEmpty();
    }
}
