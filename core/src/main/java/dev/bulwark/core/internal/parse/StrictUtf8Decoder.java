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
 * Decodes UTF-8 as one call of the JDK's decoder does when set to report rather than replace,
 * refusing what RFC 3629 refuses (overlong forms, encoded surrogates, truncated sequences), but
 * passing long runs of ASCII between other characters at vector speed.
 *
 * <p>Why: in one call, the JDK's decoder passes ASCII at vector speed only when none of its input
 * is outside ASCII (on Java 17), and otherwise byte by byte from the start, so a name such as
 * "Zürich" in a 1 KiB body made its decode cost some fifteen times what an ASCII body costs. Here a
 * body that is ASCII throughout still takes one call. Past a byte outside ASCII, the UTF-8 decoder
 * takes a window of {@value #WINDOW} bytes or more, ending before an ASCII byte; when at least
 * {@value #LONG_RUN} ASCII bytes follow (found eight bytes at a time), or the rest of the input is
 * ASCII, the US-ASCII decoder takes that run alone, on its fast path, and the same is done after
 * it. Otherwise (prose in French or Russian, say) the UTF-8 decoder takes the rest in one call,
 * byte by byte as before. The ASCII before the first other byte is read byte by byte too, by the
 * US-ASCII decoder, as it finds that byte. Where the calls split decides the speed alone: each
 * decoder stops by itself at what it cannot take, and a sequence that a split leaves unfinished is
 * read by the next call.
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
     * several times what the call costs.
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
     * decoder over them with the end of input reached would: the same characters, the same result
     * and {@code in} at the same position (at the first malformed sequence when there is one). An
     * output with less room than the input has bytes gets that one call.
     */
    public CoderResult decode(ByteBuffer in, CharBuffer out) {
        return decode(in, out, true);
    }

    /**
     * {@link #decode(ByteBuffer, CharBuffer)} for one chunk of a longer input: unless
     * {@code endOfInput}, a sequence that the end of {@code in} cuts short is left in {@code in},
     * undecoded, for the call with the next chunk behind it.
     */
    public CoderResult decode(ByteBuffer in, CharBuffer out, boolean endOfInput) {
        int end = in.limit();
        utf8.reset();
        if (!in.hasArray() || out.remaining() < in.remaining()) {
            // One call: the US-ASCII decoder reports a full output before a malformed byte, where
            // the UTF-8 decoder reports the byte, and a full output is no case worth a faster path.
            return utf8.decode(in, out, endOfInput);
        }
        byte[] bytes = in.array();
        int base = in.arrayOffset();
        // The first run of ASCII is as long as the US-ASCII decoder finds it: all of a body in ASCII.
        int runEnd = end;
        try {
            while (true) {
                int runStart = in.position();
                in.limit(runEnd);
                CoderResult result = ascii.reset().decode(in, out, true);
                in.limit(end);
                if (!in.hasRemaining()) {
                    return result;
                }
                int firstOther = in.position();
                if (firstOther > runStart) {
                    // The UTF-8 decoder starts on the ASCII byte before, writing its character again:
                    // started on the other byte, it took a quarter longer over French prose.
                    in.position(firstOther - 1);
                    out.position(out.position() - 1);
                }
                int windowEnd = (int) Math.min(end, (long) firstOther + WINDOW);
                while (windowEnd < end && bytes[base + windowEnd] < 0) {
                    windowEnd++;
                }
                int lookAheadEnd = (int) Math.min(end, (long) windowEnd + LONG_RUN);
                // A long run of ASCII, or only ASCII to the end, after the window: the window alone.
                // Text with short runs of ASCII: the rest in one call.
                boolean longRunNext = firstNonAscii(bytes, base + windowEnd, base + lookAheadEnd) - base == lookAheadEnd;
                int callEnd = longRunNext ? windowEnd : end;
                if (longRunNext) {
                    runEnd = firstNonAscii(bytes, base + lookAheadEnd, base + end) - base;
                }
                in.limit(callEnd);
                result = utf8.decode(in, out, endOfInput && callEnd == end);
                in.limit(end);
                if (result.isError() || callEnd == end) {
                    return result;
                }
                if (in.position() < callEnd) {
                    // A sequence cut short by the ASCII byte after it: the decoder reports it there.
                    return utf8.decode(in, out, true);
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
