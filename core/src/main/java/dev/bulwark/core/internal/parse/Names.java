package dev.bulwark.core.internal.parse;

import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.decode.DecodedText;
import java.util.Set;

/** Small helpers shared by the parsers. */
final class Names {

    /** Longest item name put into the location of an exception; longer names are cut. */
    static final int MAX_REPORTED_NAME = 128;

    private Names() {
    }

    /**
     * {@code name} cut to {@link #MAX_REPORTED_NAME} characters (with a trailing ellipsis), for the
     * location of an exception about an oversized name: the log needs to know which item it was,
     * not a megabyte of it.
     */
    static String shorten(String name) {
        if (name.length() <= MAX_REPORTED_NAME) {
            return name;
        }
        int end = MAX_REPORTED_NAME;
        if (Character.isHighSurrogate(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(0, end) + '…';
    }

    /**
     * Keeps a name in {@link PlainNames} when decoding gave it back as it was, without flags;
     * returns its entry, or {@code null} when it is not kept.
     */
    static PlainNames.Entry keepIfPlain(Source source, String raw, DecodedText decoded) {
        return decoded.text().equals(raw) && decoded.flags().isEmpty() ? PlainNames.keep(source, raw) : null;
    }

    /**
     * The entry of a name in {@link PlainNames}: {@code plain} when the name was found there, else
     * the name, decoded as {@code name}, kept there when decoding gave it back as it was, so that
     * the next request reuses its locations; {@code null} when it is not kept.
     */
    static PlainNames.Entry plainEntry(Source source, PlainNames.Entry plain, String rawName, DecodedText name) {
        return plain != null ? plain : keepIfPlain(source, rawName, name);
    }

    /** Where the value of a name sits: the location of its {@link PlainNames} entry when it has one. */
    static Location valueLocation(Source source, PlainNames.Entry entry, String name) {
        return entry != null ? entry.valueLocation : Location.value(source, name);
    }

    /**
     * Emits a name; {@code entry} is its entry from {@link #plainEntry}, or {@code null}, and
     * {@code name} its decoding (not needed with an entry).
     */
    static void emitName(ValueSink sink, Source source, PlainNames.Entry entry, String rawName, DecodedText name)
            throws LimitExceededException {
        if (entry != null) {
            sink.accept(new RequestValue(entry.nameLocation, rawName, entry.name, Set.of()));
        } else {
            sink.accept(value(Location.name(source, name.text()), rawName, name));
        }
    }

    static RequestValue value(Location location, String raw, DecodedText decoded) {
        return new RequestValue(location, raw, decoded.text(), decoded.flags());
    }
}
