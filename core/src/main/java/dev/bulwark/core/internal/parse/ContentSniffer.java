package dev.bulwark.core.internal.parse;

import dev.bulwark.core.internal.rules.AsciiSet;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Looks at content instead of trusting its declared media type: whether decoded text is text at
 * all, and what shape text has (JSON, XML, a form) so that it can be parsed as such whatever
 * header it came with. One forward pass over the text, no backtracking. Stateless.
 */
public final class ContentSniffer {

    /** What a text looks like from its first characters (and, for a form, all of them). */
    public enum Shape { JSON, XML, FORM, TEXT }

    /**
     * At most one character in this many may be a control character or a replacement character
     * (bytes that did not decode) for a text to count as text: a stray Latin-1 byte in UTF-8 does
     * not make a document binary, a compressed or encrypted blob has far more.
     */
    private static final int ODD_CHARACTER_RATIO = 100;

    /** The characters of an encoded form besides {@code &} and {@code =}. */
    private static final AsciiSet FORM_CHARACTERS = AsciiSet.LETTERS.union(AsciiSet.DIGITS)
            .union(AsciiSet.of("-._~%+*!'(),:;/?@$|^`"));

    /**
     * Odd characters a text may hold besides its share by {@link #ODD_CHARACTER_RATIO}: enough for
     * any file signature in {@link BinaryFormat}, so that a signature put in front of a script does
     * not make the script binary.
     */
    private static final int ODD_CHARACTER_ALLOWANCE = 16;

    /**
     * Bytes of content judged before all of it is decoded: content whose first
     * {@value #PREFIX_LENGTH} bytes are already binary is binary, so an image upload is not decoded
     * whole. Padding can make any text binary either way, so the prefix weakens nothing.
     */
    static final int PREFIX_LENGTH = 4096;

    /** What the first bytes of content are, as far as their bytes alone tell. */
    private enum PrefixVerdict { TEXT, BINARY, UNSURE }

    /** What a byte is, in a prefix judged without decoding. */
    private static final byte PLAIN = 0;
    /** An ASCII byte that {@link #isOdd} counts: one odd character in every ASCII-compatible charset. */
    private static final byte ODD_ASCII = 1;
    /** Not ASCII, and never part of a UTF-8 sequence (0xC0, 0xC1 and 0xF5 to 0xFF): each replaced on its own. */
    private static final byte NEVER_UTF_8 = 2;
    /** Not ASCII: a lead or continuation byte of UTF-8. */
    private static final byte HIGH = 3;

