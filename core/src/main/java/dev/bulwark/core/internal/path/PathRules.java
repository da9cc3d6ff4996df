package dev.bulwark.core.internal.path;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/**
 * The rules of the path traversal family (key {@code PATH}), in the order
 * {@link PathTraversalDetector} collects them.
 */
final class PathRules {

    static final String KEY = "PATH";
    private static final String REFERENCE = "https://owasp.org/www-community/attacks/Path_Traversal";

    static final RuleDefinition TRAVERSAL = rule("PATH-TRAVERSAL", Level.BASIC,
            "chained ../../ segments starting the value or a path, or a ../ spelled with encoded or look-alike characters",
            REFERENCE);
    static final RuleDefinition TRAVERSAL_SEGMENT = rule("PATH-TRAVERSAL-SEGMENT", Level.STANDARD,
            "a ../ segment at the start of the value or after a separator", REFERENCE);
    static final RuleDefinition TRAVERSAL_IN_TEXT = rule("PATH-TRAVERSAL-IN-TEXT", Level.STRICT,
            "../ segments after white space, a quote or markup (relative links in text and code)", REFERENCE);
    static final RuleDefinition SENSITIVE_FILE = rule("PATH-SENSITIVE-FILE", Level.STANDARD,
            "path to a well-known sensitive file (system accounts, keys, configuration, VCS)",
            cwe(538));
    static final RuleDefinition HIDDEN_FILE = rule("PATH-HIDDEN-FILE", Level.STANDARD,
            "request path naming a hidden file or directory (dot segment other than .well-known and SCIM's .search)",
            cwe(538));
    static final RuleDefinition BACKUP_FILE = rule("PATH-BACKUP-FILE", Level.STANDARD,
            "request path naming a backup, dump, database or log file, a numbered copy (index.php.1), an editor's"
                    + " auto-save (index.php~, #index.php#) or a site or database archive (backup.zip, www.tar.gz)",
            cwe(530));
    static final RuleDefinition NTFS_STREAM = rule("PATH-NTFS-STREAM", Level.STANDARD,
            "request path naming an NTFS data stream (index.php::$DATA, admin:$I30:$INDEX_ALLOCATION): IIS serves"
                    + " a script's source or passes a folder's access check",
            cwe(69));
    static final RuleDefinition SHORT_NAME = rule("PATH-SHORT-NAME", Level.STANDARD,
            "request path segment, or a name beside a separator in a value, that is a Windows 8.3 short name"
                    + " (WEB-IN~1, HTACCE~1, GIT~1, WEB~1.CON) of a sensitive file or directory, or whose extension is"
                    + " a restricted extension cut to three letters: NTFS serves the long name under it",
            cwe(58));
    static final RuleDefinition SHORT_NAME_PROBE = rule("PATH-SHORT-NAME-PROBE", Level.STANDARD,
            "request path segment that probes for 8.3 short names: a * or ? wildcard beside ~1 (/*~1*/.aspx, /a*~1*/),"
                    + " or a short name without a name (~1.ASP); the IIS short-name scanners' requests",
            cwe(200));

    static final RuleDefinition RESTRICTED_EXTENSION = rule("PATH-RESTRICTED-EXTENSION", Level.STANDARD,
            "request path (last segment or a path parameter) ending in a restricted extension "
                    + "(deny-rules.restricted-extensions: includes, configuration, backups, databases, keys)",
            cwe(538));
    static final RuleDefinition UPLOAD_SCRIPT = rule("PATH-UPLOAD-SCRIPT", Level.STANDARD,
            "upload file name with a server-side script or archive extension (.aspx, .ashx, .asa, .cer, .war, "
                    + ".cgi, .cfm, .inc, .htaccess; PHP and JSP have their own rules), also before ;, ::$DATA, a NUL or trailing dots",
            cwe(434));
    static final RuleDefinition UPLOAD_ACTIVE_CONTENT = rule("PATH-UPLOAD-ACTIVE-CONTENT", Level.STANDARD,
            "upload file name of content a browser runs when served from the site (.svg, .html, .xhtml, .swf, .hta)",
            cwe(434));
    static final RuleDefinition UPLOAD_EXECUTABLE = rule("PATH-UPLOAD-EXECUTABLE", Level.STANDARD,
            "upload file name of a script a host runs though no web server does (.sh, .ps1, .bat, .cmd, .vbs, .wsf, "
                    + ".jar; deny-rules.upload-executable-extensions), planted for a later command or job",
            cwe(434));
    static final RuleDefinition UPLOAD_PATH = rule("PATH-UPLOAD-PATH", Level.STANDARD,
            "upload file name holding an absolute path (C:\\, /, \\\\host) instead of a base name",
            cwe(73));

    static final List<RuleDefinition> ALL = List.of(TRAVERSAL, TRAVERSAL_SEGMENT, TRAVERSAL_IN_TEXT,
            SENSITIVE_FILE, HIDDEN_FILE, BACKUP_FILE, NTFS_STREAM, SHORT_NAME, SHORT_NAME_PROBE, RESTRICTED_EXTENSION,
            UPLOAD_SCRIPT, UPLOAD_ACTIVE_CONTENT, UPLOAD_EXECUTABLE, UPLOAD_PATH);

    private PathRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
