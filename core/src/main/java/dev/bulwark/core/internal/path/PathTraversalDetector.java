package dev.bulwark.core.internal.path;

import dev.bulwark.core.Source;
import dev.bulwark.core.config.DenyRulesConfig;
import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.BestFinding;
import dev.bulwark.core.internal.rules.CharPositions;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Lexicon;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.TextProfile;
import dev.bulwark.core.internal.rules.Text;
import dev.bulwark.core.internal.rules.UploadNames;
import java.util.Set;

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
 * path, and a path whose last name is a public or template variant of a secret ({@code id_rsa.pub},
 * {@code .env.example}) names a file made to be shared, unless the value climbs. The table is
 * looked up in the value as a file API reads it ({@link #pathSkeleton}): junk
 * where a separator should be ({@code %c0%qf}, U+FFFD from overlong UTF-8, control bytes,
 * private-use slashes), redundant separators and {@code /./} all read as one separator, trailing dots
 * and blanks of a name go as Windows drops them ({@code WEB-INF./}), so a value
 * that ends in a well-known file after any such junk is caught whatever the junk is.
 *
 * <p>For the request path itself more rules apply: hidden files and directories (a segment
 * starting with a dot, other than {@code .well-known} and SCIM's {@code .search}, RFC 7644), backup, dump and log files,
 * editors' copies ({@code index.php~}, {@code #index.php#}), NTFS data streams ({@code index.php::$DATA}),
 * Windows 8.3 short names of sensitive names and short-name scanners' probes ({@code WEB-IN~1},
 * {@code *~1*}; see {@link ShortNames}), and a last
 * segment or path parameter with a restricted extension ({@code deny-rules.restricted-extensions},
 * see {@link DenyRulesConfig#defaultRestrictedExtensions()}). Upload file names are checked for
 * server-side script and active-content extensions, for scripts a host runs
 * ({@code deny-rules.upload-executable-extensions}, see
 * {@link DenyRulesConfig#defaultUploadExecutableExtensions()}) and for absolute paths.
 *
 * @see <a href="https://owasp.org/www-community/attacks/Path_Traversal">OWASP: Path Traversal</a>
 * @see <a href="https://cwe.mitre.org/data/definitions/22.html">CWE-22</a>
 */
public final class PathTraversalDetector extends RuleFamily {

    /** How far a Tomcat path parameter ({@code ..;jsessionid=x/}) may run before its separator. */
    private static final int MAX_PATH_PARAMETER = 64;

    /**
     * Sensitive paths, lower case, {@code /} standing for either separator. An entry ending in
     * {@code /} is a directory: anything below it counts. Other entries are complete names. An
     * entry that a shorter one already finds is left out: {@code .git} finds {@code .git/} and
     * {@code .git-credentials}, {@code win.ini} finds {@code windows/win.ini} (see {@link PathTrie}).
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
        "etc/samba/", "etc/postfix/", "etc/tomcat", "etc/redis", "etc/ld.so.preload", "etc/ld.so.conf",
        "etc/machine-id", "etc/timezone", "etc/networks", "etc/protocols", "etc/services", "etc/sysctl.conf",
        "etc/rc.local", "etc/apt/", "etc/yum.repos.d/", "etc/nsswitch.conf",
        "etc/login.defs", "etc/securetty", "etc/logrotate.d/", "etc/supervisor/",
        "etc/haproxy/", "etc/squid/", "etc/proftpd/", "etc/named.conf", "etc/bind/", "etc/dhcp/", "etc/krb5.conf",
        "etc/krb5.keytab", "etc/openldap/", "etc/ldap/", "etc/sasldb2", "etc/mongod.conf", "etc/elasticsearch/",
        "etc/grafana/", "etc/rabbitmq/", "etc/postgresql/", "etc/cassandra/", "etc/jenkins/", "etc/gitlab/",
        "etc/vault/", "etc/consul.d/", "etc/containerd/", "etc/rancher/", "etc/ansible/",
        "proc/self/", "proc/thread-self/", "proc/version", "proc/cpuinfo", "proc/meminfo", "proc/mounts",
        "proc/net/", "proc/sys/", "proc/interrupts", "proc/cmdline", "proc/kcore", "proc/sched_debug",
        "proc/partitions", "proc/modules", "proc/stat", "proc/loadavg", "proc/devices", "proc/filesystems",
        "proc/swaps", "proc/config.gz", "proc/kallsyms", "sys/class", "sys/kernel/",
        "sys/devices/", "sys/firmware/", "sys/module/", "dev/tcp/", "dev/udp/", "run/secrets/",
        "var/lib/mysql/", "var/mail/", "var/spool/cron", "var/log/apache/", "var/log/apache2/",
        "var/log/httpd/", "var/log/nginx/", "var/log/auth.log", "var/log/secure", "var/log/syslog", "var/log/messages",
        "var/log/kern.log", "var/log/dmesg", "var/log/lastlog", "var/log/wtmp", "var/log/btmp", "var/log/faillog",
        "var/log/mysql/", "var/log/tomcat", "var/log/mail.log", "var/log/dpkg.log", "var/log/vsftpd.log",
        "var/log/cron", "var/run/utmp", "run/docker.sock", "var/lib/docker/",
        "var/lib/kubelet/", "var/lib/jenkins/", "var/lib/pgsql/", "var/lib/postgresql/",
        "var/spool/mail/", "usr/local/etc/php",
        // container markers (cloud metadata endpoints are URLs: see SsrfDetector)
        ".dockerenv",
        // Windows
        "boot.ini", "win.ini", "system.ini", "windows/syswow64/", "windows/repair/",
        "windows/panther/", "winnt/", "system32/config/", "autoexec.bat", "inetpub/logs/", "config.sys",
        "windows/debug/", "windows/microsoft.net/", "windows/temp/", "windows/system32/",
        "pagefile.sys", "hiberfil.sys", "ntuser.dat", "unattend.xml", "unattended.xml", "sysprep.inf", "sysprep.xml",
        "applicationhost.config", "machine.config", "system32/inetsrv/", "system32/drivers/etc/",
        // keys, credentials and shell histories
        ".azure/", ".docker/", ".gnupg/", ".config/gcloud/", "id_rsa", "id_dsa",
        "id_ecdsa", "id_ed25519", "ssh_host_rsa_key", "ssh_host_dsa_key", "ssh_host_ecdsa_key", "ssh_host_ed25519_key",
        "authorized_keys", "known_hosts", ".netrc", ".npmrc", ".pypirc", ".pgpass",
        ".my.cnf", ".boto", ".s3cfg", ".dockercfg", ".vault-token", ".gitconfig",
        ".bash_history", ".zsh_history", ".sh_history", ".history", ".mysql_history", ".psql_history",
        ".python_history", ".viminfo", ".bashrc", ".profile", ".bash_profile", "privkey.pem",
        ".node_repl_history", ".rediscli_history", ".sqlite_history", ".lesshst", ".bash_logout", ".zshrc",
        ".cshrc", ".xauthority", ".ssh", ".m2/settings.xml", ".gradle/gradle.properties", ".ivy2/", ".cargo/credentials",
        ".composer/auth.json", ".yarnrc", ".terraformrc", ".terraform.d/", ".terraform/", "terraform.tfstate",
        ".config/gh/", ".config/hub", ".config/rclone/", ".local/share/keyrings/", ".password-store/",
        ".mozilla/", ".thunderbird/", ".aws", ".kube",
        // version control and deployment
        ".git", ".svn/", ".hg/", ".bzr/", "cvs/entries", "cvs/root", "cvs/repository", ".ds_store", ".env", ".htaccess",
        ".htpasswd", ".htdigest", ".user.ini",
        // application and server configuration
        "web-inf/", "meta-inf/", "web.config", "wp-config.php", "configuration.php", "config.inc.php",
        "localsettings.php", "sites/default/settings.php", "app/etc/env.php", "app/etc/local.xml",
        "httpd.conf", "apache2.conf", "nginx.conf", "php.ini", "my.cnf", "my.ini", "tomcat-users.xml",
        "wp-content/debug.log", "@fs/", "@id/", "boot-inf/", "tomcat/conf/", "conf/server.xml", "conf/context.xml",
        "standalone/configuration/", "jetty/etc/",
        "jenkins/secrets/",
        // diagnostics handlers and editor upload settings that hold credentials
        "trace.axd", "elmah.axd", "sftp-config.json",
    };

    private static final PathTrie SENSITIVE_PATHS = new PathTrie(SENSITIVE);

    /**
     * Last extensions that turn a secret's name into a file meant to be shared: a public key
     * ({@code id_rsa.pub}) or a template committed with the code ({@code .env.example},
     * {@code .env.dist}, {@code wp-config.php.sample}). Such a name is not a sensitive file.
     */
    private static final Lexicon SHAREABLE_SUFFIXES = Lexicon.of("pub", "example", "sample", "dist", "template",
            "tmpl", "tpl");

    /** Extensions of files that hold data, not pages: backups, dumps, databases, logs. */
    private static final Lexicon BACKUP_EXTENSIONS = Lexicon.of(
            "sql", "bak", "backup", "bck", "bkp", "old", "orig", "save", "sav", "swp", "swo", "log", "sqlite",
            "sqlite3", "db", "mdb", "accdb", "dump", "rdb", "dmp", "env", "tmp", "temp", "kdbx", "jks", "keystore",
            "pfx", "p12");

    /**
     * Base names under which a site's or database's copy is archived ({@code backup.zip},
     * {@code www.tar.gz}): the names that backup scanners request. A download named so on purpose
     * is rare; {@code source.zip} or {@code data.zip} are not among them.
     */
    private static final Lexicon BACKUP_ARCHIVE_NAMES = Lexicon.of(
            "backup", "backups", "bak", "site", "www", "wwwroot", "htdocs", "public_html", "web", "webroot", "db",
            "database", "dump", "sql", "mysql");

    /** Extensions of scripts and configuration whose numbered copies ({@code .php.1}) are backups. */
    private static final Lexicon NUMBERED_COPY_EXTENSIONS = Lexicon.of(
            "php", "php3", "php4", "php5", "phtml", "asp", "aspx", "jsp", "jspx", "cfm", "pl", "py", "rb", "cgi", "inc",
            "config", "conf", "cnf", "ini", "yml", "yaml", "properties", "env", "sql", "htaccess", "htpasswd");

    /** Extensions of archives and compressed files, for {@link #BACKUP_ARCHIVE_NAMES}. */
    private static final Lexicon ARCHIVE_EXTENSIONS =
            Lexicon.of("zip", "tar", "gz", "tgz", "bz2", "tbz2", "xz", "txz", "7z", "rar", "zst");

    /**
     * Server-side scripts, handlers and deployable archives: a server that stores the upload under
     * this name in a served folder runs it. PHP and JSP names have their own rules (PHP, JAVA keys).
     */
    private static final Lexicon SCRIPT_EXTENSIONS = Lexicon.of(
            "asp", "aspx", "asa", "asax", "ascx", "ashx", "asmx", "axd", "cer", "cdx", "cshtml", "vbhtml", "soap",
            "rem", "svc", "config", "htaccess", "htpasswd", "jhtml", "war", "ear", "cgi", "pl", "shtm", "stm",
            "cfm", "cfml", "cfc", "inc");

    /** Content a browser runs with the site's origin when it is served back: stored XSS. */
    private static final Lexicon ACTIVE_CONTENT_EXTENSIONS = Lexicon.of(
            "svg", "svgz", "html", "htm", "xhtml", "xht", "swf", "hta", "xsl", "xslt", "mht", "mhtml");

    private final Lexicon restrictedExtensions;
    private final Lexicon uploadExecutableExtensions;
    private final ShortNames shortNames;

    /**
     * With the built-in restricted and upload executable extensions
     * ({@link DenyRulesConfig#defaultRestrictedExtensions()}, {@link DenyRulesConfig#defaultUploadExecutableExtensions()}).
     */
    public PathTraversalDetector() {
        this(DenyRulesConfig.defaultRestrictedExtensions(), DenyRulesConfig.defaultUploadExecutableExtensions());
    }

    /**
     * @param restrictedExtensions lower-case extensions without the dot, for {@link PathRules#RESTRICTED_EXTENSION}
     * @param uploadExecutableExtensions lower-case extensions without the dot, for {@link PathRules#UPLOAD_EXECUTABLE}
     */
    public PathTraversalDetector(Set<String> restrictedExtensions, Set<String> uploadExecutableExtensions) {
        super(PathRules.KEY, PathRules.ALL);
        this.restrictedExtensions = Lexicon.of(restrictedExtensions.toArray(String[]::new));
        this.uploadExecutableExtensions = Lexicon.of(uploadExecutableExtensions.toArray(String[]::new));
        this.shortNames = new ShortNames(SENSITIVE, restrictedExtensions, SHAREABLE_SUFFIXES.words());
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
        if ((traits & MAY_TRAVERSE) != 0
                && scanTraversal(text, text == target.text() ? target.profile() : null, sink, weak)) {
            return;
        }
        if (scanSensitiveSkeleton(text, text == target.text() ? target.profile() : null, sink)) {
            return;
        }
        // Where the value was decoded here, the escapes themselves may stand for separators that
        // a lenient decoder reads differently (%c1%af, %%32%%66): read the original as well.
        if (text != target.text() && scanSensitiveSkeleton(target.text(), target.profile(), sink)) {
            return;
        }
        Source source = target.source();
        if ((source == Source.PATH || source == Source.PATH_SEGMENT) && scanRequestPath(text, sink)) {
            return;
        }
        if ((source == Source.PATH || source == Source.PATH_SEGMENT) ? scanShortNames(text, sink)
                : (text != target.text() || target.profile().has('~')) && scanShortNamesInFilePath(text, sink)) {
            return;
        }
        if ((source == Source.PATH || source == Source.PATH_PARAMETER) && scanRestrictedExtension(text, sink)) {
            return;
        }
        if (UploadNames.isFileName(target) && scanUploadName(text, sink)) {
            return;
        }
        weak.reportTo(sink);
    }

    /** A dot in some spelling: a traversal is possible. */
    private static final int MAY_TRAVERSE = 1;
    /** A separator, underscore or similar: a sensitive path or request-path rule is possible. */
    private static final int MAY_NAME_FILE = 2;

    /**
     * Every rule needs a dot, a separator, an underscore ({@code id_rsa}), {@code ~}, a control character, an
     * escape ({@code %2e}, {@code 0x2e}) or a non-ASCII look-alike; most values have none.
     */
    /** ASCII characters that give a value a trait, besides the {@code 0x} prefix. */
    private static final AsciiSet TRAIT_CHARS = AsciiSet.of(".%/\\_~" + controlCharacters());

    /** Control characters other than tab, CR and LF: junk where a separator should be. */
    private static String controlCharacters() {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            if (isJunkCharacter(c)) {
                controls.append(c);
            }
        }
        return controls.toString();
    }
    private static final AsciiSet HEX_MARKS = AsciiSet.of("xX");

    private static int traits(String text) {
        int traits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '%' || c > 0x2000
                    || (c == '0' && i + 1 < text.length() && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X'))) {
                return MAY_TRAVERSE | MAY_NAME_FILE;
            } else if (c == '/' || c == '\\' || c == '_' || c == '~' || isJunkCharacter(c)) {
                traits |= MAY_NAME_FILE;
            }
        }
        return traits;
    }

    // ---- traversal -------------------------------------------------------------------------

    /** ASCII characters that can start a spelling of a dot or a separator. */
    private static final AsciiSet SPELLING_STARTS = AsciiSet.of(".0/\\%" + controlCharacters());

    private static final int NONE = 0;
    private static final int PLAIN = 1;
    private static final int OBFUSCATED = 2;

    /**
     * Finds {@code ..} segments in one pass. Returns whether it reported.
     */
    private static boolean scanTraversal(String text, TextProfile profile, DetectionSink sink, BestFinding weak) {
        int length = text.length();
        // In ASCII text only SPELLING_STARTS begin anything: go from one to the next.
        CharPositions spellingStarts = profile != null && !profile.hasNonAscii()
                ? new CharPositions(text, SPELLING_STARTS, profile) : null;
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
            if (c < 0x80 && !SPELLING_STARTS.contains(c)) {
                // letters, digits and other punctuation take part in no spelling of a dot or separator
                if (spellingStarts == null) {
                    i++;
                } else {
                    int next = spellingStarts.next(i + 1);
                    i = next < 0 ? length : next;
                }
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
                sink.report(PathRules.TRAVERSAL, from, end - from);
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
            sink.report(PathRules.TRAVERSAL_SEGMENT, firstStart, evidence);
            return true;
        }
        // only after white space, quotes or markup: a relative link in text, unless more follows
        weak.offer(PathRules.TRAVERSAL_IN_TEXT, firstStart, evidence);
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
            while (m < limit && separatorAt(text, m) == NONE && !Ascii.isAsciiSpace(text.charAt(m))) {
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
        if (Ascii.isAsciiSpace(before) || before == '"' || before == '\'' || before == '(' || before == '['
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
                return Ascii.matchesAt(text, i, "0x2e") ? OBFUSCATED : NONE;
            case '%':
                return Ascii.matchesAt(text, i, "%2e") || Ascii.matchesAt(text, i, "%c0%ae")
                        || Ascii.matchesAt(text, i, "%e0%80%ae") || Ascii.matchesAt(text, i, "%u002e")
                        || Ascii.matchesAt(text, i, "%uff0e") ? OBFUSCATED : NONE;
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
            if (Ascii.matchesAt(text, i, "%2e")) {
                return 3;
            }
            if (Ascii.matchesAt(text, i, "%c0%ae")) {
                return 6;
            }
            return Ascii.matchesAt(text, i, "%e0%80%ae") ? 9 : 6;
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
            case '\u2044': // fraction slash
            case '\u2215': // division slash
            case '\u2216': // set minus
            case '\u29F5': // reverse solidus operator
            case '\u29F8': // big solidus
            case '\u29F9': // big reverse solidus
                return OBFUSCATED;
            case '\uEFC8': // private-use code points that IIS best-fit mapping read as a slash
            case '\uF025':
                return OBFUSCATED;
            case '0':
                return Ascii.matchesAt(text, i, "0x2f") || Ascii.matchesAt(text, i, "0x5c") ? OBFUSCATED : NONE;
            case '%':
                return Ascii.matchesAt(text, i, "%2f") || Ascii.matchesAt(text, i, "%5c")
                        || Ascii.matchesAt(text, i, "%c0%af") || Ascii.matchesAt(text, i, "%c1%9c")
                        || Ascii.matchesAt(text, i, "%u2215") || Ascii.matchesAt(text, i, "%uff0f")
                        || Ascii.matchesAt(text, i, "%u2216") || Ascii.matchesAt(text, i, "%uff3c")
                        || Ascii.matchesAt(text, i, "%u2044") || Ascii.matchesAt(text, i, "%uefc8")
                        || Ascii.matchesAt(text, i, "%uf025")
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
        if (Ascii.matchesAt(text, i, "%2f") || Ascii.matchesAt(text, i, "%5c")) {
            return 3;
        }
        return 6;
    }

    /**
     * NUL bytes, raw or still encoded, which C-based file APIs treat as the end of the name; other
     * control characters and U+FFFD (what decoding made of invalid or overlong UTF-8), which no
     * real name holds between its dots and its separator.
     */
    private static int transparentAt(String text, int i) {
        char c = text.charAt(i);
        if (isJunkCharacter(c)) {
            return 1;
        }
        if (c == '%' && Ascii.matchesAt(text, i, "%00")) {
            return 3;
        }
        return 0;
    }

    // ---- sensitive files -------------------------------------------------------------------

    /**
     * The value read as a file API reads a path, for the sensitive-file table: every spelling of a
     * separator ({@code 0x2f}, {@code %c0%af}, {@code ∕}, a private-use slash), every run of junk
     * (control characters, U+FFFD left by invalid or overlong UTF-8, left-over escapes such as
     * {@code %c0%qf} or {@code %2%f}), and every redundant separator or {@code /./} become one
     * {@code /}; look-alike dots become {@code .}. So {@code ..%c0%qfetc%c0%qfpasswd},
     * {@code //etc//shadow} and {@code /etc/./passwd} all name {@code etc/passwd}. The value itself
     * when none of this occurs (most values); one copy, built in one pass, otherwise.
     */
    static String pathSkeleton(String text) {
        if (!needsSkeleton(text)) {
            return text;
        }
        int length = text.length();
        StringBuilder out = new StringBuilder(length);
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            int sep = separatorAt(text, i);
            if (sep != NONE) {
                appendSeparator(out);
                i += sepLength(text, i, sep);
                continue;
            }
            if (c != '.' && dotAt(text, i) == OBFUSCATED) {
                out.append('.');
                i += dotLength(text, i);
                continue;
            }
            int junk = junkLength(text, i);
            if (junk > 0) {
                appendSeparator(out);
                i += junk;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /**
     * Whether {@link #pathSkeleton} may change the value: a quick pass over it. A {@code %} or a
     * non-ASCII character counts only where it spells a separator, a dot or junk, so that text in
     * other scripts and printable escapes ({@code %20}) are not copied.
     */
    private static boolean needsSkeleton(String text) {
        char previous = '/';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (((c == '%' || c >= 0x80) && spellsSeparatorDotOrJunk(text, i)) || isJunkCharacter(c)
                    || (c == '0' && i + 1 < text.length() && Ascii.lower(text.charAt(i + 1)) == 'x')
                    || (isPlainSeparator(c) && isPlainSeparator(previous) && i > 0)
                    || (c == '.' && isPlainSeparator(previous)
                            && (i + 1 == text.length() || isPlainSeparator(text.charAt(i + 1))))
                    || ((c == '.' || c == ' ') && Ascii.isAlnum(previous) && i + 1 < text.length()
                            && isPlainSeparator(text.charAt(i + 1)))) {
                return true;
            }
            previous = c;
        }
        return false;
    }

    /**
     * A quick reject for {@link #needsSkeleton} from the value's profile, so that prose is not read
     * once more: every case of it needs a {@code %}, a non-ASCII or junk character, a separator, the
     * {@code 0x} prefix, or the value {@code "."} alone (a dot with the start of the value before it
     * and its end after it). False only where {@link #needsSkeleton} is false.
     */
    static boolean mayNeedSkeleton(String text, TextProfile profile) {
        return profile.hasNonAscii() || profile.hasAny(SKELETON_CHARS) || (profile.has('0') && profile.hasAny(HEX_MARKS))
                || text.length() == 1;
    }

    /** ASCII characters that {@link #needsSkeleton} acts on, besides the {@code 0x} prefix and a lone dot. */
    private static final AsciiSet SKELETON_CHARS = AsciiSet.of("%/\\" + controlCharacters());

    /** Whether {@link #pathSkeleton} rewrites the character at {@code i} (a {@code %} or non-ASCII one). */
    private static boolean spellsSeparatorDotOrJunk(String text, int i) {
        return separatorAt(text, i) != NONE || dotAt(text, i) != NONE || junkLength(text, i) > 0;
    }

    /**
     * Appends one {@code /}, dropping a {@code .} segment just before it and never doubling it.
     * Trailing dots and blanks of a name ({@code WEB-INF./}) go, as Windows drops them; a segment
     * of dots only ({@code ..}) stays.
     */
    private static void appendSeparator(StringBuilder out) {
        int n = out.length();
        int nameEnd = UploadNames.windowsNameEnd(out, 0, n);
        if (nameEnd < n && nameEnd > 0 && out.charAt(nameEnd - 1) != '/') {
            out.setLength(n = nameEnd);
        }
        if (n > 0 && out.charAt(n - 1) == '.' && (n == 1 || out.charAt(n - 2) == '/')) {
            out.setLength(--n);
        }
        if (n == 0 || out.charAt(n - 1) != '/') {
            out.append('/');
        }
    }

    /**
     * Length of junk at {@code i} that stands where a separator should be, or 0: a control
     * character, U+FFFD, a private-use code point, a {@code %} that decoding left behind with what
     * it failed to decode ({@code %qf}, {@code %2%f}, {@code %%32}, {@code %u12}), or a still-encoded
     * control or non-ASCII byte ({@code %0d}, {@code %c1%af}).
     */
    private static int junkLength(String text, int i) {
        char c = text.charAt(i);
        if (isJunkCharacter(c) || (c >= '\uE000' && c <= '\uF8FF')) {
            return 1;
        }
        if (c != '%') {
            return 0;
        }
        int length = text.length();
        int end = i + 1;
        if (end < length && text.charAt(end) == '%') {
            // %%32: an escape hidden behind a second percent sign
            end++;
            while (end < length && end < i + 4 && Ascii.isAlnum(text.charAt(end))) {
                end++;
            }
            return end - i;
        }
        if (i + 3 < length && Ascii.isHexDigit(text.charAt(i + 1)) && text.charAt(i + 2) == '%'
                && Ascii.isAlnum(text.charAt(i + 3))) {
            return 4; // %2%f: a doubled escape, each half decoded on its own
        }
        if (end < length && Ascii.lower(text.charAt(end)) == 'u') {
            end++;
            while (end < length && end < i + 6 && Ascii.isHexDigit(text.charAt(end))) {
                end++;
            }
            return end - i;
        }
        if (i + 2 < length && Ascii.isHexDigit(text.charAt(i + 1)) && Ascii.isHexDigit(text.charAt(i + 2))) {
            // a still-encoded byte: junk when it is a control or part of a multi-byte sequence,
            // not when it spells a printable character (%20, %41)
            int value = Ascii.hexValue(text.charAt(i + 1)) * 16 + Ascii.hexValue(text.charAt(i + 2));
            return value < 0x20 || value >= 0x80 ? 3 : 0;
        }
        while (end < length && end < i + 3 && Ascii.isAlnum(text.charAt(end))) {
            end++;
        }
        return end - i;
    }

    /** A control character other than tab, CR and LF, or U+FFFD: never part of a real file name. */
    private static boolean isJunkCharacter(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFD';
    }

    /**
     * Looks up the table in {@link #pathSkeleton the value as a file API reads it}.
     *
     * @param profile the profile of {@code text}, or {@code null} when there is none
     */
    private static boolean scanSensitiveSkeleton(String text, TextProfile profile, DetectionSink sink) {
        String skeleton = profile != null && !mayNeedSkeleton(text, profile) ? text : pathSkeleton(text);
        return scanSensitive(skeleton, text, skeleton == text ? profile : null,
                skeleton == text ? sink : Text.wholeValue(sink, text.length()));
    }

    /**
     * Looks up the table at the start of the value and after every separator.
     *
     * @param raw the value before {@link #pathSkeleton}, or {@code text} itself
     * @param profile the profile of {@code text}, or {@code null} when there is none: a separator
     *     it does not hold is not searched for
     */
    private static boolean scanSensitive(String text, String raw, TextProfile profile, DetectionSink sink) {
        int length = text.length();
        // Candidates: the start of the value and every position after a slash or backslash.
        int nextSlash = profile == null || profile.has('/') ? text.indexOf('/') : -1;
        int nextBackslash = profile == null || profile.has('\\') ? text.indexOf('\\') : -1;
        // 1 when the value climbs (".."), 0 when it does not, -1 until a match needs to know
        int climbs = -1;
        for (int p = 0; p < length; ) {
            int matched = SENSITIVE_PATHS.match(text, p);
            if (matched > 0) {
                if (climbs < 0) {
                    climbs = text.contains("..") ? 1 : 0;
                }
                int shareableEnd = climbs == 0 ? shareableVariantEnd(text, raw, p) : -1;
                if (shareableEnd > 0) {
                    // every later match up to there names the same shareable file
                    p = shareableEnd;
                    matched = 0;
                }
            } else {
                matched = processDirectory(text, p);
            }
            if (matched > 0) {
                sink.report(PathRules.SENSITIVE_FILE, p, matched);
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

    /**
     * Where the path that starts at {@code start} ends when it names a file made to be shared, not
     * a secret, or -1: its last name is a complete secret name of the table followed by a
     * {@link #SHAREABLE_SUFFIXES shareable suffix} ({@code id_rsa.pub},
     * {@code ~/.ssh/id_ed25519-cert.pub}, {@code .env.example}, {@code config/.env.dist}). The
     * secret itself, its other variants ({@code .env.local}) and its backups ({@code .env.bak},
     * {@code id_rsa~}, {@code .env.example.bak}) do not end in such a suffix. The caller lets off no
     * value that climbs ({@code ..}): the traversal is the attack. Nor is a name let off
     * <ul>
     *   <li>when the secret's match does not end inside the last name ({@code /etc/passwd%00x.pub},
     *       where junk read as a separator makes {@code x.pub} the last name);</li>
     *   <li>when the last name holds anything but letters, digits, {@code .}, {@code -} and
     *       {@code _} ({@code /etc/passwd$IFS.pub}), or is longer than a file name can be
     *       ({@value #MAX_FILE_NAME} characters);</li>
     *   <li>when the secret and its suffix were not written as they are read: a separator or dot
     *       made from junk or an escape lies between them;</li>
     *   <li>beneath a sensitive directory, or a secret name used as one ({@code .git/hooks/pre-commit.sample},
     *       {@code WEB-INF/classes/app.properties.template}): a template there is still served from
     *       where nothing may be served. Only a public key ({@code .pub}) of a secret key named in the
     *       table is let off there ({@code ~/.ssh/id_rsa.pub}, {@code /etc/ssh/ssh_host_rsa_key.pub}).</li>
     * </ul>
     */
    private static int shareableVariantEnd(String text, String raw, int start) {
        int end = start;
        int lastName = start;
        while (end < text.length() && !endsPath(text.charAt(end))) {
            if (isPlainSeparator(text.charAt(end))) {
                lastName = end + 1;
            }
            end++;
        }
        if (end - lastName > MAX_FILE_NAME) {
            return -1;
        }
        int dot = end - 1;
        while (dot > lastName && text.charAt(dot) != '.') {
            dot--;
        }
        if (dot <= lastName || !SHAREABLE_SUFFIXES.contains(text, dot + 1, end)) {
            return -1;
        }
        for (int i = lastName; i < end; i++) {
            char c = text.charAt(i);
            if (!Ascii.isAlnum(c) && c != '.' && c != '-' && c != '_') {
                return -1;
            }
        }
        boolean beneathDirectory = false;
        int secret = -1;
        for (int q = start; q <= lastName; q++) {
            if (q > start && !isPlainSeparator(text.charAt(q - 1))) {
                continue;
            }
            int matched = SENSITIVE_PATHS.match(text, q);
            if (matched == 0) {
                continue;
            }
            int matchEnd = q + matched;
            if (matchEnd > lastName && !isPlainSeparator(text.charAt(matchEnd - 1))) {
                secret = q;
                break;
            }
            // a directory entry, or a complete name followed by a separator
            beneathDirectory = true;
        }
        if (secret < 0 || beneathDirectory && !Ascii.rangeEquals(text, dot + 1, end, "pub")
                // the rewrite never lengthens the text, so the raw spelling starts at or after secret
                || raw != text && raw.indexOf(text.substring(secret, end), secret) < 0) {
            return -1;
        }
        return end;
    }

    /** Longest file name that file systems allow (NAME_MAX, 255); a longer "name" is not one file. */
    private static final int MAX_FILE_NAME = 255;

    /** A character that ends a path written in a value: a blank, a quote, a query or a shell or list separator. */
    private static boolean endsPath(char c) {
        return c <= ' ' || "\"'`?#;&|<>,()[]{}*".indexOf(c) >= 0;
    }

    /** {@code proc/1234/...}: another process's directory, numbered, so not in the table. */
    private static int processDirectory(String text, int p) {
        if (!Ascii.matchesAt(text, p, "proc")) {
            return 0;
        }
        int i = p + 4;
        if (i >= text.length() || (text.charAt(i) != '/' && text.charAt(i) != '\\')) {
            return 0;
        }
        int digits = ++i;
        while (i < text.length() && Ascii.isDigit(text.charAt(i))) {
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
            int nameEnd = nameEnd(text, segmentStart, i);
            if (nameEnd > segmentStart && judgeSegment(text, segmentStart, nameEnd, sink)) {
                return true;
            }
            segmentStart = i + 1;
        }
        return false;
    }

    /**
     * Segments that are 8.3 short names of sensitive files ({@code /WEB-IN~1/web.xml}) or that probe
     * for short names ({@code /*~1*}{@code /.aspx}); see {@link ShortNames}. Only segments with a
     * {@code ~} are read.
     */
    private boolean scanShortNames(String text, DetectionSink sink) {
        int tilde = text.indexOf('~');
        while (tilde >= 0) {
            int start = text.lastIndexOf('/', tilde) + 1;
            int separator = text.indexOf('/', tilde);
            // Windows drops a segment's trailing dots and blanks: WEB-IN~1./web.xml
            int end = UploadNames.windowsNameEnd(text, start, nameEnd(text, start, separator < 0 ? text.length() : separator));
            if (tilde < end && ShortNames.probesShortNames(text, start, end)) {
                sink.report(PathRules.SHORT_NAME_PROBE, start, end - start);
                return true;
            }
            if (tilde < end && shortNames.namesSensitive(text, start, end, true)) {
                sink.report(PathRules.SHORT_NAME, start, end - start);
                return true;
            }
            if (separator < 0) {
                return false;
            }
            tilde = text.indexOf('~', separator);
        }
        return false;
    }

    /**
     * Names in a value that are 8.3 short names of sensitive names, in path shape: beside a
     * separator ({@code WEB-IN~1/web.xml}, {@code C:\app\META-I~1}). A word without a separator
     * ({@code passwd~1}, a fuzzy search term) is not a path. Probes are left to the request path.
     */
    private boolean scanShortNamesInFilePath(String text, DetectionSink sink) {
        int tilde = text.indexOf('~');
        while (tilde >= 0) {
            int start = tilde;
            while (start > 0 && !isPlainSeparator(text.charAt(start - 1)) && !endsPath(text.charAt(start - 1))) {
                start--;
            }
            int end = tilde + 1;
            while (end < text.length() && !isPlainSeparator(text.charAt(end)) && !endsPath(text.charAt(end))) {
                end++;
            }
            boolean besideSeparator = start > 0 && isPlainSeparator(text.charAt(start - 1))
                    || end < text.length() && isPlainSeparator(text.charAt(end));
            if (besideSeparator && shortNames.namesSensitive(text, start, UploadNames.windowsNameEnd(text, start, end), false)) {
                sink.report(PathRules.SHORT_NAME, start, end - start);
                return true;
            }
            tilde = text.indexOf('~', end);
        }
        return false;
    }

    /** Where the name of a segment ends: at its first path parameter ({@code ;}), if any. */
    private static int nameEnd(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == ';') {
                return i;
            }
        }
        return end;
    }

    private static boolean judgeSegment(String text, int start, int end, DetectionSink sink) {
        if (text.charAt(start) == '.' && end - start >= 2) {
            char next = text.charAt(start + 1);
            if ((Ascii.isAlnum(next) || next == '_') && !Ascii.rangeEquals(text, start, end, ".well-known")
                    && !Ascii.rangeEquals(text, start, end, ".search")) {
                sink.report(PathRules.HIDDEN_FILE, start, end - start);
                return true;
            }
        }
        if (end - start >= 2 && (text.charAt(end - 1) == '~'
                || (end - start >= 3 && text.charAt(start) == '#' && text.charAt(end - 1) == '#'))) {
            // index.php~ (vi, gedit) and #index.php# (Emacs): an editor's copy, served as text
            sink.report(PathRules.BACKUP_FILE, start, end - start);
            return true;
        }
        if (namesNtfsStream(text, start, end)) {
            sink.report(PathRules.NTFS_STREAM, start, end - start);
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
                if (BACKUP_EXTENSIONS.contains(text, labelStart, i)) {
                    sink.report(PathRules.BACKUP_FILE, start, end - start);
                    return true;
                }
                labelStart = i + 1;
            }
        }
        if (isNumberedCopy(text, firstDot, end)) {
            sink.report(PathRules.BACKUP_FILE, start, end - start);
            return true;
        }
        if (BACKUP_ARCHIVE_NAMES.contains(text, start, firstDot) && onlyArchiveExtensions(text, firstDot + 1, end)) {
            sink.report(PathRules.BACKUP_FILE, start, end - start);
            return true;
        }
        return false;
    }

    /**
     * Whether the segment names a stream type ({@code :$DATA}, {@code ::$INDEX_ALLOCATION}): a colon,
     * a dollar sign and a letter. NTFS reads {@code name::$DATA} as the file itself, which IIS then
     * serves by its unmapped extension; no URL of a site names a stream.
     */
    private static boolean namesNtfsStream(String text, int start, int end) {
        for (int i = start; i + 2 < end; i++) {
            if (text.charAt(i) == ':' && text.charAt(i + 1) == '$' && Ascii.isLetter(text.charAt(i + 2))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A numbered copy of a script or configuration file ({@code index.php.1}, {@code web.config.2}):
     * what {@code wget}, {@code logrotate} and editors leave beside the original, served as text.
     */
    private static boolean isNumberedCopy(String text, int firstDot, int end) {
        int lastDot = text.lastIndexOf('.', end - 1);
        if (lastDot <= firstDot || end - lastDot - 1 < 1 || end - lastDot - 1 > 3) {
            return false;
        }
        for (int i = lastDot + 1; i < end; i++) {
            if (!Ascii.isDigit(text.charAt(i))) {
                return false;
            }
        }
        int previousDot = text.lastIndexOf('.', lastDot - 1);
        return previousDot >= firstDot && NUMBERED_COPY_EXTENSIONS.contains(text, previousDot + 1, lastDot);
    }

    /** Whether every dot-separated label of {@code text[from, to)} is an archive extension ({@code tar.gz}). */
    private static boolean onlyArchiveExtensions(String text, int from, int to) {
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || text.charAt(i) == '.') {
                if (!ARCHIVE_EXTENSIONS.contains(text, labelStart, i)) {
                    return false;
                }
                labelStart = i + 1;
            }
        }
        return true;
    }

    /**
     * The extension of the last non-empty segment of a path and of each of its path parameters
     * ({@code /site.bak;jsessionid=1}, {@code /admin.php;.bak}).
     */
    private boolean scanRestrictedExtension(String text, DetectionSink sink) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '/') {
            end--;
        }
        int segmentStart = text.lastIndexOf('/', end - 1) + 1;
        int partStart = segmentStart;
        for (int i = segmentStart; i <= end; i++) {
            if (i == end || text.charAt(i) == ';') {
                if (hasRestrictedExtension(text, partStart, i)) {
                    sink.report(PathRules.RESTRICTED_EXTENSION, segmentStart, end - segmentStart);
                    return true;
                }
                partStart = i + 1;
            }
        }
        return false;
    }

    private boolean hasRestrictedExtension(String text, int from, int to) {
        to = UploadNames.windowsNameEnd(text, from, to);
        int dot = to - 1;
        while (dot >= from && to - dot <= 17 && text.charAt(dot) != '.') {
            dot--;
        }
        if (dot < from || text.charAt(dot) != '.' || to - dot - 1 < 1) {
            return false;
        }
        return restrictedExtensions.contains(text, dot + 1, to);
    }

    // ---- upload file names ----------------------------------------------------------------

    /**
     * A client-chosen upload name: an absolute path, or a last extension that is a server-side
     * script, active content or a script a host runs, read as servers read it
     * ({@link UploadNames#hasExtension}: {@code shell.aspx;.png}, {@code x.ashx::$DATA}, {@code x.cer.}).
     */
    private boolean scanUploadName(String name, DetectionSink sink) {
        if (isAbsolutePath(name)) {
            sink.report(PathRules.UPLOAD_PATH, 0, name.length());
            return true;
        }
        int base = UploadNames.baseNameStart(name);
        if (UploadNames.hasExtension(name, SCRIPT_EXTENSIONS::contains, false)) {
            sink.report(PathRules.UPLOAD_SCRIPT, base, name.length() - base);
            return true;
        }
        if (UploadNames.hasExtension(name, ACTIVE_CONTENT_EXTENSIONS::contains, false)) {
            sink.report(PathRules.UPLOAD_ACTIVE_CONTENT, base, name.length() - base);
            return true;
        }
        if (UploadNames.hasExtension(name, uploadExecutableExtensions::contains, false)) {
            sink.report(PathRules.UPLOAD_EXECUTABLE, base, name.length() - base);
            return true;
        }
        return false;
    }

    /** {@code C:\x}, {@code C:/x}, {@code /x}, {@code \\host\x}: not the base name a browser sends. */
    private static boolean isAbsolutePath(String name) {
        if (name.length() >= 3 && Ascii.isLetter(name.charAt(0)) && name.charAt(1) == ':'
                && isPlainSeparator(name.charAt(2))) {
            // C:\fakepath\x is what browsers show scripts as a file input's value; some uploaders send it
            return !(Ascii.matchesAt(name, 0, "c:\\fakepath\\") && name.indexOf('\\', 12) < 0 && name.indexOf('/') < 0);
        }
        return !name.isEmpty() && isPlainSeparator(name.charAt(0));
    }
}