    private static final byte[] BYTE_KINDS = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            BYTE_KINDS[b] = b < 0x80 ? (isOdd((char) b) ? ODD_ASCII : PLAIN)
                    : b == 0xC0 || b == 0xC1 || b >= 0xF5 ? NEVER_UTF_8
                    : HIGH;
        }
    }

    private ContentSniffer() {
    }

    /**
     * Whether the first {@value #PREFIX_LENGTH} bytes of {@code content} (from its position, which
     * is left unchanged) do not read as text in {@code charset}: then the whole is binary and need
     * not be decoded. Content that passes is judged whole with {@link #looksTextual}.
     */
    public static boolean startsBinary(ByteBuffer content, Charset charset) {
        int length = Math.min(content.remaining(), PREFIX_LENGTH);
        if (charset == StandardCharsets.UTF_8 || charset == StandardCharsets.US_ASCII
                || charset == StandardCharsets.ISO_8859_1) {
            PrefixVerdict verdict = judgeBytes(content, length, charset);
            if (verdict != PrefixVerdict.UNSURE) {
                return verdict == PrefixVerdict.BINARY;
            }
        }
        byte[] prefix = new byte[length];
        content.get(content.position(), prefix, 0, length);
        // A multi-byte character cut at the end of the prefix decodes to one U+FFFD, within the allowance.
        return !looksTextual(new String(prefix, charset));
    }

    /**
     * The verdict of {@link #looksTextual} on the first {@code length} bytes of {@code content}
     * decoded in {@code charset} (UTF-8, US-ASCII or ISO-8859-1), worked out from the bytes: each
     * ASCII byte decodes to itself in all three, so its oddness is known, and the other bytes'
     * characters are known in US-ASCII (one U+FFFD each) and ISO-8859-1 (one character each, odd
     * from 0x80 to 0x9F). In UTF-8 the other bytes only give a lower bound: a byte that never
     * occurs in UTF-8 decodes to a U+FFFD of its own, the rest may form characters; when that
     * bound does not settle it, {@link PrefixVerdict#UNSURE}, and the caller decodes. Binary
     * content settles it at once, without a decoder's slow path for malformed input, and ASCII
     * text is judged without a copy.
     */
    private static PrefixVerdict judgeBytes(ByteBuffer content, int length, Charset charset) {
        int start = content.position();
        // Decoding never gives more characters than bytes, so this allows at least as much as looksTextual would.
        int allowed = ODD_CHARACTER_ALLOWANCE + length / ODD_CHARACTER_RATIO;
        int oddAscii = 0;
        int neverUtf8 = 0;
        int c1Controls = 0;
        int high = 0;
        for (int i = 0; i < length; i++) {
            int b = content.get(start + i) & 0xFF;
            switch (BYTE_KINDS[b]) {
                case ODD_ASCII -> oddAscii++;
                case NEVER_UTF_8 -> neverUtf8++;
                case HIGH -> {
                    high++;
                    if (b <= 0x9F) {
                        c1Controls++;
                    }
                }
                default -> {
                }
            }
        }
        int odd;
        if (charset == StandardCharsets.US_ASCII) {
            odd = oddAscii + neverUtf8 + high;
        } else if (charset == StandardCharsets.ISO_8859_1) {
            odd = oddAscii + c1Controls;
        } else if (neverUtf8 == 0 && high == 0) {
            odd = oddAscii;
        } else {
            return oddAscii + neverUtf8 > allowed ? PrefixVerdict.BINARY : PrefixVerdict.UNSURE;
        }
        return odd > allowed ? PrefixVerdict.BINARY : PrefixVerdict.TEXT;
    }

    /**
     * The charset a byte order mark at the start of {@code content} (from its position, which is
     * left unchanged) names: UTF-8 for {@code EF BB BF}, UTF-16 for {@code FE FF} or {@code FF FE}
     * (the UTF-16 decoder reads the mark and the byte order from it); {@code null} without one.
     * Spreadsheet programs write UTF-16 CSV with a mark and no label; content without a declared
     * charset is read in the charset its mark names.
     */
    public static Charset byteOrderMark(ByteBuffer content) {
        int at = content.position();
        int remaining = content.remaining();
        if (remaining >= 3 && content.get(at) == (byte) 0xEF && content.get(at + 1) == (byte) 0xBB
                && content.get(at + 2) == (byte) 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (remaining >= 2) {
            int first = content.get(at) & 0xFF;
            int second = content.get(at + 1) & 0xFF;
            if ((first == 0xFE && second == 0xFF) || (first == 0xFF && second == 0xFE)) {
                return StandardCharsets.UTF_16;
            }
        }
        return null;
    }

    /**
     * Whether {@code charset} reads the printable ASCII characters as ASCII. A charset that does
     * not (UTF-16, UTF-32, EBCDIC) turns the same bytes into other text than an application that
     * ignores the label reads.
     */
    public static boolean readsAsciiAsAscii(Charset charset) {
        // The charsets nearly every request uses, answered without decoding the probe.
        if (charset == StandardCharsets.UTF_8 || charset == StandardCharsets.ISO_8859_1
                || charset == StandardCharsets.US_ASCII) {
            return true;
        }
        byte[] ascii = new byte[95];
        for (int i = 0; i < ascii.length; i++) {
            ascii[i] = (byte) (' ' + i);
        }
        return new String(ascii, charset).equals(new String(ascii, StandardCharsets.US_ASCII));
    }

    /**
     * Whether decoded content reads as text: at most {@value #ODD_CHARACTER_ALLOWANCE} characters
     * plus one in {@value #ODD_CHARACTER_RATIO} are odd, that is NUL, a control character other than
     * tab, line feed, form feed, carriage return and escape, or U+FFFD (bytes that did not decode).
     */
    public static boolean looksTextual(CharSequence text) {
        int odd = 0;
        int n = text.length();
        int allowed = ODD_CHARACTER_ALLOWANCE + n / ODD_CHARACTER_RATIO;
        for (int i = 0; i < n; i++) {
            if (isOdd(text.charAt(i))) {
                if (++odd > allowed) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether {@code c} is odd in text: U+FFFD, a control character other than tab, line feed, form
     * feed, carriage return and escape, DEL or a C1 control.
     */
    private static boolean isOdd(char c) {
        return c == '\uFFFD' || (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != 0x1B)
                || (c >= 0x7F && c <= 0x9F);
    }

    /**
     * The shape of a text: {@link Shape#JSON} when its first non-blank character (after a byte order
     * mark) opens an object or array, {@link Shape#XML} when it opens a tag, {@link Shape#FORM} when
     * it is {@code name=value} pairs joined by {@code &} in the characters of an encoded form (no
     * blanks, quotes or brackets), {@link Shape#TEXT} otherwise. A shape is a guess that the
     * matching parser confirms or refutes.
     */
    public static Shape shape(CharSequence text) {
        int i = firstSignificant(text);
        if (i == text.length()) {
            return Shape.TEXT;
        }
        char first = text.charAt(i);
        if (first == '{' || first == '[') {
            return Shape.JSON;
        }
        if (first == '<') {
            return Shape.XML;
        }
        return isForm(text) ? Shape.FORM : Shape.TEXT;
    }

    /**
     * Whether {@link #shape} is {@link Shape#JSON}, found without reading further than the first
     * non-blank character: cheap enough to ask of every value of a request.
     */
    public static boolean opensJson(CharSequence text) {
        int i = firstSignificant(text);
        return i < text.length() && (text.charAt(i) == '{' || text.charAt(i) == '[');
    }

    /** The index of the first character after a byte order mark and blanks; the length when none is left. */
    private static int firstSignificant(CharSequence text) {
        int i = 0;
        int n = text.length();
        if (n > 0 && text.charAt(0) == '\uFEFF') {
            i++;
        }
        while (i < n && isBlank(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** {@code name=value(&name=value)*} in form characters, each name non-empty; a final line end is allowed. */
    private static boolean isForm(CharSequence text) {
        int n = text.length();
        while (n > 0 && (text.charAt(n - 1) == '\n' || text.charAt(n - 1) == '\r')) {
            n--;
        }
        boolean sawEquals = false;
        int pairStart = 0;
        boolean pairHasEquals = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '&') {
                if (!pairHasEquals && i > pairStart) {
                    return false;
                }
                pairStart = i + 1;
                pairHasEquals = false;
            } else if (c == '=') {
                if (!pairHasEquals && i == pairStart) {
                    return false;
                }
                pairHasEquals = true;
                sawEquals = true;
            } else if (!isFormCharacter(c)) {
                return false;
            }
        }
        return sawEquals && (pairHasEquals || pairStart == n);
    }

    private static boolean isFormCharacter(char c) {
        return FORM_CHARACTERS.contains(c);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
