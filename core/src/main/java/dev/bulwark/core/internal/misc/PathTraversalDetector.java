package dev.bulwark.core.internal.misc;

import dev.bulwark.core.Level;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Detector;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.ScanTarget;
import java.util.List;

/**
 * Path traversal and access to sensitive files (key {@code PATH}).
 *
 * <p>A traversal is a {@code ..} segment: two or more dots that start the value or follow a
 * separator, and end at a separator. The lexer reads dots and separators in every spelling that
 * survives URL decoding or that file APIs accept: {@code 0x2e}, a left-over {@code %2e} or
 * {@code %c0%ae}, full-width {@code ．／＼}, the one-dot leader, division slashes; it skips NUL
 * bytes ({@code ..%00/}) and Tomcat path parameters ({@code ..;/}), and counts filter-evasion runs
 * ({@code ....//}). Dots in prose ({@code wait...}, {@code e.g..}) are not segments.
 *
 * <p>Sensitive files come from a data table of well-known paths and names ({@code etc/passwd},
 * {@code proc/self/}, {@code boot.ini}, {@code .git/}, {@code id_rsa}, {@code WEB-INF/}, ...). An
 * entry counts only in path shape: at the start of the value or right after a separator, and, for
 * complete names, followed by something that cannot continue the name. "passwd" in prose is not a
 * path. For the request path itself two more rules apply: hidden files and directories (a segment
 * starting with a dot, other than {@code .well-known}) and backup, dump and log files.
 *
 * @see <a href="https://owasp.org/www-community/attacks/Path_Traversal">OWASP: Path Traversal</a>
 * @see <a href="https://cwe.mitre.org/data/definitions/22.html">CWE-22</a>
 */
public final class PathTraversalDetector implements Detector {

    public static final String KEY = "PATH";
    private static final String REFERENCE = "https://owasp.org/www-community/attacks/Path_Traversal";

    public static final RuleDefinition TRAVERSAL = rule("PATH-TRAVERSAL", Level.BASIC,
            "chained ../../ segments starting the value or a path, or a ../ spelled with encoded or look-alike characters",
            REFERENCE);
    public static final RuleDefinition TRAVERSAL_SEGMENT = rule("PATH-TRAVERSAL-SEGMENT", Level.STANDARD,
            "a ../ segment at the start of the value or after a separator", REFERENCE);
    public static final RuleDefinition TRAVERSAL_IN_TEXT = rule("PATH-TRAVERSAL-IN-TEXT", Level.STRICT,
            "../ segments after white space, a quote or markup (relative links in text and code)", REFERENCE);
    public static final RuleDefinition SENSITIVE_FILE = rule("PATH-SENSITIVE-FILE", Level.STANDARD,
            "path to a well-known sensitive file (system accounts, keys, configuration, VCS)",
            "https://cwe.mitre.org/data/definitions/538.html");
    public static final RuleDefinition HIDDEN_FILE = rule("PATH-HIDDEN-FILE", Level.STANDARD,
            "request path naming a hidden file or directory (dot segment other than .well-known)",
            "https://cwe.mitre.org/data/definitions/538.html");
    public static final RuleDefinition BACKUP_FILE = rule("PATH-BACKUP-FILE", Level.STANDARD,
            "request path naming a backup, dump, database or log file",
            "https://cwe.mitre.org/data/definitions/530.html");

    private static final List<RuleDefinition> RULES = List.of(TRAVERSAL, TRAVERSAL_SEGMENT, TRAVERSAL_IN_TEXT,
            SENSITIVE_FILE, HIDDEN_FILE, BACKUP_FILE);

    /** How far a Tomcat path parameter ({@code ..;jsessionid=x/}) may run before its separator. */
    private static final int MAX_PATH_PARAMETER = 64;

