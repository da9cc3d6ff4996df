package dev.bulwark.core.internal.rfi;

import dev.bulwark.core.Component;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.BestFinding;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Hosts;
import dev.bulwark.core.internal.rules.NameWords;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Text;
import dev.bulwark.core.internal.rules.UrlCursor;

/**
 * Remote and wrapper file inclusion (key {@code RFI}): a parameter that makes the application
 * include, read or execute a file named by a URL.
 *
 * <p>Plain URLs are ordinary parameter values (redirect targets, referrers, share links), so a
 * URL alone is never enough. The rules look for the shapes inclusion needs: a raw IP address as
 * host (no DNS name to register), a trailing {@code ?} or NUL that turns whatever the application
 * appends into a query string, a script or text payload file at the end of the path, FTP (whose
 * files PHP includes as served, so any file there may be the payload), a
 * parameter whose name says it holds a file-system path, a stream wrapper ({@code php://},
 * {@code phar://}, {@code file:}, {@code jar:}, ...), an {@code include(}/{@code require(} call
 * with a URL, or a URL embedded in the request path.
 *
 * @see <a href="https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/11.2-Testing_for_Remote_File_Inclusion">OWASP WSTG: Remote File Inclusion</a>
 * @see <a href="https://cwe.mitre.org/data/definitions/98.html">CWE-98</a>
 */
public final class RemoteFileInclusionDetector extends RuleFamily {

    /** Extensions of files an attacker hosts to be included or run. */
    private static final String[] PAYLOAD_EXTENSIONS = {
        "txt", "sh", "bash", "pl", "py", "rb", "ps1", "bat", "cmd", "vbs", "exe", "elf", "bin", "so", "dll",
        "inc", "jpg.php", "gif.php", "phtml",
    };

    /** Extensions of server-side pages: legitimate link targets, so only a weak signal. */
    private static final String[] SCRIPT_EXTENSIONS = {
        "php", "php3", "php4", "php5", "php7", "phps", "asp", "aspx", "jsp", "jspx", "cgi", "cfm",
    };

    /** Words in a parameter name that say the value is a file-system path or an include target. */
    private static final String[] PATH_NAME_WORDS = {
        "path", "dir", "directory", "folder", "root", "include", "inc", "require", "file", "filename",
        "filepath", "template", "tpl", "lib", "library", "module", "mod", "plugin", "theme", "skin", "lang",
        "language", "conf", "config", "cfg", "load", "abspath", "basedir", "page", "layout",
    };

    /** Words in a parameter name that say the value is meant to be a URL. */
    private static final String[] URL_NAME_WORDS = {
        "url", "uri", "link", "href", "redirect", "redir", "return", "returnto", "next", "continue",
        "callback", "cb", "target", "dest", "destination", "goto", "site", "website", "homepage", "home",
        "domain", "origin", "referer", "referrer", "ref", "src", "source", "image", "img", "avatar", "icon",
        "logo", "photo", "picture", "feed", "rss", "endpoint", "webhook", "hook", "share", "canonical", "location",
    };

    public RemoteFileInclusionDetector() {
        super(RfiRules.KEY, RfiRules.ALL);
    }

