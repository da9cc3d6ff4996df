package dev.bulwark.core.internal.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 as the JDK's decoder does when set to report rather than replace, refusing what
 * RFC 3629 refuses (overlong forms, encoded surrogates, truncated sequences), without its slow
 * path through the ASCII that follows the first other character.
 *
 * <p>Why: in one call, the JDK's decoders pass ASCII at vector speed only when none of their input
 * is outside ASCII (on Java 17), and otherwise byte by byte, so a name such as "Zürich" near the
 * start of a 1 KiB body made its decode cost three times what an ASCII body costs. Here a body
 * that is ASCII throughout still takes one call. Past a byte outside ASCII, the UTF-8 decoder takes
 * a short window, up to an ASCII byte so that no sequence is cut; when a run of at least
 * {@value #LONG_RUN} ASCII bytes follows (found eight bytes at a time), the US-ASCII decoder takes
 * it alone, on its fast path, and the same is done after it. Text with shorter runs (prose in
 * French or Russian) is left to the UTF-8 decoder in one call from there on, as before. Where the
 * calls split decides the speed alone: each decoder stops by itself at what it cannot take, and a
 * sequence that a split leaves unfinished is read by the next call.
 *
 * <p>Not thread-safe: it holds the two decoders. Each call reads every byte a bounded number of
 * times.
 */
public final class StrictUtf8Decoder {

    /**
     * Bytes the UTF-8 decoder is given at least after a byte outside ASCII, up to the next ASCII
     * byte: enough for the sequences of a word such as "Zürich".
     */
    static final int WINDOW = 16;
    /**
     * A run of ASCII bytes that gets a call of its own: long enough that the fast pass over it saves
     * more than the call costs (some 30 bytes), with room to spare.
     */
    static final int LONG_RUN = 128;

    /** Eight bytes at a time, in the order of the array, for the search of the next byte outside ASCII. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    /** Stops at the first byte that is not ASCII, which it reports as malformed. */
    private final CharsetDecoder ascii = StandardCharsets.US_ASCII.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /**
     * Decodes the remaining bytes of {@code in} into {@code out}, as one call of the JDK's UTF-8
     * decoder over them with the end of input reached would: the same characters, and the same
     * result, {@code in} left at the first malformed sequence when there is one.
     */
    public CoderResult decode(ByteBuffer in, CharBuffer out) {
        int end = in.limit();
        utf8.reset();
        // The first run of ASCII is as long as the US-ASCII decoder finds it: all of a body in ASCII.
        int runEnd = end;
        boolean restInOneCall = !in.hasArray();
        try {
            while (true) {
                int runStart = in.position();
                in.limit(runEnd);
                CoderResult result = ascii.reset().decode(in, out, true);
                in.limit(end);
                if (!in.hasRemaining() || result.isOverflow()) {
                    return result;
                }
                // in stands at a byte outside ASCII.
                int otherAt = in.position();
                if (otherAt > runStart) {
                    // The UTF-8 decoder starts on the ASCII byte before it, writing its character
                    // again: started on another byte, it took three times as long over French prose.
                    in.position(otherAt - 1);
                    out.position(out.position() - 1);
                }
                int utf8End = end;
                if (!restInOneCall) {
                    byte[] bytes = in.array();
                    int base = in.arrayOffset();
                    int windowEnd = (int) Math.min(end, (long) otherAt + WINDOW);
                    while (windowEnd < end && bytes[base + windowEnd] < 0) {
                        windowEnd++;
                    }
                    int searched = (int) Math.min(end, (long) windowEnd + LONG_RUN);
                    int other = firstNonAscii(bytes, base + windowEnd, base + searched) - base;
                    if (other == searched) {
                        utf8End = windowEnd;
                        runEnd = firstNonAscii(bytes, base + other, base + end) - base;
                    } else {
                        // Text with short runs of ASCII: the rest in one call.
                        restInOneCall = true;
                    }
                }
                in.limit(utf8End);
                result = utf8.decode(in, out, utf8End == end);
                in.limit(end);
                if (result.isError() || result.isOverflow() || utf8End == end) {
                    return result;
                }
                if (in.position() < utf8End) {
                    // A sequence cut short by the ASCII byte after it: the decoder reports it there.
                    restInOneCall = true;
                    runEnd = in.position();
                }
            }
        } finally {
            in.limit(end);
        }
    }

    /** Index of the first byte of {@code bytes[from, to)} outside ASCII, or {@code to}. */
    static int firstNonAscii(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long high = (long) LONGS.get(bytes, i) & HIGH_BITS;
            if (high != 0) {
                return i + (Long.numberOfTrailingZeros(high) >>> 3);
            }
        }
        while (i < to && bytes[i] >= 0) {
            i++;
        }
        return i;
    }
}
