package dev.bulwark.core.internal.shell;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/**
 * The rules of the Unix shell command injection family (key {@code UNIXCMD}), in the order
 * {@link UnixCommandDetector} collects them.
 */
final class UnixCommandRules {

    static final String KEY = "UNIXCMD";

    private static final String CWE78 = cwe(78);

    static final RuleDefinition SHELLSHOCK = rule("UNIXCMD-SHELLSHOCK", Level.BASIC,
            "Bash function definition that smuggles commands through an environment variable (Shellshock)",
            "https://nvd.nist.gov/vuln/detail/CVE-2014-6271");
    static final RuleDefinition REVERSE_SHELL = rule("UNIXCMD-REVERSE-SHELL", Level.BASIC,
            "Shell command that connects to a remote host through /dev/tcp or /dev/udp (reverse shell)", CWE78);
    static final RuleDefinition CHAIN = rule("UNIXCMD-CHAIN", Level.BASIC,
            "Known command chained after a shell separator or inside a command substitution",
            "https://owasp.org/www-community/attacks/Command_Injection");
    static final RuleDefinition COMMAND = rule("UNIXCMD-COMMAND", Level.STANDARD,
            "Known command in command position with command-line arguments",
            "https://owasp.org/www-community/attacks/Command_Injection");
    static final RuleDefinition EVASION = rule("UNIXCMD-EVASION", Level.STANDARD,
            "Command name hidden by quoting, escapes, empty expansions, globbing or brace expansion",
            "https://capec.mitre.org/data/definitions/88.html");
    static final RuleDefinition GLOB_PATH = rule("UNIXCMD-GLOB-PATH", Level.STANDARD,
            "Sensitive system file named through shell wildcards, e.g. /etc/pa??wd",
            "https://capec.mitre.org/data/definitions/88.html");
    static final RuleDefinition EXPANSION = rule("UNIXCMD-EXPANSION", Level.STANDARD,
            "Shell-only expansion: arithmetic $((...)) or $[...], parameter expansion with an operator"
                    + " (${x#y}, ${x:-y}, ${!x}), directory-stack tilde (~+, ~-) or history offset (!-1)",
            "https://capec.mitre.org/data/definitions/88.html");
    static final RuleDefinition FORK_BOMB = rule("UNIXCMD-FORK-BOMB", Level.STANDARD,
            "Shell function that calls itself through a pipe or in the background (fork bomb)",
            cwe(400));
    static final RuleDefinition SQLITE_DOT_COMMAND = rule("UNIXCMD-SQLITE-DOT-COMMAND", Level.STANDARD,
            "SQLite shell dot-command that runs a program or touches files (.shell, .system, .import, .load)"
                    + " after a statement separator or line break",
            "https://sqlite.org/cli.html#special_commands_to_sqlite3_dot_commands_");
    static final RuleDefinition WEAK = rule("UNIXCMD-WEAK", Level.STRICT,
            "Known command name with little command-line context, e.g. a bare tool name", CWE78);

    static final List<RuleDefinition> ALL =
            List.of(SHELLSHOCK, REVERSE_SHELL, CHAIN, COMMAND, EVASION, GLOB_PATH, EXPANSION, FORK_BOMB,
                    SQLITE_DOT_COMMAND, WEAK);

    private UnixCommandRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