    /**
     * Sensitive paths, lower case, {@code /} standing for either separator. An entry ending in
     * {@code /} is a directory: anything below it counts. Other entries are complete names.
     */
    private static final String[] SENSITIVE = {
        // Unix accounts, system configuration and kernel interfaces
        "etc/passwd", "etc/shadow", "etc/group", "etc/gshadow", "etc/master.passwd", "etc/security/",
        "etc/sudoers", "etc/crontab", "etc/fstab", "etc/mtab", "etc/hosts", "etc/hostname", "etc/issue",
        "etc/motd", "etc/resolv.conf", "etc/subuid", "etc/subgid", "etc/environment", "etc/profile",
        "etc/bashrc", "etc/shells", "etc/os-release", "etc/lsb-release", "etc/redhat-release",
        "etc/debian_version", "etc/inittab", "etc/exports", "etc/aliases", "etc/ssh/", "etc/ssl/private",
        "etc/pki/", "etc/letsencrypt/", "etc/apache2/", "etc/httpd/", "etc/nginx/", "etc/mysql/",
        "etc/php/", "etc/pam.d/", "etc/sysconfig/", "etc/network/", "etc/kubernetes/", "etc/docker/",
        "etc/systemd/", "etc/init.d/", "etc/cron.d/", "etc/openvpn/", "etc/wireguard/", "etc/vsftpd",
        "etc/samba/", "etc/postfix/", "etc/tomcat", "etc/redis", "etc/ld.so.preload",
        "proc/self/", "proc/thread-self/", "proc/version", "proc/cpuinfo", "proc/meminfo", "proc/mounts",
        "proc/net/", "proc/sys/", "proc/interrupts", "proc/cmdline", "proc/kcore", "proc/sched_debug",
        "proc/partitions", "proc/modules", "proc/stat", "proc/loadavg", "proc/devices", "proc/filesystems",
        "proc/swaps", "proc/config.gz", "proc/kallsyms", "sys/class", "sys/kernel/",
        "sys/devices/", "sys/firmware/", "sys/module/", "dev/tcp/", "dev/udp/", "var/run/secrets/",
        "run/secrets/", "var/lib/mysql/", "var/mail/", "var/spool/cron", "var/log/apache/", "var/log/apache2/",
        "var/log/httpd/", "var/log/nginx/", "var/log/auth.log", "var/log/secure", "var/log/syslog", "var/log/messages",
        // Windows
        "boot.ini", "win.ini", "system.ini", "windows/system32/", "windows/syswow64/", "windows/repair/",
        "windows/panther/", "winnt/", "system32/config/", "autoexec.bat", "inetpub/logs/",
        // keys, credentials and shell histories
        ".ssh/", ".aws/", ".azure/", ".docker/", ".kube/", ".gnupg/", ".config/gcloud/", "id_rsa", "id_dsa",
        "id_ecdsa", "id_ed25519", "authorized_keys", "known_hosts", ".netrc", ".npmrc", ".pypirc", ".pgpass",
        ".my.cnf", ".boto", ".s3cfg", ".dockercfg", ".vault-token", ".git-credentials", ".gitconfig",
        ".bash_history", ".zsh_history", ".sh_history", ".history", ".mysql_history", ".psql_history",
        ".python_history", ".viminfo", ".bashrc", ".profile", ".bash_profile", "privkey.pem",
        // version control and deployment
        ".git/", ".git", ".svn/", ".hg/", ".bzr/", "cvs/entries", ".ds_store", ".env", ".htaccess",
        ".htpasswd", ".htdigest", ".user.ini",
        // application and server configuration
        "web-inf/", "meta-inf/", "web.config", "wp-config.php", "configuration.php", "config.inc.php",
        "localsettings.php", "sites/default/settings.php", "app/etc/env.php", "app/etc/local.xml",
        "httpd.conf", "apache2.conf", "nginx.conf", "php.ini", "my.cnf", "my.ini", "tomcat-users.xml",
        "wp-content/debug.log", "@fs/",
    };

