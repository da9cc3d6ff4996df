package dev.bulwark.core.internal.rules;

import dev.bulwark.core.Component;
import dev.bulwark.core.Source;
import java.util.List;
import java.util.Objects;

/**
 * One decoded value handed to a {@link Detector}, with enough context to judge it: where it comes
 * from and whether it is a name or a value, and what characters it holds.
 *
 * <p>The engine makes one target per value and hands it to every detector in turn, on one thread;
 * what detectors share about the value is computed once and kept here: its {@link #profile()},
 * given to the constructor, the readings of the script-language families
 * ({@link ScriptPasses#of}) and the query values of a URL in a header ({@link UrlQueryValues#of}),
 * each made by the first family that reads it.
 */
public final class ScanTarget {

    private final String text;
    private final Source source;
    private final Component component;
    private final String name;
    private final TextProfile profile;
    /** Set by {@link ScriptPasses#of} on first use; {@code null} until then. */
    ScriptPasses scriptPasses;
    /** Set by {@link UrlQueryValues#of} on first use; {@code null} until then. */
    List<ScanTarget> urlQueryValues;

    /**
     * @param text the decoded value
     * @param source where in the request it comes from
     * @param component name, value or file name
     * @param name the item's name (parameter, header or cookie name, JSON Pointer), never {@code null}
     * @param profile the characters of {@code text}, computed once for every detector
     */
    public ScanTarget(String text, Source source, Component component, String name, TextProfile profile) {
        this.text = Objects.requireNonNull(text, "text");
        this.source = source;
        this.component = component;
        this.name = name;
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /** A target whose profile is computed from {@code text}. */
    public ScanTarget(String text, Source source, Component component, String name) {
        this(text, source, component, name, TextProfile.of(text));
    }

    /** The decoded value. */
    public String text() {
        return text;
    }

    /** Where in the request the value comes from. */
    public Source source() {
        return source;
    }

    /** Name, value or file name. */
    public Component component() {
        return component;
    }

    /** The item's name (parameter, header or cookie name, JSON Pointer). */
    public String name() {
        return name;
    }

    /** The characters of {@link #text()}. */
    public TextProfile profile() {
        return profile;
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

    @Override
    public String toString() {
        return "ScanTarget[source=" + source + ", component=" + component + ", name=" + name + ", text=" + text + "]";
    }
}
