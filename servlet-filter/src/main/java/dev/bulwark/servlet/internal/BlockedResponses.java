package dev.bulwark.servlet.internal;

import dev.bulwark.core.BlockReply;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the reply to a blocked request, as core's {@link dev.bulwark.core.BlockResponder} chose it,
 * in place of whatever the application had buffered.
 */
public final class BlockedResponses {

    private BlockedResponses() {
    }

    /**
     * Resets the buffer and writes the reply's status, headers, content type and body. Headers earlier
     * filters set stay. The body goes to the writer when the application already holds it.
     *
     * @return {@code false} when the response was already committed and nothing could be written
     * @throws IOException when the client cannot be written to
     */
    public static boolean send(HttpServletResponse response, BlockReply reply) throws IOException {
        if (response.isCommitted()) {
            return false;
        }
        response.resetBuffer();
        response.setStatus(reply.status());
        reply.headers().forEach(response::setHeader);
        response.setContentType(reply.contentType());
        response.setContentLength(reply.body().length);
        OutputStream out;
        try {
            out = response.getOutputStream();
        } catch (IllegalStateException writerInUse) {
            response.setCharacterEncoding(reply.charset().name());
            response.getWriter().write(new String(reply.body(), reply.charset()));
            response.getWriter().flush();
            return true;
        }
        out.write(reply.body());
        out.flush();
        return true;
    }
}
