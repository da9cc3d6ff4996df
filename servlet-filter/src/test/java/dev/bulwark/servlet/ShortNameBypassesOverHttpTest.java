package dev.bulwark.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testsupport.RawHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Windows 8.3 short names in the request path, through the real filter over real HTTP: a short name
 * of a sensitive directory or file ({@code /WEB-IN~1/web.xml}, which NTFS resolves to
 * {@code WEB-INF/web.xml}) and a short-name scanner's wildcard probe are refused with a bare problem
 * document before the application and logged with the rule that fired, as is such a short name in a
 * file path sent as a value, while paths that only look like short names reach the application.
 */
class ShortNameBypassesOverHttpTest extends FilterContainerTest {

    @ParameterizedTest
    @ValueSource(strings = {"/WEB-IN~1/web.xml", "/app/META-I~1/MANIFEST.MF", "/GIT~1/config", "/HTACCE~1",
        "/WEB~1.CON"})
    void blocksShortNameOfSensitiveNameInRequestPath(String target) {
        int before = servlet.calls.get();

        RawHttp.Response response = rawGet(target);

        assertThat(servlet.calls.get()).isEqualTo(before);
        assertThat(assertBlockedAndLogged(response, "PATH", "WEB-INF").get("rule.id").asText())
                .isEqualTo("PATH-SHORT-NAME");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a*~1*/", "/%2A~1%2A/", "/~1.ASP", "/images/ab*~1.a%3F%3F"})
    void blocksShortNameProbeInRequestPath(String target) {
        RawHttp.Response response = rawGet(target);

        assertThat(assertBlockedAndLogged(response, "PATH").get("rule.id").asText())
                .isEqualTo("PATH-SHORT-NAME-PROBE");
    }

    @Test
    void blocksShortNameOfSensitiveDirectoryInFilePathOfFormValue() {
        int before = servlet.calls.get();

        HttpResponse<String> response = postForm("/files", form("name", "WEB-IN~1/web.xml"));

        assertThat(servlet.calls.get()).isEqualTo(before);
        assertThat(assertBlockedAndLogged(response, "PATH").get("rule.id").asText()).isEqualTo("PATH-SHORT-NAME");
    }

    @Test
    void passesPathsShapedLikeShortNamesOfOrdinaryNames() {
        assertThat(get("/~alice/files/file~1.txt").statusCode()).isEqualTo(200);
        assertThat(get("/pool/main/o/openssl/openssl_3.0.11-1~deb12u2_amd64.deb").statusCode()).isEqualTo(200);
        assertThat(get("/share/PROGRA~1/readme.txt").statusCode()).isEqualTo(200);
    }
}
