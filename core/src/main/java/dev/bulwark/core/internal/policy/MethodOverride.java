package dev.bulwark.core.internal.policy;

import dev.bulwark.core.Component;
import dev.bulwark.core.Headers;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fields through which a request asks the application for another method than its request
 * line, and the method the application would then act on (see
 * {@link dev.bulwark.core.config.MethodOverridePolicy}).
 *
 * <p>The fields are the headers {@code X-HTTP-Method-Override} (Google APIs, JAX-RS's
 * {@code HttpMethodOverrideFilter}, Laravel, Symfony, Express' {@code method-override}),
 * {@code X-HTTP-Method} (Microsoft OData) and {@code X-Method-Override} (IBM), and a
 * {@code _method} parameter: Spring's {@code HiddenHttpMethodFilter} reads it with
 * {@code getParameter}, so from the query or the form (or a multipart field); Rails, Laravel and
 * Symfony read the form; Laravel also a top-level JSON key. Header names are matched with case
 * and {@code _}/{@code -} folded, the parameter name with case folded, so no spelling a framework
 * might accept slips past. Values are compared with case folded, as Spring upper-cases them.
 *
 * <p>Frameworks honour an override only on {@code POST} and only to {@code PUT}, {@code PATCH} or
 * {@code DELETE} (Spring ignores any other value, Symfony refuses {@code GET}, {@code HEAD},
 * {@code CONNECT} and {@code TRACE}). The effective method is therefore known only when every
 * non-empty override field of a {@code POST} names the same one of those three, unencoded;
 * anything else the application could read differently from Bulwark and has none
 * ({@link #effectiveMethod()} is {@code null}).
 *
 * @param location where the first override field is, {@code null} when there is none
 * @param requested the first override value as sent ({@code ""} when none)
 * @param effectiveMethod the method the application acts on when overrides are honoured, or
 *     {@code null} when it cannot be known
 */
public record MethodOverride(Location location, String requested, String effectiveMethod) {

    /** Lower-case header names, with {@code -} for {@code _}. */
    static final List<String> HEADERS = List.of("x-http-method-override", "x-http-method", "x-method-override");

    /** The first letters of {@link #HEADERS}, each once. */
    private static final String HEADER_FIRST_LETTERS = HEADERS.stream()
            .map(name -> name.substring(0, 1))
            .distinct()
            .collect(Collectors.joining());

    /** The parameter name, compared without regard to case. */
    static final String PARAMETER = "_method";

    /** The methods an override may name. */
    static final Set<String> TARGETS = Set.of("PUT", "PATCH", "DELETE");

    private static final String JSON_POINTER = "/" + PARAMETER;

    /** Whether the request carries any override field, even an empty one. */
    public boolean present() {
        return location != null;
    }

    /** The override fields of this request, judged against its request method. */
    public static MethodOverride of(Inspection inspection) {
        String requestMethod = inspection.request().method();
        // Made by the first field found: most requests have none.
        Finder finder = null;
        // Indexed loops: this runs on every request, and an iterator per list is an object each.
        List<Headers.Header> headers = inspection.request().headers().all();
        for (int i = 0, size = headers.size(); i < size; i++) {
            Headers.Header header = headers.get(i);
            if (isOverrideHeader(header.name())) {
                String value = header.value().trim();
                finder = finder != null ? finder : new Finder(requestMethod);
                finder.add(Location.name(Source.HEADER, header.lowerCaseName()), value, value);
            }
        }
        List<RequestValue> values = inspection.values();
        for (int i = 0, size = values.size(); i < size; i++) {
            RequestValue value = values.get(i);
            if (!isOverrideField(value.location())) {
                continue;
            }
            finder = finder != null ? finder : new Finder(requestMethod);
            if (value.location().component() == Component.NAME) {
                finder.add(value.location(), null, null);
            } else {
                finder.add(value.location(), value.raw(), value.decoded());
            }
        }
        return finder != null ? finder.result() : new MethodOverride(null, "", requestMethod);
    }

    /** Whether the request carries any override field, even an empty one: {@link #present()} without the rest. */
    static boolean anyField(Inspection inspection) {
        List<Headers.Header> headers = inspection.request().headers().all();
        for (int i = 0, size = headers.size(); i < size; i++) {
            if (isOverrideHeader(headers.get(i).name())) {
                return true;
            }
        }
        List<RequestValue> values = inspection.values();
        for (int i = 0, size = values.size(); i < size; i++) {
            if (isOverrideField(values.get(i).location())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOverrideHeader(String name) {
        // An ASCII first character that folds to no name's first letter settles the question (a
        // non-ASCII one gets the whole comparison, see HeaderNames.foldsTo).
        char first = name.isEmpty() ? 0 : name.charAt(0);
        if (first < 0x80 && HEADER_FIRST_LETTERS.indexOf(Character.toLowerCase(first)) < 0) {
            return false;
        }
        for (int i = 0, size = HEADERS.size(); i < size; i++) {
            if (HeaderNames.foldsTo(name, HEADERS.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOverrideField(Location location) {
        Source source = location.source();
        if (location.component() == Component.FILENAME) {
            return false;
        }
        if (source == Source.JSON) {
            return location.name().equalsIgnoreCase(JSON_POINTER);
        }
        return source.isParameter() && location.name().equalsIgnoreCase(PARAMETER);
    }

    /** Collects the fields; a {@code null} value marks a field name seen without its value yet. */
    private static final class Finder {

        private final String requestMethod;
        private Location first;
        private String firstValue = "";
        private String agreed;
        private boolean unknowable;

        Finder(String requestMethod) {
            this.requestMethod = requestMethod;
        }

        void add(Location location, String raw, String decoded) {
            if (first == null) {
                first = location;
            }
            if (decoded == null) {
                return;
            }
            if (firstValue.isEmpty()) {
                firstValue = decoded;
            }
            if (decoded.isBlank()) {
                return;
            }
            String method = decoded.trim().toUpperCase(Locale.ROOT);
            if (!raw.equals(decoded) || !TARGETS.contains(method) || (agreed != null && !agreed.equals(method))) {
                unknowable = true;
            }
            agreed = method;
        }

        MethodOverride result() {
            if (first == null) {
                return new MethodOverride(null, "", requestMethod);
            }
            if (agreed == null) {
                return new MethodOverride(first, firstValue, requestMethod);
            }
            boolean honoured = !unknowable && requestMethod.equals("POST");
            return new MethodOverride(first, firstValue, honoured ? agreed : null);
        }
    }
}
