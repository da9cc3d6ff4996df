package dev.bulwark.core.internal.parse;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.util.Arrays;

/**
 * The characters of a UTF-8 body, decoded as a parser asks for them, a chunk at a time: a large
 * document is never held as a whole second copy in characters (twice its size in bytes), and the
 * bytes of a read-only buffer are moved through a small array instead of copied whole. What
 * {@link StrictUtf8Decoder} refuses is reported as a {@link MalformedInput}, at its byte offset.
 *
 * <p>Uses the array it is given for the bytes of each chunk and clears it on {@link #close}, so
 * that no body stays behind in it. Not thread-safe.
 */
final class StrictUtf8Reader extends Reader {

    /** A sequence that is not UTF-8, at {@link #offset} bytes into the body. */
    static final class MalformedInput extends IOException {
        private static final long serialVersionUID = 1L;

        final long offset;

        MalformedInput(long offset) {
            super("malformed sequence at byte " + offset);
            this.offset = offset;
        }
    }

    /** Bytes of the longest UTF-8 sequence. */
    static final int MAX_SEQUENCE = 4;

    private final ByteBuffer source;
    private final StrictUtf8Decoder decoder;
    private final byte[] bytes;
    /** The bytes of the current chunk not decoded yet: {@code bytes[position, limit)}. */
    private final ByteBuffer chunk;
    /** Where the current chunk's first byte is in the body. */
    private long chunkStart;
    private int written;
    /** The second character of a pair decoded for a read of one character; -1 when none. */
    private int pending = -1;
    /** Room for the pair a read of one character decodes. */
    private final char[] pair = new char[2];

    /**
     * @param source the bytes, from its position to its limit; it is read, not moved
     * @param sourceOffset where the source's position is in the body, for the offset of a malformed sequence
     * @param decoder the thread's decoder
     * @param bytes the array the chunks are copied into, at least {@value #MAX_SEQUENCE} bytes
     */
    StrictUtf8Reader(ByteBuffer source, int sourceOffset, StrictUtf8Decoder decoder, byte[] bytes) {
        this.source = source.duplicate();
        this.chunkStart = sourceOffset;
        this.decoder = decoder;
        this.bytes = bytes;
        if (bytes.length < MAX_SEQUENCE) {
            throw new IllegalArgumentException("an array of at least " + MAX_SEQUENCE + " bytes is needed");
        }
        this.chunk = ByteBuffer.wrap(bytes, 0, 0);
    }

    @Override
    public int read(char[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (pending >= 0) {
            into[offset] = (char) pending;
            pending = -1;
            return 1;
        }
        if (length == 1) {
            // A sequence may decode to two characters: decode into room for both, keep the second.
            int read = read(pair, 0, 2);
            if (read == 2) {
                pending = pair[1];
            }
            if (read > 0) {
                into[offset] = pair[0];
            }
            return read < 0 ? -1 : 1;
        }
        while (true) {
            if (!chunk.hasRemaining() && !source.hasRemaining()) {
                return -1;
            }
            refill(length);
            boolean last = !source.hasRemaining();
            CharBuffer out = CharBuffer.wrap(into, offset, length);
            CoderResult result = decoder.decode(chunk, out, last);
            if (result.isError()) {
                throw new MalformedInput(chunkStart + chunk.position());
            }
            int read = out.position() - offset;
            if (read > 0) {
                return read;
            }
            if (last) {
                // Nothing decoded and nothing more to come: only possible for an empty chunk.
                return -1;
            }
        }
    }

    /**
     * Moves the undecoded rest of the chunk (a sequence cut by its end) to the front and fills the
     * array behind it, with no more bytes than {@code characters} (or one sequence), so that the
     * decoded characters fit.
     */
    private void refill(int characters) {
        int rest = chunk.remaining();
        if (rest > 0 && chunk.position() > 0) {
            System.arraycopy(bytes, chunk.position(), bytes, 0, rest);
        }
        chunkStart += chunk.position();
        // Room for the longest sequence at least, so that one cut by the chunk's end is completed.
        int room = Math.min(bytes.length, Math.max(characters, MAX_SEQUENCE)) - rest;
        int taken = Math.min(room, source.remaining());
        source.get(bytes, rest, taken);
        written = Math.max(written, rest + taken);
        chunk.limit(rest + taken).position(0);
    }

    /** Clears the bytes this reader copied. */
    @Override
    public void close() {
        Arrays.fill(bytes, 0, written, (byte) 0);
        written = 0;
    }
}