    /**
     * Characters without which nothing is found: a URL's colon, a UNC path's backslash, the
     * question mark of a truncation, or an escape that may decode to one of them.
     */
    private static final AsciiSet CANDIDATES = AsciiSet.of(":\\?%");

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        String text = Text.addressReading(target, CANDIDATES);
        if (text == null) {
            return;
        }
        sink = Text.sinkFor(target, text, sink);
        if (text.startsWith("\\\\") && isRemoteUncPath(text)) {
            sink.report(RfiRules.UNC_PATH, 0, text.length());
            return;
        }
        if (!UrlCursor.mayContainUrl(text)) {
            int question = text.indexOf('?');
            if (question > 0 && isBareSchemeQuestion(text, question)) {
                sink.report(RfiRules.QUERY_TRUNCATION, 0, text.length());
            }
            return;
        }
        BestFinding.reportStrongestUrl(text, url -> judge(target, text, url), sink);
    }

    /**
     * The rule this URL matches, or null. Inclusion needs the value to be the URL, so apart from an
     * explicit include call and a URL inside the request path, only a URL that starts the value
     * counts ({@link UrlCursor#startsValue}): a link in a sentence includes nothing.
     */
    private static RuleDefinition judge(ScanTarget target, String text, UrlCursor url) {
        switch (url.kind) {
            case LOCAL_WRAPPER:
            case WEB:
            case FTP:
                break;
            default:
                return null;
        }
        if (precededByInclude(text, url.schemeStart) && (url.kind != UrlCursor.Kind.LOCAL_WRAPPER || isWrapperUse(text, url))) {
            return RfiRules.INCLUDE_CALL;
        }
        if (url.kind == UrlCursor.Kind.LOCAL_WRAPPER) {
            return url.startsValue() && isWrapperUse(text, url) ? RfiRules.WRAPPER_SCHEME : null;
        }
        if (isInPath(target, text, url)) {
            return RfiRules.URL_IN_PATH;
        }
        if (!url.hasHost() || !url.startsValue()) {
            return null;
        }
        if ((url.hostFlags() & Hosts.IP) != 0) {
            return RfiRules.IP_HOST;
        }
        if (endsWithQuestionOrNul(text, url)) {
            return RfiRules.QUERY_TRUNCATION;
        }
        if (url.kind == UrlCursor.Kind.FTP) {
            return RfiRules.FTP_URL;
        }
        int lastSegment = url.lastSegmentStart();
        if (lastSegment >= 0 && endsWithExtension(text, lastSegment, url.pathEnd(), PAYLOAD_EXTENSIONS)) {
            return RfiRules.PAYLOAD_FILE;
        }
        boolean parameter = isParameterValue(target);
        if (parameter && namesPath(target.name())) {
            return RfiRules.PATH_PARAMETER;
        }
        if (lastSegment >= 0 && endsWithExtension(text, lastSegment, url.pathEnd(), SCRIPT_EXTENSIONS)) {
            return RfiRules.SCRIPT_PAGE;
        }
        if (parameter && !namesUrl(target.name())) {
            return RfiRules.OFF_SITE_URL;
        }
        return null;
    }

    /**
     * {@code \\203.0.113.9\share\x.php} or {@code \\files.evil.example@SSL\x}: a UNC path whose
     * host is an address or a dotted name, so outside the Windows domain. {@code \\fileserver\share}
     * on the intranet is not reported.
     */
    private static boolean isRemoteUncPath(String text) {
        int start = 2;
        int i = start;
        boolean dot = false;
        while (i < text.length() && i - start <= Hosts.MAX_HOST) {
            char c = text.charAt(i);
            if (c == '\\' || c == '/' || c == '@') {
                break;
            }
            if (!Ascii.isAlnum(c) && c != '.' && c != '-' && c != '_') {
                return false;
            }
            dot |= c == '.';
            i++;
        }
        return dot && i > start && i < text.length() - 1;
    }

    /** {@code http?}, {@code ftp??}: a scheme name followed only by question marks. */
    private static boolean isBareSchemeQuestion(String text, int question) {
        for (int i = question; i < text.length(); i++) {
            if (text.charAt(i) != '?') {
                return false;
            }
        }
        return Ascii.rangeEquals(text, 0, question, "http") || Ascii.rangeEquals(text, 0, question, "https")
                || Ascii.rangeEquals(text, 0, question, "ftp") || Ascii.rangeEquals(text, 0, question, "ftps")
                || Ascii.rangeEquals(text, 0, question, "file");
    }

    private static boolean isWrapperUse(String text, UrlCursor url) {
        if (Ascii.rangeEquals(text, url.schemeStart, url.schemeEnd, "file")) {
            // file:/etc/passwd, file:///c:/boot.ini, file:\\host\share
            return url.slashes > 0;
        }
        if (Ascii.rangeEquals(text, url.schemeStart, url.schemeEnd, "jar")
                || Ascii.rangeEquals(text, url.schemeStart, url.schemeEnd, "netdoc")) {
            // jar:http://host/a.jar!/x, jar:file:/a.jar!/x, netdoc:///etc/passwd
            int after = url.schemeEnd + 1;
            return url.slashes > 0 || (after < text.length() && Ascii.isLetter(text.charAt(after))
                    && text.indexOf(':', after) > after);
        }
        // Any other scheme counts only with "//": the wrappers (php, phar, zip, data, expect, glob,
        // compress.zlib, ssh2.exec, ...) as much as the rest, since their bare forms are common words.
        return url.slashes >= 2;
    }

    /** Whether an {@code include}/{@code require} call (PHP, SSI) precedes the URL. */
    private static boolean precededByInclude(String text, int schemeStart) {
        int i = schemeStart;
        int skipped = 0;
        while (i > 0 && skipped < 6) {
            char c = text.charAt(i - 1);
            if (c == '(' || c == '"' || c == '\'' || c == ' ' || c == '\t' || c == '=') {
                i--;
                skipped++;
            } else {
                break;
            }
        }
        if (i == schemeStart) {
            return false;
        }
        int wordEnd = i;
        while (i > 0 && (Ascii.isLetter(text.charAt(i - 1)) || text.charAt(i - 1) == '_')) {
            i--;
        }
        return Ascii.rangeEquals(text, i, wordEnd, "include") || Ascii.rangeEquals(text, i, wordEnd, "require")
                || Ascii.rangeEquals(text, i, wordEnd, "include_once")
                || Ascii.rangeEquals(text, i, wordEnd, "require_once")
                || Ascii.rangeEquals(text, i, wordEnd, "virtual");
    }

    private static boolean isInPath(ScanTarget target, String text, UrlCursor url) {
        Source source = target.source();
        if (source != Source.PATH && source != Source.PATH_SEGMENT) {
            return false;
        }
        if (source == Source.PATH_SEGMENT) {
            // the segment "https:" of /get/https://example.com/
            return url.schemeStart == 0 && url.schemeEnd == text.length() - 1;
        }
        return url.schemeStart > 0 && text.charAt(url.schemeStart - 1) == '/' && url.slashes > 0;
    }

    private static boolean endsWithQuestionOrNul(String text, UrlCursor url) {
        int e = url.end;
        if (e < text.length() && (text.charAt(e) == '\0')) {
            return true;
        }
        if (Ascii.matchesAt(text, e - 3, "%00")) {
            return true;
        }
        return e > url.authorityStart && text.charAt(e - 1) == '?';
    }

    private static boolean endsWithExtension(String text, int segmentStart, int segmentEnd, String[] extensions) {
        for (String extension : extensions) {
            int dot = segmentEnd - extension.length() - 1;
            if (dot > segmentStart && text.charAt(dot) == '.' && Ascii.matchesAt(text, dot + 1, extension)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isParameterValue(ScanTarget target) {
        Source source = target.source();
        return target.component() == Component.VALUE
                && (source.isParameter() || source == Source.JSON || source == Source.XML || source == Source.COOKIE);
    }

    private static boolean namesPath(String name) {
        return NameWords.containsWord(Text.lastNameSegment(name), PATH_NAME_WORDS)
                && !NameWords.containsWord(Text.lastNameSegment(name), URL_NAME_WORDS);
    }

    private static boolean namesUrl(String name) {
        return NameWords.containsWord(Text.lastNameSegment(name), URL_NAME_WORDS);
    }
}
