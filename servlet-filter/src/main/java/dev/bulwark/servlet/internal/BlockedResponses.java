package dev.bulwark.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * Sends the body of a blocking response in place of whatever the application had buffered, the
 * same way for the problem document and for configured block responses.
 */
final class BlockedResponses {

    private BlockedResponses() {
    }

    /**
     * Resets the buffer and writes status, the safe ones of the given headers, the content type, the
     * headers that keep the refusal out of caches and content sniffing, and the body. The body goes
     * to the writer when the application already holds it.
     */
    static void send(HttpServletResponse response, int status, Map<String, String> headers, String contentType,
            byte[] body, Charset charset) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        headers.forEach((name, value) -> {
            if (HeaderValues.isSafe(name, value)) {
                response.setHeader(name, value);
            }
        });
        response.setContentType(contentType);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        OutputStream out;
        try {
            out = response.getOutputStream();
        } catch (IllegalStateException writerInUse) {
            response.setCharacterEncoding(charset.name());
            response.getWriter().write(new String(body, charset));
            response.getWriter().flush();
            return;
        }
        out.write(body);
        out.flush();
    }
}
