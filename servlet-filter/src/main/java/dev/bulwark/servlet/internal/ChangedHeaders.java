package dev.bulwark.servlet.internal;

import dev.bulwark.core.HeaderChanges;
import dev.bulwark.core.SecurityEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request's headers with the changes the checks asked for, as {@link ApplicationRequest}
 * answers its header methods: hidden headers are gone from every header method, set headers
 * replace whatever the client sent under that name (a verified claim propagated as
 * {@code X-User-Id} cannot be spoofed by sending {@code X-User-Id}). Each method reads the
 * container's request it is given for the headers left as they are.
 *
 * <p>A set value holding CR, LF or NUL is dropped (and the header stays hidden): it could only
 * come from request input that reached a header value unchecked.
 */
final class ChangedHeaders {

    private static final Logger LOG = LoggerFactory.getLogger(ChangedHeaders.class);

    private final HeaderChanges changes;
    private final Map<String, String> set;
    /**
     * Every name the application must not see as the client sent it: those hidden and those set.
     * The lists are a few names long and Spring reads headers many times a request, so a name is
     * compared ignoring case with each rather than lower-cased into a new string on every read.
     */
    private final String[] hidden;

    private ChangedHeaders(HeaderChanges changes) {
        this.changes = changes;
        this.set = new LinkedHashMap<>();
        changes.setRequestHeaders().forEach((name, value) -> {
            if (HeaderChanges.isSafe(name, value)) {
                set.put(name, value);
            } else {
                LOG.warn("Dropping request header '{}' set by a check: it holds a line break or NUL",
                        SecurityEvent.clean(name, 64));
            }
        });
        List<String> names = new ArrayList<>(changes.removedRequestHeaders());
        names.addAll(changes.setRequestHeaders().keySet());
        this.hidden = names.toArray(String[]::new);
    }

    /** The headers with {@code changes} applied; {@code null} when there are none. */
    static ChangedHeaders of(HeaderChanges changes) {
        if (changes.removedRequestHeaders().isEmpty() && changes.setRequestHeaders().isEmpty()) {
            return null;
        }
        return new ChangedHeaders(changes);
    }

    String header(HttpServletRequest request, String name) {
        if (name == null) {
            return null;
        }
        String value = setValue(name);
        if (value != null || hides(name)) {
            return value;
        }
        return request.getHeader(name);
    }

    Enumeration<String> headers(HttpServletRequest request, String name) {
        if (name == null) {
            return Collections.emptyEnumeration();
        }
        String value = setValue(name);
        if (value != null) {
            return Collections.enumeration(List.of(value));
        }
        if (hides(name)) {
            return Collections.emptyEnumeration();
        }
        return request.getHeaders(name);
    }

    Enumeration<String> headerNames(HttpServletRequest request) {
        List<String> names = new ArrayList<>();
        Enumeration<String> original = request.getHeaderNames();
        if (original != null) {
            while (original.hasMoreElements()) {
                String name = original.nextElement();
                if (!hides(name)) {
                    names.add(name);
                }
            }
        }
        names.addAll(set.keySet());
        return Collections.enumeration(names);
    }

    int intHeader(HttpServletRequest request, String name) {
        String value = header(request, name);
        return value == null ? -1 : Integer.parseInt(value.trim());
    }

    long dateHeader(HttpServletRequest request, String name) {
        String value = header(request, name);
        if (value == null) {
            return -1;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an HTTP date: " + name, e);
        }
    }

    private String setValue(String name) {
        for (Map.Entry<String, String> entry : set.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private boolean hides(String name) {
        for (String hiddenName : hidden) {
            if (hiddenName.equalsIgnoreCase(name)) {
                return true;
            }
        }
        // Lower-casing a non-ASCII name may change its length; the engine's own comparison decides.
        return !isAscii(name) && changes.hidesRequestHeader(name);
    }

    private static boolean isAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
