package dev.bulwark.core;

import java.util.Locale;
import java.util.Objects;

/**
 * Where an inspected value sits in the request: its source, the name of the item (a parameter,
 * header or cookie name, a JSON Pointer, a multipart field name, an XML path) and which component
 * of the item it is.
 *
 * @param source where the value comes from
 * @param name the item's name; empty for the path and the raw body
 * @param component name, value or file name
 */
public record Location(Source source, String name, Component component) {

    /** The request as a whole. */
    public static final Location REQUEST = new Location(Source.REQUEST, "", Component.VALUE);

    public Location {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(component, "component");
    }

    public static Location value(Source source, String name) {
        return new Location(source, name, Component.VALUE);
    }

    public static Location name(Source source, String name) {
        return new Location(source, name, Component.NAME);
    }

    /** A short form for logs, e.g. {@code query:q} or {@code json:/items/0/name#name}. */
    @Override
    public String toString() {
        String base = source.name().toLowerCase(Locale.ROOT).replace('_', '-');
        String text = name.isEmpty() ? base : base + ':' + name;
        return component == Component.VALUE ? text : text + '#' + component.name().toLowerCase(Locale.ROOT);
    }
}
