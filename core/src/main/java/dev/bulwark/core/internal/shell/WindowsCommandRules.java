package dev.bulwark.core.internal.shell;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/**
 * The rules of the Windows command injection family (key {@code WINCMD}), in the order
 * {@link WindowsCommandDetector} collects them.
 */
final class WindowsCommandRules {

    static final String KEY = "WINCMD";

    private static final String OWASP = "https://owasp.org/www-community/attacks/Command_Injection";

    static final RuleDefinition CHAIN = rule("WINCMD-CHAIN", Level.BASIC,
            "Known Windows command chained after a separator, or cmd.exe running a command with /c", OWASP);
    static final RuleDefinition POWERSHELL_RULE = rule("WINCMD-POWERSHELL", Level.BASIC,
            "PowerShell download cradle, encoded command or expression invocation",
            "https://attack.mitre.org/techniques/T1059/001/");
    static final RuleDefinition COMMAND = rule("WINCMD-COMMAND", Level.STANDARD,
            "Known Windows command or PowerShell cmdlet with command-line arguments, a command run by call or"
                    + " start, a program or script run by call (also in free text: Call setup.exe from the installer"
                    + " folder), or a command's output redirected into a script or a file on a drive", OWASP);
    static final RuleDefinition EVASION = rule("WINCMD-EVASION", Level.STANDARD,
            "Windows command name hidden by carets, quotes or environment variables such as %COMSPEC% /c",
            "https://capec.mitre.org/data/definitions/88.html");
    static final RuleDefinition BATCH = rule("WINCMD-BATCH", Level.STANDARD,
            "Batch FOR loop or IF statement, grammar found only in cmd.exe scripts",
            "https://attack.mitre.org/techniques/T1059/003/");
    static final RuleDefinition WEAK = rule("WINCMD-WEAK", Level.STRICT,
            "Known Windows command with little command-line context", OWASP);

    static final List<RuleDefinition> ALL =
            List.of(CHAIN, POWERSHELL_RULE, COMMAND, EVASION, BATCH, WEAK);

    private WindowsCommandRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
