package dev.bulwark.core.internal;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.nio.charset.StandardCharsets;

/** Reads what Jackson's buffers kept for the current thread hold, to show that no request data stays there. */
public final class JacksonBuffers {

    private static final int CHAR_BUFFERS = 4;
    private static final int BYTE_BUFFERS = 4;

    private JacksonBuffers() {
    }

    /** What the buffers kept for this thread hold, by Jackson's default pool and by ours. */
    public static String ofThisThread() {
        StringBuilder held = new StringBuilder();
        for (BufferRecycler recycler : new BufferRecycler[] {
                JsonRecyclerPools.threadLocalPool().acquirePooled(), ClearingBufferPool.INSTANCE.acquirePooled()}) {
            for (int i = 0; i < CHAR_BUFFERS; i++) {
                char[] buffer = recycler.allocCharBuffer(i);
                held.append(buffer).append('\n');
                recycler.releaseCharBuffer(i, buffer);
            }
            for (int i = 0; i < BYTE_BUFFERS; i++) {
                byte[] buffer = recycler.allocByteBuffer(i);
                held.append(new String(buffer, StandardCharsets.ISO_8859_1)).append('\n');
                recycler.releaseByteBuffer(i, buffer);
            }
        }
        return held.toString();
    }
}
