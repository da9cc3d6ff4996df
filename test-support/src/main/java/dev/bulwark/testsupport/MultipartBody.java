package dev.bulwark.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Multipart request bodies built byte by byte, for tests on any container. */
public final class MultipartBody {

    private MultipartBody() {
    }

    /** A body of one part with {@code disposition} and, unless {@code null}, {@code contentType}. */
    public static byte[] onePart(String boundary, String disposition, String contentType, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
