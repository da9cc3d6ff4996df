package dev.bulwark.core.config;

import dev.bulwark.core.Level;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Configuration of the built-in deny rules ({@code deny-rules:}).
 *
 * @param level which rules are on; default {@link Level#STANDARD}
 * @param logOnly rule keys or ids that only log, never block; default none
 * @param overrides level and mode changes for some rules, values and requests; first match wins
 * @param exceptions findings to drop (OR-ed)
 * @param customRules the service's own deny rules
 * @param restrictedExtensions file extensions (lower case, no dot) that the request path may not
 *     end in (rule {@code PATH-RESTRICTED-EXTENSION}); default {@link #defaultRestrictedExtensions()}
 * @param uploadExecutableExtensions file extensions (lower case, no dot) of scripts and programs
 *     that an upload's file name may not end in (rule {@code PATH-UPLOAD-EXECUTABLE}); default
 *     {@link #defaultUploadExecutableExtensions()}
 */
public record DenyRulesConfig(
        Level level, Set<String> logOnly, List<RuleOverride> overrides, List<DenyRuleException> exceptions,
        List<CustomRule> customRules, Set<String> restrictedExtensions, Set<String> uploadExecutableExtensions) {

    /**
     * Extensions of files a site keeps but never serves: server includes and configuration,
     * backups and editor swap files, databases and dumps, keys, compiled or project files of
     * IIS/.NET, and IIS handlers with a history of holes ({@code .htr}, {@code .ida}, {@code .printer}).
     */
    private static final Set<String> DEFAULT_RESTRICTED_EXTENSIONS = Set.copyOf(List.of(
            "asa", "asax", "ascx", "backup", "bak", "bck", "bk", "bkp", "cdx", "cfg", "cnf", "conf", "config",
            "cs", "csproj", "csr", "dbf", "db", "dll", "dos", "dump", "htr", "htw", "ida", "idc", "idq", "inc", "ini",
            "jks", "kdbx", "key", "keystore", "licx", "lnk", "log", "mdb", "mdf", "ldf", "old", "orig", "ovpn",
            "p12", "pass", "pdb", "pfx", "pol", "printer", "pwd", "pyc", "rdb", "reg", "resources", "resx", "sav",
            "save", "sql", "sqlite", "sqlite3", "swo", "swp", "sys", "temp", "tmp", "vb", "vbproj", "vbs",
            "vsdisco", "webinfo", "xsx"));

    /**
     * Extensions of scripts that no web server runs but a host does, when a shell, a scheduled
     * job, a startup folder or a plugin folder picks the file up: an attacker plants them for a
     * second step (a command injection, a cron entry, a double click). Native programs and
     * installers ({@code .exe}, {@code .msi}) are left out, as sites exchange them legitimately;
     * add them where uploads never hold one.
     */
    private static final Set<String> DEFAULT_UPLOAD_EXECUTABLE_EXTENSIONS = Set.copyOf(List.of(
            "sh", "bash", "zsh", "ksh", "csh", "command", "ps1", "psm1", "bat", "cmd", "vbs", "vbe", "wsf", "wsh",
            "jse", "jar"));

    private static final DenyRulesConfig DEFAULTS = new DenyRulesConfig(Level.STANDARD, Set.of(), List.of(), List.of(),
            List.of(), DEFAULT_RESTRICTED_EXTENSIONS, DEFAULT_UPLOAD_EXECUTABLE_EXTENSIONS);

    public DenyRulesConfig {
        if (level == null) {
            level = Level.STANDARD;
        }
        logOnly = logOnly.stream().map(k -> k.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        overrides = List.copyOf(overrides);
        exceptions = List.copyOf(exceptions);
        customRules = List.copyOf(customRules);
        restrictedExtensions = checkedExtensions(restrictedExtensions);
        uploadExecutableExtensions = checkedExtensions(uploadExecutableExtensions);
    }

    /** The configuration with the built-in upload executable extensions. */
    public DenyRulesConfig(
            Level level, Set<String> logOnly, List<RuleOverride> overrides, List<DenyRuleException> exceptions,
            List<CustomRule> customRules, Set<String> restrictedExtensions) {
        this(level, logOnly, overrides, exceptions, customRules, restrictedExtensions,
                DEFAULT_UPLOAD_EXECUTABLE_EXTENSIONS);
    }

    /** The configuration with the built-in restricted and upload executable extensions. */
    public DenyRulesConfig(
            Level level, Set<String> logOnly, List<RuleOverride> overrides, List<DenyRuleException> exceptions,
            List<CustomRule> customRules) {
        this(level, logOnly, overrides, exceptions, customRules, DEFAULT_RESTRICTED_EXTENSIONS);
    }

    private static Set<String> checkedExtensions(Set<String> extensions) {
        Set<String> checked = new LinkedHashSet<>();
        for (String extension : extensions) {
            checked.add(checkedExtension(extension));
        }
        return Set.copyOf(checked);
    }

    /** Standard level, no overrides, exceptions or custom rules, the built-in restricted extensions. */
    public static DenyRulesConfig defaults() {
        return DEFAULTS;
    }

    /** The built-in restricted extensions, lower case and without the dot. */
    public static Set<String> defaultRestrictedExtensions() {
        return DEFAULT_RESTRICTED_EXTENSIONS;
    }

    /** The built-in upload executable extensions, lower case and without the dot. */
    public static Set<String> defaultUploadExecutableExtensions() {
        return DEFAULT_UPLOAD_EXECUTABLE_EXTENSIONS;
    }

    public DenyRulesConfig withLevel(Level newLevel) {
        return new DenyRulesConfig(newLevel, logOnly, overrides, exceptions, customRules, restrictedExtensions,
                uploadExecutableExtensions);
    }

    public DenyRulesConfig withRestrictedExtensions(Set<String> extensions) {
        return new DenyRulesConfig(level, logOnly, overrides, exceptions, customRules, extensions,
                uploadExecutableExtensions);
    }

    public DenyRulesConfig withUploadExecutableExtensions(Set<String> extensions) {
        return new DenyRulesConfig(level, logOnly, overrides, exceptions, customRules, restrictedExtensions,
                extensions);
    }

    /**
     * An extension as the rule compares it: lower case, without a leading dot; 1 to 16 ASCII
     * letters, digits, {@code _} or {@code -}.
     *
     * @throws IllegalArgumentException for anything else
     */
    static String checkedExtension(String extension) {
        String name = extension.trim();
        if (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.isEmpty() || name.length() > 16) {
            throw new IllegalArgumentException("not a file extension: '" + extension + "' (1 to 16 letters or digits)");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != '_' && c != '-') {
                throw new IllegalArgumentException("not a file extension: '" + extension + "' (1 to 16 letters or digits)");
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
