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
 * string value with an escape (or, from bytes, the last string value of any kind), and for a
 * parser over a {@code String} the whole document up to 32 KiB. A heap dump, or a later bug that
 * reads a buffer it did not write, would show one client's body while another's request runs.
 *
 * <p>Bounded: a buffer longer than {@value #MAX_KEPT_LENGTH} elements (one that grew for a long
 * value) is dropped rather than kept, so a thread holds at most eight buffers of that size.
 * Clearing costs the length of the buffers given back, which Jackson only takes for what it had
 * to copy.
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

    private Object readResolve() {
        return INSTANCE;
    }

    /** A thread's buffers, each cleared as it is given back. */
    private static final class ClearingRecycler extends BufferRecycler {

        @Override
        public void releaseCharBuffer(int index, char[] buffer) {
            if (buffer.length > MAX_KEPT_LENGTH) {
                return;
            }
            Arrays.fill(buffer, '\0');
            super.releaseCharBuffer(index, buffer);
        }

        @Override
        public void releaseByteBuffer(int index, byte[] buffer) {
            if (buffer.length > MAX_KEPT_LENGTH) {
                return;
            }
            Arrays.fill(buffer, (byte) 0);
            super.releaseByteBuffer(index, buffer);
        }
    }
}
