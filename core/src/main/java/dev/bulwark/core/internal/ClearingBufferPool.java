package dev.bulwark.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;

/**
 * Jackson's buffers for request data: each thread's, as in Jackson's default pool, but cleared
 * when a parser or generator gives them back. Jackson's default pool keeps a buffer as it was
 * left, so the request's text outlives the request on every thread that parsed it: the last
 * string value with an escape (or, from bytes, the last string values of any kind), and for a
 * parser over a {@code String} the whole document up to 32,768 characters. A heap dump, or a
 * later bug that reads a buffer it did not write, would show one client's body while another's
 * request runs.
 *
 * <p>Bounded: a buffer longer than {@value #MAX_KEPT_LENGTH} elements (one that grew for a long
 * value) is cleared and dropped rather than kept, so a thread holds at most eight buffers of that
 * size. Clearing costs the length of the buffers given back: at least Jackson's default sizes
 * (200 to 8,000 elements) for each buffer a parser or generator took. The earlier segments of a
 * long value, which Jackson lets go of itself, are not cleared; they wait for the collector.
 */
public final class ClearingBufferPool extends RecyclerPool.ThreadLocalPoolBase<BufferRecycler> {

    /**
     * Longest buffer kept for reuse, in chars or bytes: Jackson's own buffers start at 200 to 8,000
     * elements.
     */
    public static final int MAX_KEPT_LENGTH = 8_000;

    /** The pool every Jackson factory that reads or writes request data uses. */
    public static final ClearingBufferPool INSTANCE = new ClearingBufferPool();

    private static final long serialVersionUID = 1L;

    private static final int[] CHAR_BUFFERS = {BufferRecycler.CHAR_TOKEN_BUFFER, BufferRecycler.CHAR_CONCAT_BUFFER,
        BufferRecycler.CHAR_TEXT_BUFFER, BufferRecycler.CHAR_NAME_COPY_BUFFER};

    private static final ThreadLocal<BufferRecycler> RECYCLERS = ThreadLocal.withInitial(ClearingRecycler::new);

    private ClearingBufferPool() {
    }

    @Override
    public BufferRecycler acquirePooled() {
        return RECYCLERS.get();
    }

    /**
     * {@code mapper} reading and writing through this pool, with its settings otherwise unchanged,
     * except that field names are not canonicalized: canonical names live on in the factory's
     * shared symbol table, which would keep the keys of request bodies.
     */
    public static ObjectMapper withClearedBuffers(ObjectMapper mapper) {
        JsonFactory factory = mapper.getFactory().rebuild()
                .recyclerPool(INSTANCE)
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .build();
        return mapper.copyWith(factory);
    }

    /**
     * Clears the character buffers that {@code mapper}'s own pool keeps for this thread, for a
     * mapper Bulwark reads request data with but does not own (swagger-core's, inside the OpenAPI
     * validator). Parsing and writing text takes only character buffers. Costs a clear of some
     * 17 KB, and allocates the buffers the pool does not hold yet once per thread.
     */
    public static void clearCharBuffersOf(ObjectMapper mapper) {
        RecyclerPool<BufferRecycler> pool = mapper.getFactory()._getRecyclerPool();
        BufferRecycler recycler = pool.acquirePooled();
        try {
            for (int index : CHAR_BUFFERS) {
                char[] buffer = recycler.allocCharBuffer(index);
                Arrays.fill(buffer, '\0');
                recycler.releaseCharBuffer(index, buffer);
            }
        } finally {
            pool.releasePooled(recycler);
        }
    }

    private Object readResolve() {
        return INSTANCE;
    }

    /** A thread's buffers, each cleared as it is given back. */
    private static final class ClearingRecycler extends BufferRecycler {

        @Override
        public void releaseCharBuffer(int index, char[] buffer) {
            Arrays.fill(buffer, '\0');
            if (buffer.length <= MAX_KEPT_LENGTH) {
                super.releaseCharBuffer(index, buffer);
            }
        }

        @Override
        public void releaseByteBuffer(int index, byte[] buffer) {
            Arrays.fill(buffer, (byte) 0);
            if (buffer.length <= MAX_KEPT_LENGTH) {
                super.releaseByteBuffer(index, buffer);
            }
        }
    }
}
