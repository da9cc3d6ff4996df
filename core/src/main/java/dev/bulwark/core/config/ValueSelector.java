package dev.bulwark.core.config;

import dev.bulwark.core.Component;
import dev.bulwark.core.Location;
import dev.bulwark.core.Source;

/**
 * Selects inspected values by where they are and what they hold: the "blocked data" part of a
 * deny-rule exception, the target of a custom rule, or the scope of an override.
 *
 * @param kind which part of the request
 * @param name matched against the item name (parameter, header or cookie name, JSON Pointer);
 *     {@code null} for any
 * @param value matched against the decoded value; {@code null} for any
 * @param parameterSource for {@link Kind#PARAMETER}: query, body or any
 */
public record ValueSelector(Kind kind, StringMatcher name, StringMatcher value, ParameterSource parameterSource) {

    /** Which part of the request a selector looks at. */
    public enum Kind {
        /** Query, form and multipart parameters (names and values). */
        PARAMETER,
        /** Request headers. */
        HEADER,
        /** Cookies. */
        COOKIE,
        /** JSON keys and values, named by JSON Pointer. */
        JSON,
        /** XML element text and attributes, named by element path. */
        XML,
        /** GraphQL variable values and string arguments, named as {@link Source#GRAPHQL} says. */
        GRAPHQL,
        /** The whole normalised path. */
        PATH,
        /** One path segment. */
        PATH_SEGMENT,
        /** The parameters of one path segment (after its {@code ;}), dot-segments included. */
        PATH_PARAMETER,
        /** Anything. */
        ANY
    }

    /** Where a parameter may come from. */
    public enum ParameterSource {
        QUERY, BODY, ANY
    }

    public ValueSelector {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (parameterSource == null) {
            parameterSource = ParameterSource.ANY;
        }
    }

    /** Any value anywhere. */
    public static ValueSelector any() {
        return new ValueSelector(Kind.ANY, null, null, ParameterSource.ANY);
    }

    /** Whether the value at {@code location} holding {@code decoded} is selected. */
    public boolean selects(Location location, String decoded) {
        if (!kindMatches(location.source())) {
            return false;
        }
        if (name != null) {
            Source source = location.source();
            String itemName = source == Source.PATH || source == Source.PATH_SEGMENT || source == Source.PATH_PARAMETER
                    ? decoded : location.name();
            if (!name.matches(itemName)) {
                return false;
            }
        }
        if (value != null) {
            // For a name component the "value" of the item is unknown here; names are selected by name.
            if (location.component() != Component.NAME && !value.matches(decoded)) {
                return false;
            }
        }
        return true;
    }

    private boolean kindMatches(Source source) {
        return switch (kind) {
            case ANY -> true;
            case PARAMETER -> switch (parameterSource) {
                case QUERY -> source == Source.QUERY;
                case BODY -> source == Source.FORM || source == Source.MULTIPART;
                case ANY -> source == Source.QUERY || source == Source.FORM || source == Source.MULTIPART;
            };
            case HEADER -> source == Source.HEADER;
            case COOKIE -> source == Source.COOKIE;
            case JSON -> source == Source.JSON;
            case XML -> source == Source.XML;
            case GRAPHQL -> source == Source.GRAPHQL;
            case PATH -> source == Source.PATH;
            case PATH_SEGMENT -> source == Source.PATH_SEGMENT;
            case PATH_PARAMETER -> source == Source.PATH_PARAMETER;
        };
    }
}
