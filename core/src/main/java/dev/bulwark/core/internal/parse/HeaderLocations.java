package dev.bulwark.core.internal.parse;

import dev.bulwark.core.Location;
import dev.bulwark.core.Source;

/**
 * The locations of header values, kept in {@link PlainNames} by the header's lower-case name, so
 * that the headers a client sends on every request ({@code user-agent}, {@code authorization})
 * are not given a new location each time.
 */
public final class HeaderLocations {

    private HeaderLocations() {
    }

    /** Where the value of the header named {@code lowerCaseName} sits. */
    public static Location valueOf(String lowerCaseName) {
        PlainNames.Entry entry = PlainNames.find(Source.HEADER, lowerCaseName);
        if (entry == null) {
            entry = PlainNames.keep(Source.HEADER, lowerCaseName);
        }
        return entry != null ? entry.valueLocation : Location.value(Source.HEADER, lowerCaseName);
    }
}
