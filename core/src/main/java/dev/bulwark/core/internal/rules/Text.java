package dev.bulwark.core.internal.rules;

import dev.bulwark.core.Source;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;

/**
 * Value helpers of the smaller families: RFC 9110 tokens, parameter names, the percent-decoded
 * reading of a value and sinks that map evidence back to it. ASCII classes are in {@link Ascii}.
 */
public final class Text {

    private Text() {
    }

    /** A character of an RFC 9110 token ({@code tchar}). */
    public static boolean isTokenChar(char c) {
        if (Ascii.isAlnum(c)) {
            return true;
        }
        switch (c) {
            case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
            case '-': case '.': case '^': case '_': case '`': case '|': case '~':
                return true;
            default:
                return false;
        }
    }

    /** Index of the first character at or after {@code from} that is not a space, or the length. */
    public static int skipSpaces(CharSequence text, int from) {
        int i = from;
        while (i < text.length() && Ascii.isAsciiSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Index of the first character at or after {@code from} that is not a blank (space, tab). */
    public static int skipBlanks(CharSequence text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** The last segment of a JSON Pointer or a plain name: what a parameter is called. */
    public static String lastNameSegment(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }

    /**
     * The value with {@code %XX} escapes decoded, or the value itself when it holds none. For
     * sources the engine does not percent-decode (headers, XML, JSON, raw bodies) where an
     * application may still decode what it reads. A second layer ({@code %252e}) is decoded too,
     * and overlong UTF-8 forms of ASCII ({@code %c0%af}) read as the character they spell, as
     * lenient decoders did: the copy is only scanned, never passed on.
     */
    public static String percentDecodedOrSelf(String text) {
        String once = decodeOnce(text);
        if (once == text) {
            return text;
        }
        return decodeOnce(once);
    }

    private static String decodeOnce(String text) {
        int first = -1;
        for (int i = text.indexOf('%'); i >= 0 && i + 2 < text.length(); i = text.indexOf('%', i + 1)) {
            if (Ascii.isHexDigit(text.charAt(i + 1)) && Ascii.isHexDigit(text.charAt(i + 2))) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return text;
        }
        byte[] bytes = new byte[text.length() * 3];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && Ascii.isHexDigit(text.charAt(i + 1)) && Ascii.isHexDigit(text.charAt(i + 2))) {
                bytes[n++] = (byte) (Ascii.hexValue(text.charAt(i + 1)) * 16 + Ascii.hexValue(text.charAt(i + 2)));
                i += 2;
            } else if (c < 0x80) {
                bytes[n++] = (byte) c;
            } else if (c < 0x800) {
                bytes[n++] = (byte) (0xC0 | (c >> 6));
                bytes[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                bytes[n++] = (byte) (0xF0 | (codePoint >> 18));
                bytes[n++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                bytes[n++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                bytes[n++] = (byte) (0x80 | (codePoint & 0x3F));
            } else {
                bytes[n++] = (byte) (0xE0 | (c >> 12));
                bytes[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        n = foldOverlongAscii(bytes, n);
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * Rewrites two- and three-byte overlong encodings of ASCII characters ({@code C0 AF},
     * {@code E0 80 AE}) as the single byte they spell; returns the new length.
     */
    private static int foldOverlongAscii(byte[] bytes, int n) {
        int out = 0;
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if ((b == 0xC0 || b == 0xC1) && i + 1 < n && (bytes[i + 1] & 0xC0) == 0x80) {
                bytes[out++] = (byte) (((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F));
                i++;
            } else if (b == 0xE0 && i + 2 < n && (bytes[i + 1] & 0xE0) == 0x80 && (bytes[i + 2] & 0xC0) == 0x80
                    && (bytes[i + 1] & 0x1F) <= 1) {
                bytes[out++] = (byte) (((bytes[i + 1] & 0x1F) << 6) | (bytes[i + 2] & 0x3F));
                i += 2;
            } else {
                bytes[out++] = bytes[i];
            }
        }
        return out;
    }

    /**
     * The value as an application may read it: decoded ({@link #percentDecodedOrSelf}) where the
     * engine leaves percent-escapes in place ({@link ScanTarget#keepsPercentEscapes}), otherwise
     * the value itself.
     */
    public static String decodedText(ScanTarget target) {
        String original = target.text();
        if (!target.keepsPercentEscapes() || !target.profile().has('%')) {
            return original;
        }
        WeakReference<Decoded> reference = LAST_DECODED.get();
        Decoded last = reference == null ? null : reference.get();
        if (last != null && last.target == target) {
            return last.text;
        }
        String text = percentDecodedOrSelf(original);
        LAST_DECODED.set(new WeakReference<>(new Decoded(target, text)));
        return text;
    }

    /**
     * The decoded copy last made on this thread. The detectors of this package scan a target one
     * after another on the same thread, and all but the first reuse the copy. Held weakly, so that
     * an idle thread does not keep a large body alive after its request; a copy collected in
     * between is simply decoded again.
     */
    private static final ThreadLocal<WeakReference<Decoded>> LAST_DECODED = new ThreadLocal<>();

    private record Decoded(ScanTarget target, String text) {
    }

    /** Characters of the shortest reading that can name another host or share ({@code a:/x}, a UNC path). */
    private static final int SHORTEST_ADDRESS = 4;

    /**
     * The reading ({@link #decodedText}) of a value that may point the application at another
     * host, or {@code null} when it cannot: a header that names the site or the client
     * ({@link #isSelfReferenceHeader}), a value without any of {@code candidates} (the characters
     * an address of the family needs, or an escape of one), or a reading shorter than
     * {@value #SHORTEST_ADDRESS} characters.
     */
    public static String addressReading(ScanTarget target, AsciiSet candidates) {
        if (isSelfReferenceHeader(target) || !target.profile().hasAny(candidates)) {
            return null;
        }
        String text = decodedText(target);
        return text.length() < SHORTEST_ADDRESS ? null : text;
    }

    /**
     * {@code sink} for matches in the value itself; for matches in a decoded copy ({@link
     * #decodedText}), whose offsets do not apply to the value, a sink that reports the whole value.
     */
    public static DetectionSink sinkFor(ScanTarget target, String text, DetectionSink sink) {
        String original = target.text();
        return text == original ? sink : wholeValue(sink, original.length());
    }

    /**
     * A sink that reports the whole original value as evidence: for matches found in a decoded
     * copy, whose offsets do not apply to the original.
     */
    public static DetectionSink wholeValue(DetectionSink sink, int length) {
        return (rule, offset, matched) -> sink.report(rule, 0, length);
    }

    /** Headers that carry the request's own origin or the client's address: internal by nature. */
    private static final Lexicon SELF_REFERENCE_HEADERS = Lexicon.of(
            "referer", "origin", "host", "x-forwarded-host", "x-forwarded-for", "x-forwarded-server", "x-real-ip",
            "forwarded", "x-original-host", "via", "x-client-ip", "true-client-ip", "cf-connecting-ip");

    /**
     * Whether a header names the site itself or the client (Referer, Origin, X-Forwarded-For, ...):
     * on an intranet such headers hold private addresses in every request.
     */
    public static boolean isSelfReferenceHeader(ScanTarget target) {
        return target.source() == Source.HEADER && isSelfReferenceHeader(target.name());
    }

    /** Whether a header of this name names the site itself or the client (see above). */
    public static boolean isSelfReferenceHeader(String name) {
        return SELF_REFERENCE_HEADERS.contains(name);
    }
}
