package dev.bulwark.core.internal.mail;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/**
 * The rules of the mail command injection family (key {@code MAILCMD}), in the order
 * {@link MailCommandDetector} collects them.
 */
final class MailRules {

    /** The family key. */
    static final String KEY = "MAILCMD";

    static final RuleDefinition INJECTION = rule("MAILCMD-INJECTION", Level.STANDARD,
            "Line break followed by an SMTP, POP3 or IMAP command",
            "https://capec.mitre.org/data/definitions/183.html");

    static final RuleDefinition HEADER_INJECTION = rule("MAILCMD-HEADER-INJECTION",
            Level.STANDARD, "Line break in an address or subject value followed by a mail header (Bcc:, Cc:, To:, Subject:)",
            "https://capec.mitre.org/data/definitions/134.html");

    static final RuleDefinition SENDMAIL_OPTION = rule("MAILCMD-SENDMAIL-OPTION", Level.STANDARD,
            "Address followed by a sendmail option that writes a log file or reads another configuration (-X, -C, -oQ)",
            "https://cwe.mitre.org/data/definitions/88.html");

    static final List<RuleDefinition> ALL = List.of(INJECTION, HEADER_INJECTION, SENDMAIL_OPTION);

    private MailRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
