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
     * Emits a name and its value. {@code plain} is the name's entry in {@link PlainNames}, or
     * {@code null}: the name, decoded as {@code name}, is then kept there when decoding gave it back
     * as it was, so that the next request reuses its locations.
     */
    static void emitPair(ValueSink sink, Source source, PlainNames.Entry plain, String rawName, DecodedText name,
            String rawValue, DecodedText value) throws LimitExceededException {
        PlainNames.Entry entry = plain != null ? plain : keepIfPlain(source, rawName, name);
        if (entry != null) {
            sink.accept(new RequestValue(entry.nameLocation, rawName, entry.name, Set.of()));
            sink.accept(value(entry.valueLocation, rawValue, value));
        } else {
            sink.accept(value(Location.name(source, name.text()), rawName, name));
            sink.accept(value(Location.value(source, name.text()), rawValue, value));
        }
    }

    static RequestValue value(Location location, String raw, DecodedText decoded) {
        return new RequestValue(location, raw, decoded.text(), decoded.flags());
    }
}
