package dev.bulwark.core.internal.misc;

import static dev.bulwark.core.internal.misc.Scans.fileName;
import static dev.bulwark.core.internal.misc.Scans.header;
import static dev.bulwark.core.internal.misc.Scans.json;
import static dev.bulwark.core.internal.misc.Scans.mebibyteOf;
import static dev.bulwark.core.internal.misc.Scans.path;
import static dev.bulwark.core.internal.misc.Scans.pathSegment;
import static dev.bulwark.core.internal.misc.Scans.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.ScanTarget;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathTraversalDetectorTest {

    private final PathTraversalDetector detector = new PathTraversalDetector();

    private List<String> standard(ScanTarget target) {
        return Scans.standard(detector, target);
    }

    @Test
    void detectsChainedDotDotSegments() {
        assertThat(Scans.at(Level.BASIC, detector, query("../../../var/www/config"))).containsExactly("PATH-TRAVERSAL");
    }

    @Test
    void detectsWindowsSeparators() {
        assertThat(standard(query("..\\..\\windows\\temp\\x"))).containsExactly("PATH-TRAVERSAL");
    }

    @Test
    void detectsSingleDotDotAtStartOfValue() {
        assertThat(standard(query("../images/logo.png"))).containsExactly("PATH-TRAVERSAL-SEGMENT");
    }

    @Test
    void detectsSingleDotDotInsideUrlPath() {
        assertThat(standard(query("https://shop.example/a/../b"))).containsExactly("PATH-TRAVERSAL-SEGMENT");
    }

    @Test
    void detectsFilterEvasionWithFourDots() {
        assertThat(standard(query("....//....//secret"))).containsExactly("PATH-TRAVERSAL");
    }

    @Test
    void detectsThreeDotSegmentsUsedOnWindows() {
        assertThat(standard(query(".../.../x"))).containsExactly("PATH-TRAVERSAL");
    }

    @Test
    void detectsThreeDotsCollapsingIntoParentUnderNaiveFiltering() {
        assertThat(standard(query("..././..././etc/hosts"))).isNotEmpty();
    }

    @Test
    void ignoresEllipsisShorteningPathInListing() {
        assertThat(standard(json("/changes", ".../fonts/Roboto-Regular.default.61.ttf | Bin 2204 -> 2008 bytes"))).isEmpty();
    }

    @Test
    void detectsTomcatPathParameterAfterDots() {
        assertThat(standard(query("..;/admin"))).containsExactly("PATH-TRAVERSAL-SEGMENT");
        assertThat(standard(query("..;jsessionid=1/..;/x"))).containsExactly("PATH-TRAVERSAL");
    }

    @Test
    void detectsDotsSeparatedByNulBytes() {
        assertThat(standard(query(".\u0000./x"))).containsExactly("PATH-TRAVERSAL-SEGMENT");
        assertThat(standard(header("X-File", "..%00/..%00/x"))).containsExactly("PATH-TRAVERSAL");
    }

    @Test
    void detectsHexSpelledDotsAndSlashes() {
        assertThat(Scans.at(Level.BASIC, detector, header("X-Path", "0x2e0x2e0x2fsecret"))).containsExactly("PATH-TRAVERSAL");
        assertThat(standard(header("X-Path", "0x5c0x2e./"))).containsExactly("PATH-TRAVERSAL");
    }

    @Test
    void detectsFullWidthLookAlikes() {
        assertThat(standard(query("\uFF0E\uFF0E\uFF0Fx"))).containsExactly("PATH-TRAVERSAL");
        assertThat(standard(query("..\u2215x"))).containsExactly("PATH-TRAVERSAL");
    }

    @Test
    void detectsOverlongSlashInJsonValue() {
        assertThat(standard(json("/file", "/..%c0%af..%c0%afetc/hosts"))).contains("PATH-TRAVERSAL");
    }

    @Test
    void detectsDoubleEncodedDotsInJsonValue() {
        assertThat(standard(json("/file", "%252e%252e%252f%252e%252e%252fsecret"))).contains("PATH-TRAVERSAL");
    }

    @Test
    void detectsEncodingLeftOverAfterDecoding() {
        assertThat(standard(query("%2e%2e%2fsecret"))).containsExactly("PATH-TRAVERSAL");
        assertThat(standard(query("%c0%ae%c0%ae/secret"))).containsExactly("PATH-TRAVERSAL");
    }

    @Test
    void detectsTraversalInUploadedFileName() {
        assertThat(standard(fileName("../shell.jsp"))).containsExactly("PATH-TRAVERSAL-SEGMENT");
    }

    @Test
    void reportsDotDotAfterWhiteSpaceOnlyAtStrict() {
        ScanTarget target = query("see ../notes for details");
        assertThat(standard(target)).isEmpty();
        assertThat(Scans.at(Level.STRICT, detector, target)).containsExactly("PATH-TRAVERSAL-IN-TEXT");
    }

    @Test
    void reportsRelativeLinksInMarkupOnlyAtStrict() {
        ScanTarget html = Scans.form("body", "<img src=\"../../images/a.png\"> and [doc](../../README.md)");
        assertThat(standard(html)).isEmpty();
        assertThat(Scans.at(Level.STRICT, detector, html)).containsExactly("PATH-TRAVERSAL-IN-TEXT");
    }

    @Test
    void detectsChainAfterEqualsSignOfNestedParameter() {
        assertThat(standard(query("next", "/view?file=../../secret"))).containsExactly("PATH-TRAVERSAL");
    }

    @Test
    void detectsPasswdFileAfterTraversal() {
        assertThat(standard(query("../../../../etc/passwd%00.png"))).containsExactly("PATH-TRAVERSAL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "/etc/shadow", "/proc/self/environ", "C:\\boot.ini", "c:/windows/win.ini",
        "/var/www/.git/config", "/home/app/.env", "/root/.ssh/id_rsa", "WEB-INF/web.xml", "/srv/site/.htaccess",
        "file:///etc/hosts", "cat /root/.aws/credentials", "/proc/12/../self/cmdline"})
    void detectsSensitiveFilePaths(String value) {
        assertThat(standard(query(value))).isNotEmpty();
    }

    @Test
    void detectsNumberedProcessDirectory() {
        assertThat(standard(query("/proc/1/environ"))).containsExactly("PATH-SENSITIVE-FILE");
        assertThat(standard(query("/proc/2024"))).isEmpty();
    }

    @Test
    void detectsWebServerLogsUsedForLogPoisoning() {
        assertThat(standard(query("/var/log/apache2/access.log"))).containsExactly("PATH-SENSITIVE-FILE");
    }

    @Test
    void detectsSensitiveFileWithBackupSuffix() {
        assertThat(standard(query("/etc/passwd-"))).containsExactly("PATH-SENSITIVE-FILE");
    }

    @Test
    void detectsUploadedServerConfiguration() {
        assertThat(standard(fileName("web.config"))).containsExactly("PATH-SENSITIVE-FILE");
        assertThat(standard(fileName(".htaccess"))).containsExactly("PATH-SENSITIVE-FILE");
    }

    @Test
    void ignoresSensitiveNamesInProse() {
        assertThat(standard(query("forgot my passwd again"))).isEmpty();
        assertThat(standard(query("I edited the .htaccess file"))).isEmpty();
        assertThat(standard(query("the etc/passwd story"))).isEmpty();
    }

    @Test
    void ignoresLongerNamesThatStartLikeSensitiveOnes() {
        assertThat(standard(query("/srv/.github/workflows"))).isEmpty();
        assertThat(standard(query("/test.environment"))).isEmpty();
        assertThat(standard(query("/etc/passwords-policy.pdf"))).isEmpty();
    }

    @Test
    void detectsHiddenDirectoryInRequestPath() {
        assertThat(standard(path("/.git/HEAD"))).containsExactly("PATH-SENSITIVE-FILE");
        assertThat(standard(path("/.vscode/settings.json"))).containsExactly("PATH-HIDDEN-FILE");
        assertThat(standard(pathSegment(".svnignore"))).containsExactly("PATH-HIDDEN-FILE");
    }

    @Test
    void allowsWellKnownDirectory() {
        assertThat(standard(path("/.well-known/openid-configuration"))).isEmpty();
    }

    @Test
    void detectsBackupFilesInRequestPath() {
        assertThat(standard(path("/backup/site.sql.gz"))).containsExactly("PATH-BACKUP-FILE");
        assertThat(standard(path("/index.php~"))).containsExactly("PATH-BACKUP-FILE");
        assertThat(standard(path("/data/users.db"))).containsExactly("PATH-BACKUP-FILE");
    }

    @Test
    void ignoresOrdinaryStaticAssets() {
        assertThat(standard(path("/assets/jquery.history.min.js"))).isEmpty();
        assertThat(standard(path("/static/app.9f3a1c.css"))).isEmpty();
        assertThat(standard(path("/docs/v1.2.3/index.html"))).isEmpty();
    }

    @Test
    void ignoresBackupExtensionsInParameters() {
        assertThat(standard(query("report.sql"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"wait...", "Well.. okay", "1..10", "v1.2.3", "e.g.. foo", "a...b/c", "report.final.pdf",
        "C:\\Users\\alice\\Documents\\cv.docx", "alice@example.com", "https://example.com/a/b?c=d&e=f", "3.14",
        "2024-01-31", "+1 (555) 010-9999", "550e8400-e29b-41d4-a716-446655440000",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sgn", "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0",
        "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8", "Price: $5 + tax", "..", "./relative/file",
        "my_file_name.txt", "snake_case_value"})
    void ignoresOrdinaryValues(String value) {
        assertThat(standard(query(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"./", "..;", "0x2e%00", "/etc", "....", "../", "\\..\\"})
    void finishesQuicklyOnRepetitiveDots(String unit) {
        ScanTarget target = query(mebibyteOf(unit));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(target));
    }

    @Test
    void finishesQuicklyOnLongRequestPath() {
        ScanTarget target = path(mebibyteOf("/.a~"));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(target));
    }
}
