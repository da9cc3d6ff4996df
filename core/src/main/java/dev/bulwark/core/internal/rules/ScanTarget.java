package dev.bulwark.core.internal.rules;

import dev.bulwark.core.Component;
import dev.bulwark.core.Source;
import java.util.Objects;

/**
 * One decoded value handed to a {@link Detector}, with enough context to judge it: where it comes
 * from and whether it is a name or a value, and what characters it holds.
 *
 * @param text the decoded value
 * @param source where in the request it comes from
 * @param component name, value or file name
 * @param name the item's name (parameter, header or cookie name, JSON Pointer), never {@code null}
 * @param profile the characters of {@code text}, computed once for every detector
 */
public record ScanTarget(String text, Source source, Component component, String name, TextProfile profile) {

    public ScanTarget {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(profile, "profile");
    }

    /** A target whose profile is computed from {@code text}. */
    public ScanTarget(String text, Source source, Component component, String name) {
        this(text, source, component, name, TextProfile.of(text));
    }

    /**
     * Whether the engine passes this value on with its percent-escapes in place (headers, XML,
     * JSON, multipart and raw bodies), although an application may still decode what it reads:
     * detectors then also read a decoded copy.
     */
    public boolean keepsPercentEscapes() {
        return switch (source) {
            case HEADER, XML, JSON, MULTIPART, BODY -> true;
            default -> false;
        };
    }

    /** A query parameter value, for tests. */
    public static ScanTarget queryValue(String text) {
        return new ScanTarget(text, Source.QUERY, Component.VALUE, "q");
    }
}
