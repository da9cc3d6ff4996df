package dev.bulwark.core.internal.path;

import static dev.bulwark.core.internal.rules.Scans.fileName;
import static dev.bulwark.core.internal.rules.Scans.header;
import static dev.bulwark.core.internal.rules.Scans.json;
import static dev.bulwark.core.internal.rules.Scans.mebibyteOf;
import static dev.bulwark.core.internal.rules.Scans.path;
import static dev.bulwark.core.internal.rules.Scans.pathSegment;
import static dev.bulwark.core.internal.rules.Scans.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Scans;
import dev.bulwark.core.internal.rules.TextProfile;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathTraversalDetectorTest {

    private final PathTraversalDetector detector = new PathTraversalDetector();

    private List<String> standard(ScanTarget target) {
        return Scans.standard(detector, target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id_rsa.pub", "~/.ssh/id_ed25519-cert.pub", "/etc/ssh/ssh_host_rsa_key.pub", ".env.example",
        "config/.env.dist", ".env.local.template", "wp-config.php.sample"})
    void allowsPublicOrTemplateVariantOfSecretName(String value) {
        assertThat(standard(query(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {".env.example.bak", "id_rsa.pub~", ".env%00.example", ".env;.example", ".env/.example",
        "id_rsa.pub ~/.ssh/id_rsa", "/home/a/.ssh/id_rsa"})
    void detectsSecretNameWhoseLastExtensionIsNotShareable(String value) {
        assertThat(standard(query(value))).contains("PATH-SENSITIVE-FILE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd%00x.pub", "/etc/passwd\u0000x.pub", "/etc/passwd%c0%qfx.pub", "/etc/passwd$IFS.pub",
        "/etc/passwd${IFS}.pub", "id_rsa%00.pub", ".env\u0000.example"})
    void detectsSecretNameCutOffFromShareableSuffix(String value) {
        assertThat(standard(query(value))).contains("PATH-SENSITIVE-FILE");
    }

    @ParameterizedTest
    @ValueSource(strings = {".git/hooks/pre-commit.sample", "WEB-INF/classes/app.properties.template",
        "/app/WEB-INF/web.xml.example", ".git/config.sample", "/etc/nginx/nginx.conf.dist", ".env/x/.env.example"})
    void detectsShareableSuffixBeneathSensitiveDirectory(String value) {
        assertThat(standard(query(value))).contains("PATH-SENSITIVE-FILE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/ssh/ssh_host_rsa_key", "ssh_host_ed25519_key"})
    void detectsPrivateHostKey(String value) {
        assertThat(standard(query(value))).contains("PATH-SENSITIVE-FILE");
    }

    @Test
    void detectsShareableVariantReachedByTraversal() {
        assertThat(standard(query("../../.ssh/id_rsa.pub"))).isNotEmpty();
        assertThat(standard(query("/x/../.env.example"))).isNotEmpty();
    }

    @Test
    void finishesQuicklyOnMebibyteOfShareableVariants() {
        ScanTarget value = json("/v", mebibyteOf("id_rsa.pub/"));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(value));
    }

    @Test
    void finishesQuicklyOnManyDistinctShareableVariantsInARewrittenPath() {
        StringBuilder names = new StringBuilder("x//");
        for (int i = 0; names.length() < (1 << 20); i++) {
            names.append("/id_rsa-").append(i).append(".pub ");
        }
        ScanTarget value = json("/v", names.toString());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(value));
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
    void detectsTraversalInTextAfterProseInAsciiAndOtherText() {
        String ascii = "Ring twice. Call before (it's late); see ../../../var/www/config";
        String latin = "Ring twice, caf\u00e9. see ../../../var/www/config";
        String prose = "Ring twice. Call before. Gift wrap... it's 10.0 kg";
        assertThat(Scans.at(Level.STRICT, detector, json("/body", ascii))).containsExactly("PATH-TRAVERSAL-IN-TEXT");
        assertThat(Scans.at(Level.STRICT, detector, json("/body", latin))).containsExactly("PATH-TRAVERSAL-IN-TEXT");
        assertThat(Scans.at(Level.STRICT, detector, json("/body", prose))).isEmpty();
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
    void allowsScimSearchEndpoint() {
        assertThat(standard(path("/scim/v2/Users/.search"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/index.php.1", "/conf/app.config.2", "/app/settings.yml.12"})
    void detectsNumberedCopiesOfScriptsAndConfiguration(String value) {
        assertThat(standard(path(value))).containsExactly("PATH-BACKUP-FILE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/docs/v1.2", "/releases/app.1.2.3", "/api/v1.0/users", "/files/report.pdf.1"})
    void ignoresVersionNumbersInRequestPath(String value) {
        assertThat(standard(path(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/trace.axd", "/elmah.axd", "/sftp-config.json"})
    void detectsDiagnosticsHandlersAndEditorCredentials(String value) {
        assertThat(standard(path(value))).containsExactly("PATH-SENSITIVE-FILE");
    }

    @Test
    void ignoresSystemFolderNamedInSupportQuestion() {
        assertThat(standard(query("how do I fix c:\\windows\\system32 error 0x80070005"))).isEmpty();
        assertThat(standard(query("c:\\windows\\system32\\drivers\\etc\\hosts"))).containsExactly("PATH-SENSITIVE-FILE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/backup.zip", "/site.tar.gz", "/www.tgz", "/files/db.sql.gz", "/public_html.7z", "/Backup.ZIP"})
    void detectsSiteAndDatabaseArchivesInRequestPath(String value) {
        assertThat(standard(path(value))).containsExactly("PATH-BACKUP-FILE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/downloads/source.zip", "/releases/app-1.2.tar.gz", "/backup-guide.html", "/site.webmanifest",
        "/www/index.html", "/backup/photos.zip"})
    void ignoresOrdinaryArchivesAndPagesInRequestPath(String value) {
        assertThat(standard(path(value))).isEmpty();
    }

    @Test
    void detectsBackupFilesInRequestPath() {
        assertThat(standard(path("/backup/site.sql.gz"))).containsExactly("PATH-BACKUP-FILE");
        assertThat(standard(path("/index.php~"))).containsExactly("PATH-BACKUP-FILE");
        assertThat(standard(path("/data/users.db"))).containsExactly("PATH-BACKUP-FILE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/#index.php#", "/admin/#config.inc.php#"})
    void detectsEditorAutoSaveFilesInRequestPath(String value) {
        assertThat(standard(path(value))).containsExactly("PATH-BACKUP-FILE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/index.php::$DATA", "/Default.aspx:$DATA", "/admin::$INDEX_ALLOCATION/",
        "/secret:$I30:$INDEX_ALLOCATION/x.txt"})
    void detectsNtfsStreamInRequestPath(String value) {
        assertThat(standard(path(value))).containsExactly("PATH-NTFS-STREAM");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/WEB-IN~1/web.xml", "/meta-i~1/MANIFEST.MF", "/GIT~1/config", "/HTACCE~1", "/WEB~1.CON",
        "/BOOT~1.INI", "/WEB-IN~12/web.xml"})
    void detectsShortNameOfSensitiveNameInRequestPath(String value) {
        assertThat(standard(path(value))).containsExactly("PATH-SHORT-NAME");
    }

    @Test
    void detectsShortNameOfSensitiveNameInPathSegment() {
        assertThat(Scans.pathSegment(detector, "WEB-IN~1")).containsExactly("PATH-SHORT-NAME");
    }

    @Test
    void detectsShortNameWithRestrictedExtensionCutToThreeLetters() {
        assertThat(standard(path("/app/SETTIN~1.CON"))).containsExactly("PATH-SHORT-NAME");
    }

    @Test
    void detectsShortNameWithDotKeptInItsSixCharacters() {
        assertThat(standard(path("/.HTACC~1"))).containsExactly("PATH-HIDDEN-FILE");
        assertThat(Scans.pathSegment(detector, ".HTACC~1")).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/*~1*/", "/a*~1*/", "/~1.ASP", "/ab*~1.a*", "/images/*~1*"})
    void detectsShortNameProbesInRequestPath(String value) {
        assertThat(standard(path(value))).containsExactly("PATH-SHORT-NAME-PROBE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/~alice/", "/files/file~1.txt", "/PROGRA~1/readme.txt", "/git/commit/HEAD~1",
        "/pool/main/o/openssl/openssl_3.0.11-1~deb12u2_amd64.deb", "/webinf~1/x", "/web~1.txt", "/r/~1/"})
    void ignoresShortNameShapesOfOrdinaryNamesInRequestPath(String value) {
        assertThat(standard(path(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"passwd~1", "group~1 OR hosts~2", "~/notes~1.txt", "C:\\PROGRA~1\\app\\readme.txt"})
    void ignoresShortNameWithoutPathShapeOrOfOrdinaryNameInQueryValue(String value) {
        assertThat(standard(query(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"C:\\PROGRA~1\\APACHE~1\\Tomcat 9.0\\bin", "C:\\PROGRA~1\\POSTGR~1\\16\\bin\\psql.exe",
        "C:\\PROGRA~1\\WINDOW~1\\MsMpEng.exe", "origin/dev~1", "refs/heads/system~2", "C:\\Users\\me\\SCREEN~1.WEB"})
    void ignoresShortNamesOfFoldersOnlySensitiveInTheirPlaceInQueryValue(String value) {
        assertThat(standard(query(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/repo/commits/dev~1", "/versions/~1.2", "/~2.0/", "/logs/APACHE~1/today"})
    void ignoresVersionSegmentsAndOrdinaryFolderShortNamesInRequestPath(String value) {
        assertThat(standard(path(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/WEB-IN~1./web.xml", "/WEB-IN~1 /web.xml", "/x/WEB~1.CON."})
    void detectsShortNameBeforeTrailingDotOrBlankThatWindowsDrops(String value) {
        assertThat(standard(path(value))).containsExactly("PATH-SHORT-NAME");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ENV~1.LOC", "/app/ENV~1.PRO", "/site/ENV~1.STA"})
    void detectsShortNameOfLongerFileNamedByDotEntry(String value) {
        assertThat(standard(path(value))).containsExactly("PATH-SHORT-NAME");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ENV~1.EXA", "/ENV~1.SAM", "/ENV~1.DIS", "/GITHUB~1/workflows"})
    void ignoresShortNameOfShareableOrUnrelatedDotFile(String value) {
        assertThat(standard(path(value))).isEmpty();
    }

    @Test
    void finishesQuicklyOnMebibyteOfShortNameShapesWithoutDots() {
        String value = "a~1/".repeat((1 << 20) / 4);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(standard(query(value))).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"WEB-IN~1/web.xml", "app/META-I~1/MANIFEST.MF", "C:\\inetpub\\wwwroot\\WEB~1.CON"})
    void detectsShortNameOfSensitiveNameInFilePathOfQueryValue(String value) {
        assertThat(standard(query(value))).containsExactly("PATH-SHORT-NAME");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/wiki/Special:Search", "/v1/projects/p1:batchGet", "/tags/#hashtag", "/odata/Products/$count",
        "/price/USD:$5"})
    void ignoresColonsAndHashesOfOrdinaryRequestPaths(String value) {
        assertThat(standard(path(value))).isEmpty();
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

    // ---- well-known files behind junk, redundant separators ---------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "\uFFFD%qf\uFFFD\uFFFD\uFFFD%qfetc\uFFFD%qfpasswd", // %c0%qf%c0%5e%c0%5e... as the query decoder leaves it
        "\uFFFD.\uFFFD.\uFFFD%qfetc\uFFFD%qfpasswd",        // %c0.%c0.%c0%qf
        "%2e.%5%c%2e.%5%cproc%5%cself%5%cenviron",             // %%35%%63: escapes split in halves
        "..%c1%8s..%c1%8setc%c1%8skubernetes%c1%8sadmin.conf",
        "%bg%qf...%bg%qfhome%bg%qfuser%bg%qf.aws%bg%qfcredentials"})
    void detectsWellKnownFileAfterInvalidEscapes(String value) {
        assertThat(standard(query(value))).containsExactly("PATH-SENSITIVE-FILE");
    }

    @Test
    void detectsWellKnownFileWhoseEscapesDecodeToLettersInJsonAndHeaders() {
        // %c1%af folds to 'o' and %0d to a line break; read undecoded they are junk where a slash should be
        assertThat(standard(json("/file", "..%0d%c1%af..%0d%c1%afroot%c1%af.ssh%c1%afid_rsa"))).containsExactly("PATH-SENSITIVE-FILE");
        assertThat(standard(header("X-File", "%c0.%c0.%%32%%66%c0.%c0.%%32%%66boot.ini"))).containsExactly("PATH-SENSITIVE-FILE");
    }

    @Test
    void ignoresEncodedSpacesBeforeFileNamesInJson() {
        assertThat(standard(json("/note", "edit%20the%20win.ini%20section"))).isEmpty();
    }

    @Test
    void detectsWellKnownFileAfterOverlongUtf8LeftAsReplacementCharacters() {
        assertThat(standard(query("..\uFFFD/..\uFFFD/home\uFFFD/ubuntu\uFFFD/.docker\uFFFD/config.json"))).isNotEmpty();
        assertThat(standard(query("\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDboot.ini"))).containsExactly("PATH-SENSITIVE-FILE");
    }

    @Test
    void detectsWellKnownFileAfterPrivateUseAndLookAlikeSlashes() {
        assertThat(standard(query("\uF025..\uF025var\uF025www\uF025html\uF025.htpasswd"))).isNotEmpty();
        assertThat(standard(query("\u2216etc\u2216shadow"))).containsExactly("PATH-SENSITIVE-FILE");
        assertThat(standard(query("\uEFC8inetpub\uEFC8wwwroot\uEFC8web.config"))).containsExactly("PATH-SENSITIVE-FILE");
    }

    @Test
    void detectsPercentUEscapesLeftInHeaderValues() {
        assertThat(standard(header("X-File", "%uff0e%uff0e%u2216%uff0e%uff0e%u2216secret"))).containsExactly("PATH-TRAVERSAL");
        assertThat(standard(header("X-File", "%u002e%u002e%uff3cwindows%uff3cwin.ini"))).isNotEmpty();
        assertThat(standard(header("X-File", "%ue000etc%ue000shadow"))).containsExactly("PATH-SENSITIVE-FILE");
    }

    @Test
    void detectsWellKnownFileAfterHexTextAndControlBytes() {
        assertThat(standard(query("0x2fwindows0x2frepair0x2fsam"))).containsExactly("PATH-SENSITIVE-FILE");
        assertThat(standard(query("\u0001\u0001etc\u0001group"))).containsExactly("PATH-SENSITIVE-FILE");
    }

    @Test
    void detectsTraversalWithControlByteOrReplacementCharacterBeforeSeparator() {
        assertThat(standard(query("..\u0001/..\u0001/secret.txt"))).containsExactly("PATH-TRAVERSAL");
        assertThat(standard(query("..\uFFFD/..\uFFFD/secret.txt"))).containsExactly("PATH-TRAVERSAL");
        assertThat(standard(query("..\uEFC8..\uEFC8secret.txt"))).containsExactly("PATH-TRAVERSAL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/./passwd", "//etc//shadow", "/proc//self/environ", "/./etc/./shadow", "/etc/.//passwd",
        "\\\\windows\\\\win.ini"})
    void detectsWellKnownFileBehindRedundantSeparators(String value) {
        assertThat(standard(query(value))).containsExactly("PATH-SENSITIVE-FILE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"c:\\boot.ini", "d:/windows/system32/config/sam", "..../WEB-INF/classes/application.properties",
        "C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config", "/.dockerenv", "/var/run/docker.sock",
        "/home/u/.kube/config", "/root/.m2/settings.xml", "/srv/infra/terraform.tfstate", "/etc/krb5.keytab",
        "C:\\Users\\bob\\NTUSER.DAT", "/var/lib/docker/containers/x/config.v2.json"})
    void detectsAbsoluteNamesOfWellKnownFiles(String value) {
        assertThat(standard(query(value))).isNotEmpty();
    }

    /** Names whose table entry is found through a shorter one: {@code .git} covers {@code .git/}. */
    @ParameterizedTest
    @ValueSource(strings = {"/etc/sudoers.d/90-cloud", "/etc/hosts.allow", "/etc/hosts.deny",
        "/var/run/secrets/kubernetes.io/serviceaccount/token", "/var/run/docker.sock", "/var/www/.git/config",
        "/usr/local/tomcat/conf/web.xml", "/opt/tomcat/conf/web.xml", "c:\\windows\\system32\\", "c:\\windows\\win.ini",
        "c:/windows/system.ini", "c:/windows/php.ini", "c:/windows/my.ini", "/home/u/.ssh/", "/root/.aws/",
        "/root/.kube/", "/home/u/.git-credentials", "/srv/app/.git/HEAD", "/opt/jboss/standalone/configuration/x.xml"})
    void detectsNamesCoveredByShorterEntries(String value) {
        assertThat(standard(query(value))).containsExactly("PATH-SENSITIVE-FILE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/WEB-INF./web.xml", "/etc./passwd", "c:\\windows. \\win.ini", "/WEB-INF /web.xml"})
    void detectsWellKnownFileBehindTrailingDotsWindowsDrops(String value) {
        assertThat(standard(query(value))).containsExactly("PATH-SENSITIVE-FILE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/CVS/Root", "/CVS/Repository", "/src/CVS/Entries"})
    void detectsCvsMetadataFiles(String value) {
        assertThat(standard(path(value))).containsExactly("PATH-SENSITIVE-FILE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"I work at CVS. /pharmacy hours", "see etc. /usr/share", "v2. /etc is a folder"})
    void ignoresSentenceEndsBeforeSlashes(String value) {
        assertThat(standard(query(value))).isEmpty();
    }

    @Test
    void pathSkeletonCollapsesJunkAndRedundantSeparators() {
        assertThat(PathTraversalDetector.pathSkeleton("//etc/.//passwd")).isEqualTo("/etc/passwd");
        assertThat(PathTraversalDetector.pathSkeleton("..%c0%qfetc%c0%qfpasswd")).isEqualTo("../etc/passwd");
        assertThat(PathTraversalDetector.pathSkeleton("\uFF0E\uFF0E\u2215x")).isEqualTo("../x");
    }

    @Test
    void pathSkeletonIsTheValueItselfWhenNothingChanges() {
        String value = "docs/report.final.pdf";
        assertThat(PathTraversalDetector.pathSkeleton(value)).isSameAs(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Gr\u00FC\u00DFe aus K\u00F6ln/Stra\u00DFe 1", "\u65E5\u672C\u8A9E\u306E\u30C6\u30AD\u30B9\u30C8",
        "a%20b/c%41d", "caf\u00E9 %26 cr\u00E8me"})
    void pathSkeletonIsTheValueItselfForTextInOtherScriptsAndPrintableEscapes(String value) {
        assertThat(PathTraversalDetector.pathSkeleton(value)).isSameAs(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"O'Brien", "12 Main St., Apt. 4", "50%off today", "100% sure", "**bold** and _italic_ text",
        "See ./docs/intro.md and ../README", "caf\uFFFD menu / etc", "x = a // b", "path: /a//b", "\u2215 is a slash",
        "hex 0x2f0x2e0x41", "Files: config.json, app.properties", "private \uE000 glyph", "tab\tseparated\tvalues"})
    void ignoresOrdinaryValuesWithJunkOrDoubledSlashes(String value) {
        assertThat(standard(query(value))).isEmpty();
    }

    // ---- restricted extensions in the request path ---------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"/config.inc", "/db.cnf", "/x.htr", "/bin/x.dll", "/settings.conf", "/app.CONFIG", "/a/b.ini/",
        "/x.printer", "/global.asa", "/project.csproj"})
    void detectsRestrictedExtensionInRequestPath(String value) {
        assertThat(standard(path(value))).containsExactly("PATH-RESTRICTED-EXTENSION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/server.csr", "/site.ini.", "/db.cnf. ", "/x.config%20"})
    void detectsRestrictedExtensionBeforeTrailingDotsAndBlanks(String value) {
        assertThat(standard(path(value.replace("%20", " ")))).containsExactly("PATH-RESTRICTED-EXTENSION");
    }

    @Test
    void detectsRestrictedExtensionInPathParameter() {
        assertThat(standard(path("/admin.php;.inc"))).containsExactly("PATH-RESTRICTED-EXTENSION");
        assertThat(standard(Scans.pathParameter(".cfg"))).containsExactly("PATH-RESTRICTED-EXTENSION");
    }

    @Test
    void detectsBackupBeforePathParameters() {
        assertThat(standard(path("/site.bak;jsessionid=1"))).containsExactly("PATH-BACKUP-FILE");
    }

    @Test
    void ignoresRestrictedExtensionsOutsideTheLastSegment() {
        assertThat(standard(path("/conf.d/index.html"))).isEmpty();
        assertThat(standard(query("header.inc"))).isEmpty();
        assertThat(standard(pathSegment("x.inc"))).isEmpty();
    }

    @Test
    void usesConfiguredRestrictedExtensions() {
        PathTraversalDetector configured = new PathTraversalDetector(Set.of("tpl"), Set.of());
        assertThat(Scans.standard(configured, path("/views/header.tpl"))).containsExactly("PATH-RESTRICTED-EXTENSION");
        assertThat(Scans.standard(configured, path("/x.inc"))).isEmpty();
    }

    @Test
    void ignoresOrdinaryRequestPaths() {
        assertThat(standard(path("/docs/report.final.pdf"))).isEmpty();
        assertThat(standard(path("/users/anna.obrien"))).isEmpty();
        assertThat(standard(path("/shop/cart;jsessionid=0A1B2C/items"))).isEmpty();
        assertThat(standard(path("/api/v1/config"))).isEmpty();
    }

    // ---- upload file names ----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"shell.aspx", "x.ashx", "x.asmx", "x.cer", "app.war", "x.asa", "x.cshtml", "cgi.pl",
        "shell.aspx;.png", "x.ashx::$DATA", "x.asp%00.jpg", "x.cer.", "x.asp ", "x.config", "shell.cfm", "x.cfml",
        "x.cfc;.png", "functions.inc"})
    void detectsServerScriptUploadNames(String name) {
        assertThat(standard(fileName(name))).containsExactly("PATH-UPLOAD-SCRIPT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"logo.svg", "page.html", "x.xhtml", "movie.swf", "app.hta"})
    void detectsActiveContentUploadNames(String name) {
        assertThat(standard(fileName(name))).containsExactly("PATH-UPLOAD-ACTIVE-CONTENT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run.sh", "x.ps1", "x.bat", "x.CMD", "x.vbs", "x.wsf", "plugin.jar", "deploy.sh;.txt",
        "x.ps1::$DATA", "x.bat.", "install.bash"})
    void detectsHostScriptUploadNames(String name) {
        assertThat(standard(fileName(name))).containsExactly("PATH-UPLOAD-EXECUTABLE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"setup.exe", "shell-scripting.pdf", "batch.csv", "run.sh.txt", "jar-of-honey.jpg", "cmd.png"})
    void allowsProgramsAndNamesThatOnlyMentionScripts(String name) {
        assertThat(standard(fileName(name))).isEmpty();
    }

    @Test
    void usesConfiguredUploadExecutableExtensions() {
        PathTraversalDetector configured = new PathTraversalDetector(Set.of(), Set.of("exe"));
        assertThat(Scans.standard(configured, fileName("setup.exe"))).containsExactly("PATH-UPLOAD-EXECUTABLE");
        assertThat(Scans.standard(configured, fileName("run.sh"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"c:\\inetpub\\wwwroot\\x.txt", "/var/www/html/x.txt", "\\\\host\\share\\x.txt", "D:/site/x.png"})
    void detectsAbsolutePathsInUploadNames(String name) {
        assertThat(standard(fileName(name))).containsExactly("PATH-UPLOAD-PATH");
    }

    @Test
    void allowsTheFakePathBrowsersGiveScripts() {
        assertThat(standard(header("X-File-Name", "C:\\fakepath\\photo.jpg"))).isEmpty();
        assertThat(standard(fileName("C:\\fakepath\\..\\x.txt"))).isNotEmpty();
    }

    @Test
    void detectsScriptNameInFileNameHeader() {
        assertThat(standard(header("X-File-Name", "handler.ashx"))).containsExactly("PATH-UPLOAD-SCRIPT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"report.final.pdf", "invoice.pl.pdf", "O'Brien CV.docx", "photo.jpg", "data.csv", "notes.txt",
        "archive.tar.gz", "my.aspx.notes.txt", "slides.pptx"})
    void ignoresOrdinaryUploadNames(String name) {
        assertThat(standard(fileName(name))).isEmpty();
    }

    @Test
    void ignoresScriptExtensionsInOrdinaryParameters() {
        assertThat(standard(query("page", "default.aspx"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"./", "..;", "0x2e%00", "/etc", "....", "../", "\\..\\"})
    void finishesQuicklyOnRepetitiveDots(String unit) {
        ScanTarget target = query(mebibyteOf(unit));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%c0%qf", "\uFFFD.", "/./", "%2%e", "0x2f", "\u0001/", "\uEFC8.", "//etc"})
    void finishesQuicklyOnRepetitiveJunk(String unit) {
        ScanTarget target = query(mebibyteOf(unit));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b;", ";.x", "x.inc;", ";a", ";"})
    void finishesQuicklyOnLongPathWithParameters(String unit) {
        ScanTarget target = path("/" + mebibyteOf(unit));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {".aspx;", ".", "a.b", ":"})
    void finishesQuicklyOnLongUploadName(String unit) {
        ScanTarget target = fileName(mebibyteOf(unit));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(target));
    }

    @Test
    void finishesQuicklyOnLongRequestPath() {
        ScanTarget target = path(mebibyteOf("/.a~"));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "a.b", "/etc", "a\\b", "a//b", "a/./b", "%2e%2e", "0x2e", "0X2F", "a\u0001b", "a\ufffdb",
        "\u2215etc", "caf\u00e9", "..", "x.", "it's broken. Call: +41 (it's)", "id_rsa", "~root", "0 x", "0 and X"})
    void mayNeedSkeletonIsFalseOnlyWherePathSkeletonKeepsTheValue(String value) {
        if (!PathTraversalDetector.mayNeedSkeleton(value, TextProfile.of(value))) {
            assertThat(PathTraversalDetector.pathSkeleton(value)).isSameAs(value);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "a/b", "a\\b", "a%2fb", "0x2f", "a\u0001b", "\u2215etc"})
    void mayNeedSkeletonIsTrueForEachCharacterThatTheSkeletonReads(String value) {
        assertThat(PathTraversalDetector.mayNeedSkeleton(value, TextProfile.of(value))).isTrue();
    }

    @Test
    void mayNeedSkeletonIsFalseForProse() {
        String prose = "Second floor, ring twice; the bell's broken. Call before delivery: +41 44 123 45 67";
        assertThat(PathTraversalDetector.mayNeedSkeleton(prose, TextProfile.of(prose))).isFalse();
    }
}