    private static final PathTrie SENSITIVE_PATHS = new PathTrie(SENSITIVE);

    /** Extensions of files that hold data, not pages: backups, dumps, databases, logs. */
    private static final String[] BACKUP_EXTENSIONS = {
        "sql", "bak", "backup", "bck", "bkp", "old", "orig", "save", "sav", "swp", "swo", "log", "sqlite",
        "sqlite3", "db", "mdb", "accdb", "dump", "rdb", "dmp", "env", "tmp", "temp", "kdbx", "jks", "keystore",
        "pfx", "p12",
    };

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public List<RuleDefinition> rules() {
        return RULES;
    }

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        if (!target.profile().hasNonAscii() && !target.profile().hasAny(TRAIT_CHARS)
                && !(target.profile().has('0') && target.profile().hasAny(HEX_MARKS))) {
            // No character that gives the value a trait (see traits), so nothing to scan.
            return;
        }
        String text = Text.decodedText(target);
        if (text.length() < 2) {
            return;
        }
        sink = Text.sinkFor(target, text, sink);
        int traits = traits(text);
        if (traits == 0) {
            return;
        }
        BestFinding weak = new BestFinding();
        if ((traits & MAY_TRAVERSE) != 0 && scanTraversal(text, sink, weak)) {
            return;
        }
        if (scanSensitive(text, sink)) {
            return;
        }
        Source source = target.source();
        if ((source == Source.PATH || source == Source.PATH_SEGMENT) && scanRequestPath(text, sink)) {
            return;
        }
        weak.reportTo(sink);
    }

    /** A dot in some spelling: a traversal is possible. */
    private static final int MAY_TRAVERSE = 1;
    /** A separator, underscore or similar: a sensitive path or request-path rule is possible. */
    private static final int MAY_NAME_FILE = 2;

    /**
     * Every rule needs a dot, a separator, an underscore ({@code id_rsa}), {@code ~}, a NUL, an
     * escape ({@code %2e}, {@code 0x2e}) or a non-ASCII look-alike; most values have none.
     */
    /** ASCII characters that give a value a trait, besides the {@code 0x} prefix. */
    private static final AsciiSet TRAIT_CHARS = AsciiSet.of(".%/\\_~\0");
    private static final AsciiSet HEX_MARKS = AsciiSet.of("xX");

    private static int traits(String text) {
        int traits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '%' || c > 0x2000
                    || (c == '0' && i + 1 < text.length() && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X'))) {
                return MAY_TRAVERSE | MAY_NAME_FILE;
            } else if (c == '/' || c == '\\' || c == '_' || c == '~' || c == '\0') {
                traits |= MAY_NAME_FILE;
            }
        }
        return traits;
    }

    // ---- traversal -------------------------------------------------------------------------

    /** ASCII characters that can start a spelling of a dot or a separator. */
    private static final boolean[] SPELLING_STARTS = new boolean[0x80];

    static {
        for (char c : ".0/\\%\0".toCharArray()) {
            SPELLING_STARTS[c] = true;
        }
    }

    private static final int NONE = 0;
    private static final int PLAIN = 1;
    private static final int OBFUSCATED = 2;

    /**
     * Finds {@code ..} segments in one pass. Returns whether it reported.
     */
    private static boolean scanTraversal(String text, DetectionSink sink, BestFinding weak) {
        int length = text.length();
        int separatorEnd = -1;
        int strongRuns = 0;
        int firstStart = -1;
        int firstStrength = 0;
        // the current run of chained segments ("../../"): where it starts and how it is bounded
        int runStart = -1;
        int runStrength = 0;
        int lastEnd = -1;
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c < 0x80 && !SPELLING_STARTS[c]) {
                // letters, digits and other punctuation take part in no spelling of a dot or separator
                i++;
                continue;
            }
            int sep = separatorAt(text, i);
            if (sep != NONE) {
                i += sepLength(text, i, sep);
                separatorEnd = i;
                continue;
            }
            int transparent = transparentAt(text, i);
            if (transparent > 0) {
                if (separatorEnd == i) {
                    separatorEnd = i + transparent;
                }
                i += transparent;
                continue;
            }
            if (dotAt(text, i) == NONE) {
                i++;
                continue;
            }
            // a run of dots in any spelling, NULs between them skipped
            int dotsStart = i;
            int dots = 0;
            boolean obfuscated = false;
            int j = i;
            while (j < length) {
                int dot = dotAt(text, j);
                if (dot != NONE) {
                    dots += dotCount(text, j);
                    obfuscated |= dot == OBFUSCATED;
                    j += dotLength(text, j);
                    continue;
                }
                int skip = transparentAt(text, j);
                if (skip == 0) {
                    break;
                }
                j += skip;
            }
            boolean chained = dotsStart == lastEnd;
            if (!chained && isEllipsis(text, dotsStart, j, dots, obfuscated)) {
                i = j;
                continue;
            }
            int strength = chained ? runStrength : boundaryStrength(text, dotsStart, separatorEnd);
            int end = dots >= 2 && strength > 0 ? segmentEnd(text, j) : -1;
            if (end < 0) {
                i = j;
                continue;
            }
            // the separator's last character is '/' or '\\' only in its plain spelling
            obfuscated |= !isPlainSeparator(text.charAt(end - 1));
            if (!chained) {
                runStart = dotsStart;
                runStrength = strength;
                if (strength == 2) {
                    strongRuns++;
                }
            }
            if (firstStart < 0 || (firstStrength < 2 && strength == 2)) {
                firstStart = runStart;
                firstStrength = strength;
            }
            if (obfuscated || (runStrength == 2 && chained) || strongRuns >= 2) {
                int from = Math.min(firstStart, runStart);
                sink.report(TRAVERSAL, from, end - from);
                return true;
            }
            lastEnd = end;
            separatorEnd = end;
            i = end;
        }
        if (firstStart < 0) {
            return false;
        }
        int evidence = Math.max(1, lastEnd - firstStart);
        if (firstStrength == 2) {
            sink.report(TRAVERSAL_SEGMENT, firstStart, evidence);
            return true;
        }
        // only after white space, quotes or markup: a relative link in text, unless more follows
        weak.offer(TRAVERSAL_IN_TEXT, firstStart, evidence);
        return false;
    }

    /**
     * {@code .../fonts/a.ttf}: three plain dots that shorten a path in a listing or a log line, with a
     * name after them. No file system reads three dots as a parent; {@code .../.../} and
     * {@code ..././}, which collapse into {@code ../} under naive filtering, stay traversals.
     */
    private static boolean isEllipsis(String text, int dotsStart, int dotsEnd, int dots, boolean obfuscated) {
        if (obfuscated || dots != 3 || dotsEnd - dotsStart != 3 || dotsEnd + 1 >= text.length()
                || !isPlainSeparator(text.charAt(dotsEnd))) {
            return false;
        }
        char next = text.charAt(dotsEnd + 1);
        return Character.isLetterOrDigit(next) || next == '_' || next == '-';
    }

    /**
     * Where the {@code ..} segment whose dots end at {@code j} ends: after its separator, skipping a
     * Tomcat path parameter ({@code ..;/}, {@code ..;x=y/}) and NULs. -1 when no separator follows.
     */
    private static int segmentEnd(String text, int j) {
        int length = text.length();
        int k = j;
        if (k < length && text.charAt(k) == ';') {
            int limit = Math.min(length, k + MAX_PATH_PARAMETER);
            int m = k + 1;
            while (m < limit && separatorAt(text, m) == NONE && !Text.isSpace(text.charAt(m))) {
                m++;
            }
            if (m < limit) {
                k = m;
            }
        }
        while (k < length && transparentAt(text, k) > 0) {
            k += transparentAt(text, k);
        }
        if (k >= length) {
            return -1;
        }
        int sep = separatorAt(text, k);
        return sep == NONE ? -1 : k + sepLength(text, k, sep);
    }

    private static boolean isPlainSeparator(char c) {
        return c == '/' || c == '\\';
    }

    /**
     * 2 when the dot run starts the value or follows a separator or {@code =}; 1 after white space,
     * quotes, brackets or other punctuation; 0 inside a word ("wait...", "v1..2").
     */
    private static int boundaryStrength(String text, int runStart, int separatorEnd) {
        if (runStart == 0 || runStart == separatorEnd) {
            return 2;
        }
        char before = text.charAt(runStart - 1);
        if (before == '=') {
            return 2;
        }
        if (Text.isSpace(before) || before == '"' || before == '\'' || before == '(' || before == '['
                || before == '{' || before == ',' || before == ':' || before == '>' || before == '|'
                || before == '`' || before == '&' || before == '<') {
            return 1;
        }
        return 0;
    }

    /** Whether a dot starts at {@code i}, and in which spelling. */
    private static int dotAt(String text, int i) {
        char c = text.charAt(i);
        switch (c) {
            case '.':
                return PLAIN;
            case '\uFF0E': // full-width full stop
            case '\u2024': // one dot leader
            case '\u2025': // two dot leader
            case '\uFE52': // small full stop
                return OBFUSCATED;
            case '0':
                return Text.matchesAt(text, i, "0x2e") ? OBFUSCATED : NONE;
            case '%':
                return Text.matchesAt(text, i, "%2e") || Text.matchesAt(text, i, "%c0%ae")
                        || Text.matchesAt(text, i, "%e0%80%ae") || Text.matchesAt(text, i, "%u002e")
                        || Text.matchesAt(text, i, "%uff0e") ? OBFUSCATED : NONE;
            default:
                return NONE;
        }
    }

    private static int dotLength(String text, int i) {
        char c = text.charAt(i);
        if (c == '0') {
            return 4;
        }
        if (c == '%') {
            if (Text.matchesAt(text, i, "%2e")) {
                return 3;
            }
            if (Text.matchesAt(text, i, "%c0%ae")) {
                return 6;
            }
            return Text.matchesAt(text, i, "%e0%80%ae") ? 9 : 6;
        }
        return 1;
    }

    private static int dotCount(String text, int i) {
        return text.charAt(i) == '\u2025' ? 2 : 1;
    }

    /** Whether a path separator starts at {@code i}, and in which spelling. */
    private static int separatorAt(String text, int i) {
        char c = text.charAt(i);
        switch (c) {
            case '/':
            case '\\':
                return PLAIN;
            case '\uFF0F': // full-width solidus
            case '\uFF3C': // full-width reverse solidus
            case '\u2215': // division slash
            case '\u2216': // set minus
            case '\u29F5': // reverse solidus operator
            case '\u29F8': // big solidus
            case '\u29F9': // big reverse solidus
                return OBFUSCATED;
            case '0':
                return Text.matchesAt(text, i, "0x2f") || Text.matchesAt(text, i, "0x5c") ? OBFUSCATED : NONE;
            case '%':
                return Text.matchesAt(text, i, "%2f") || Text.matchesAt(text, i, "%5c")
                        || Text.matchesAt(text, i, "%c0%af") || Text.matchesAt(text, i, "%c1%9c")
                        || Text.matchesAt(text, i, "%u2215") || Text.matchesAt(text, i, "%uff0f")
                        ? OBFUSCATED : NONE;
            default:
                return NONE;
        }
    }

    private static int sepLength(String text, int i, int kind) {
        char c = text.charAt(i);
        if (kind == PLAIN || c > 0x7F) {
            return 1;
        }
        if (c == '0') {
            return 4;
        }
        if (Text.matchesAt(text, i, "%2f") || Text.matchesAt(text, i, "%5c")) {
            return 3;
        }
        return 6;
    }

    /** NUL bytes, raw or still encoded, which C-based file APIs treat as the end of the name. */
    private static int transparentAt(String text, int i) {
        char c = text.charAt(i);
        if (c == '\0') {
            return 1;
        }
        if (c == '%' && Text.matchesAt(text, i, "%00")) {
            return 3;
        }
        return 0;
    }

    // ---- sensitive files -------------------------------------------------------------------

    /** Looks up the table at the start of the value and after every separator. */
    private static boolean scanSensitive(String text, DetectionSink sink) {
        int length = text.length();
        // Candidates: the start of the value and every position after a slash or backslash.
        int nextSlash = text.indexOf('/');
        int nextBackslash = text.indexOf('\\');
        for (int p = 0; p < length; ) {
            int matched = SENSITIVE_PATHS.match(text, p);
            if (matched == 0) {
                matched = processDirectory(text, p);
            }
            if (matched > 0) {
                sink.report(SENSITIVE_FILE, p, matched);
                return true;
            }
            while (nextSlash >= 0 && nextSlash < p) {
                nextSlash = text.indexOf('/', nextSlash + 1);
            }
            while (nextBackslash >= 0 && nextBackslash < p) {
                nextBackslash = text.indexOf('\\', nextBackslash + 1);
            }
            int separator = nextSlash < 0 ? nextBackslash
                    : nextBackslash < 0 ? nextSlash : Math.min(nextSlash, nextBackslash);
            if (separator < 0) {
                return false;
            }
            p = separator + 1;
        }
        return false;
    }

    /** {@code proc/1234/...}: another process's directory, numbered, so not in the table. */
    private static int processDirectory(String text, int p) {
        if (!Text.matchesAt(text, p, "proc")) {
            return 0;
        }
        int i = p + 4;
        if (i >= text.length() || (text.charAt(i) != '/' && text.charAt(i) != '\\')) {
            return 0;
        }
        int digits = ++i;
        while (i < text.length() && Text.isDigit(text.charAt(i))) {
            i++;
        }
        if (i == digits || i >= text.length() || (text.charAt(i) != '/' && text.charAt(i) != '\\')) {
            return 0;
        }
        return i + 1 - p;
    }

    // ---- request path ----------------------------------------------------------------------

    private static boolean scanRequestPath(String text, DetectionSink sink) {
        int length = text.length();
        int segmentStart = 0;
        for (int i = 0; i <= length; i++) {
            if (i < length && text.charAt(i) != '/') {
                continue;
            }
            if (i > segmentStart && judgeSegment(text, segmentStart, i, sink)) {
                return true;
            }
            segmentStart = i + 1;
        }
        return false;
    }

    private static boolean judgeSegment(String text, int start, int end, DetectionSink sink) {
        if (text.charAt(start) == '.' && end - start >= 2) {
            char next = text.charAt(start + 1);
            if ((Text.isAsciiLetterOrDigit(next) || next == '_') && !Text.regionEquals(text, start, end, ".well-known")) {
                sink.report(HIDDEN_FILE, start, end - start);
                return true;
            }
        }
        if (text.charAt(end - 1) == '~' && end - start >= 2) {
            sink.report(BACKUP_FILE, start, end - start);
            return true;
        }
        int firstDot = -1;
        for (int i = start + 1; i < end; i++) {
            if (text.charAt(i) == '.') {
                firstDot = i;
                break;
            }
        }
        if (firstDot < 0) {
            return false;
        }
        int labelStart = firstDot + 1;
        for (int i = labelStart; i <= end; i++) {
            if (i == end || text.charAt(i) == '.') {
                for (String extension : BACKUP_EXTENSIONS) {
                    if (Text.regionEquals(text, labelStart, i, extension)) {
                        sink.report(BACKUP_FILE, start, end - start);
                        return true;
                    }
                }
                labelStart = i + 1;
            }
        }
        return false;
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
