package dev.bulwark.core.internal.parse;

import dev.bulwark.core.Headers;
import dev.bulwark.core.Location;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.Limits;
import dev.bulwark.core.internal.decode.DecodedText;
import dev.bulwark.core.internal.decode.PercentDecoder;
import java.util.Objects;

/**
 * Parses the cookies of every {@code Cookie} header field (RFC 6265, section 5.4) into
 * {@link Source#COOKIE} values: the name ({@code NAME}) and then the value ({@code VALUE}).
 *
 * <p>Each field is split on {@code ;}; each piece is trimmed of spaces and tabs and split at its
 * first {@code =}. A piece without {@code =} is a cookie with that name and the empty value (as
 * servlet containers read it); empty pieces are skipped. A quoted value is kept with its quotes.
 *
 * <p>{@code raw} is the text as sent; {@code decoded} is percent-decoded with plus-as-space, as
 * PHP and many frameworks decode cookies before the application sees them, so a payload encoded
 * into a cookie is inspected in the form the application gets. The location name is the decoded
 * cookie name. Enforces {@code cookies.count} (400) across all {@code Cookie} fields. Immutable and
 * thread-safe.
 */
public final class CookieParser {

    private static final PercentDecoder DECODER = new PercentDecoder(3);

    private final Limits limits;
    private final PercentDecoder decoder;

    public CookieParser(Limits limits) {
        this(limits, DECODER);
    }

    /** A parser that decodes cookies with {@code decoder} (e.g. one with the configured depth). */
    public CookieParser(Limits limits, PercentDecoder decoder) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    /** Parses every {@code Cookie} field of {@code headers} and emits the cookies to {@code sink}. */
    public void parse(Headers headers, ValueSink sink) throws LimitExceededException {
        int count = 0;
        for (Headers.Header header : headers.all()) {
            if (!isCookie(header)) {
                continue;
            }
            String field = header.value();
            int n = field.length();
            int start = 0;
            while (start < n) {
                int end = field.indexOf(';', start);
                if (end < 0) {
                    end = n;
                }
                int from = start;
                int to = end;
                while (from < to && isWhitespace(field.charAt(from))) {
                    from++;
                }
                while (to > from && isWhitespace(field.charAt(to - 1))) {
                    to--;
                }
                if (to > from) {
                    count++;
                    emit(field, from, to, count, sink);
                }
                start = end + 1;
            }
        }
    }

    /**
     * Whether a field is a {@code Cookie} field, as {@code equalsIgnoreCase("Cookie")} says. The
     * folded name of one spelt in ASCII is the shared {@code "cookie"}, which {@code equals} answers
     * on identity; only another name of six characters ({@code COOKİE}) is compared further.
     */
    private static boolean isCookie(Headers.Header header) {
        String name = header.name();
        return header.lowerCaseName().equals("cookie") || name.length() == 6 && name.equalsIgnoreCase("Cookie");
    }

    private void emit(String field, int from, int to, int count, ValueSink sink) throws LimitExceededException {
        int equals = -1;
        for (int i = from; i < to; i++) {
            if (field.charAt(i) == '=') {
                equals = i;
                break;
            }
        }
        int nameEnd = equals < 0 ? to : trimEnd(field, from, equals);
        // A plain name seen before is taken from PlainNames, neither cut out nor decoded again.
        PlainNames.Entry plain = PlainNames.find(Source.COOKIE, field, from, nameEnd);
        String rawName = plain != null ? plain.name : field.substring(from, nameEnd);
        String rawValue = equals < 0 ? "" : field.substring(trimStart(field, equals + 1, to), to);
        DecodedText name = plain != null ? null : decoder.decode(rawName, true);
        String nameText = plain != null ? plain.name : name.text();
        if (count > limits.cookieCount()) {
            throw new LimitExceededException("cookies.count",
                    Location.value(Source.COOKIE, Names.shorten(nameText)), limits.cookieCount(), 400);
        }
        PlainNames.Entry entry = Names.plainEntry(Source.COOKIE, plain, rawName, name);
        Names.emitName(sink, Source.COOKIE, entry, rawName, name);
        sink.accept(decoder.decodeValue(Names.valueLocation(Source.COOKIE, entry, nameText), rawValue, true));
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    private static int trimStart(String s, int from, int to) {
        while (from < to && isWhitespace(s.charAt(from))) {
            from++;
        }
        return from;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }
}
