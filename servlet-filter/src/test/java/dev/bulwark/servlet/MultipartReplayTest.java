package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.BulwarkConfig;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/** An application that reads a multipart body with {@code getParts()} gets every part, byte for byte. */
class MultipartReplayTest extends FilterContainerTest {

    /** Binary bodies and files are what these tests replay, so every path declares them. */
    @Override
    BulwarkConfig config() {
        return binaryBodiesEverywhere();
    }

    private static final String BOUNDARY = "----bulwark7MA4YWxkTrZu0gW";

    /** Lists the parts the application sees. */
    private static final class PartsServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            ObjectNode seen = JSON.createObjectNode();
            seen.put("comment", request.getParameter("comment"));
            ArrayNode parts = seen.putArray("parts");
            try {
                for (Part part : request.getParts()) {
                    ObjectNode entry = parts.addObject();
                    entry.put("name", part.getName());
                    entry.put("fileName", part.getSubmittedFileName());
                    entry.put("contentType", part.getContentType());
                    entry.put("size", part.getSize());
                    entry.put("sha256", RecordingServlet.sha256(part.getInputStream().readAllBytes()));
                }
            } catch (jakarta.servlet.ServletException e) {
                seen.put("error", e.getMessage());
            }
            response.setContentType("application/json");
            response.getWriter().write(seen.toString());
        }
    }

    @Override
    void customize(ServletContextHandler context) {
        ServletHolder holder = new ServletHolder(new PartsServlet());
        context.addServlet(holder, "/parts/*");
    }

    private static byte[] multipart(byte[] file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nquarterly report\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"report.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(file);
        out.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] allByteValues() {
        byte[] bytes = new byte[512];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Test
    void replaysEveryPartByteForByte() throws IOException {
        byte[] file = allByteValues();

        HttpResponse<String> response = post("/parts/upload", "multipart/form-data; boundary=" + BOUNDARY, multipart(file));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode seen = json(response.body());
        assertThat(seen.has("error")).isFalse();
        assertThat(seen.get("parts")).hasSize(2);
        JsonNode filePart = seen.get("parts").get(1);
        assertThat(filePart.get("fileName").asText()).isEqualTo("report.bin");
        assertThat(filePart.get("contentType").asText()).isEqualTo("application/octet-stream");
        assertThat(filePart.get("size").asInt()).isEqualTo(file.length);
        assertThat(filePart.get("sha256").asText()).isEqualTo(RecordingServlet.sha256(file));
    }

    @Test
    void exposesTextFieldsAsParameters() throws IOException {
        HttpResponse<String> response = post("/parts/upload", "multipart/form-data; boundary=" + BOUNDARY,
                multipart(new byte[] {1, 2, 3}));

        assertThat(json(response.body()).get("comment").asText()).isEqualTo("quarterly report");
    }
}
