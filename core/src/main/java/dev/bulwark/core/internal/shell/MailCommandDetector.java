package dev.bulwark.core.internal.shell;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Detector;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.ScanTarget;
import java.util.List;

/**
 * Detects SMTP, POP3 and IMAP command injection: a line break followed by a line that is a mail
 * protocol command, which a webmail or contact form that passes the value into a mail session
 * would execute (CAPEC-183).
 *
 * <p>A line counts only when its whole shape is a protocol command: {@code MAIL FROM:}/{@code
 * RCPT TO:}, {@code HELO host}, a bare upper-case {@code DATA}/{@code QUIT}, a message command
 * with only numbers as arguments ({@code RETR 1}), {@code AUTH}/{@code APOP} with a credential
 * token, or an IMAP tag with a digit followed by an IMAP command. Ordinary multi-line text
 * ("List of items", "Data will follow") does not have that shape.
 *
 * <p>Rule {@code MAILCMD-INJECTION}, STANDARD.
 */
public final class MailCommandDetector implements Detector {

    /** The family key. */
    public static final String KEY = "MAILCMD";

    static final RuleDefinition INJECTION = new RuleDefinition("MAILCMD-INJECTION", KEY, Level.STANDARD,
            "Line break followed by an SMTP, POP3 or IMAP command",
            "https://capec.mitre.org/data/definitions/183.html");

    private static final List<RuleDefinition> RULES = List.of(INJECTION);

    private static final CommandTable BARE = new CommandTable(
            "DATA QUIT RSET NOOP STARTTLS STAT CAPA LOGOUT TURN HELP", 1);
    private static final CommandTable NUMERIC = new CommandTable("RETR DELE TOP LIST UIDL", 1);
    private static final CommandTable ONE_ARGUMENT = new CommandTable("HELO EHLO VRFY EXPN", 1);
    private static final CommandTable IMAP = new CommandTable(
            "LOGIN SELECT EXAMINE CREATE DELETE RENAME SUBSCRIBE UNSUBSCRIBE LIST LSUB STATUS APPEND"
                    + " CHECK CLOSE EXPUNGE SEARCH FETCH STORE COPY MOVE UID LOGOUT CAPABILITY NOOP"
                    + " AUTHENTICATE IDLE NAMESPACE QUIT",
            1);

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
        if (!target.profile().has('\n')) {
            return;
        }
        String text = target.text();
        int lineStart = text.indexOf('\n');
        int checked = 0;
        while (lineStart >= 0 && checked++ < 1000) {
            int from = lineStart + 1;
            int to = text.indexOf('\n', from);
            int end = to < 0 ? text.length() : to;
            int trimmed = end;
            while (trimmed > from && (text.charAt(trimmed - 1) == '\r' || text.charAt(trimmed - 1) == ' ')) {
                trimmed--;
            }
            if (isCommandLine(text, from, trimmed)) {
                sink.report(INJECTION, from, trimmed - from);
                return;
            }
            lineStart = to;
        }
    }

    /** Whether {@code text[from, to)} has the shape of a mail protocol command. */
    static boolean isCommandLine(String text, int from, int to) {
        if (to - from < 4 || to - from > 1000) {
            return false;
        }
        int firstEnd = wordEnd(text, from, to);
        int second = skipSpaces(text, firstEnd, to);
        if (startsWithIgnoreCase(text, from, to, "MAIL FROM:") || startsWithIgnoreCase(text, from, to, "RCPT TO:")) {
            return true;
        }
        if (second == to) {
            return BARE.get(text, from, firstEnd) != 0 && isUpperCase(text, from, firstEnd);
        }
        int secondEnd = wordEnd(text, second, to);
        int third = skipSpaces(text, secondEnd, to);
        if (ONE_ARGUMENT.get(text, from, firstEnd) != 0) {
            return third == to;
        }
        if (firstEnd - from == 4 && startsWithIgnoreCase(text, from, firstEnd, "HELP")) {
            // SMTP "HELP topic": in capitals after the protocol's CRLF, as "help me" or a "HELP
            // WANTED" line typed into a text field is not.
            return third == to && isUpperCase(text, from, firstEnd) && from >= 2 && text.charAt(from - 2) == '\r';
        }
        if (NUMERIC.get(text, from, firstEnd) != 0) {
            return onlyNumbers(text, second, to);
        }
        if (third < to && (startsWithIgnoreCase(text, from, firstEnd, "AUTH")
                || startsWithIgnoreCase(text, from, firstEnd, "APOP")) && firstEnd - from == 4) {
            int thirdEnd = wordEnd(text, third, to);
            return thirdEnd == to && thirdEnd - third >= 8 && isToken(text, third, thirdEnd);
        }
        if (IMAP.get(text, second, secondEnd) != 0 && firstEnd - from <= 8 && isTag(text, from, firstEnd)) {
            boolean digit = false;
            boolean letter = false;
            for (int i = from; i < firstEnd; i++) {
                digit |= ShellWords.isDigit(text.charAt(i));
                letter |= ShellWords.isLetter(text.charAt(i));
            }
            return (digit && letter) || (letter && hasImapSyntax(text, third, to));
        }
        return false;
    }

    private static boolean hasImapSyntax(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '{' || c == '\\' || c == '"' || c == '*') {
                return true;
            }
        }
        return false;
    }

    private static boolean isTag(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!ShellTokenizer.isAlnum(text.charAt(i))) {
                return false;
            }
        }
        return to > from;
    }

    private static boolean isToken(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(ShellTokenizer.isAlnum(c) || c == '+' || c == '/' || c == '=')) {
                return false;
            }
        }
        return true;
    }

    private static boolean onlyNumbers(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!ShellWords.isDigit(c) && c != ' ') {
                return false;
            }
        }
        return true;
    }

    private static boolean isUpperCase(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z') {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithIgnoreCase(String text, int from, int to, String prefix) {
        return to - from >= prefix.length() && text.regionMatches(true, from, prefix, 0, prefix.length());
    }

    private static int wordEnd(String text, int from, int to) {
        int i = from;
        while (i < to && text.charAt(i) != ' ' && text.charAt(i) != '\t') {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String text, int from, int to) {
        int i = from;
        while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
