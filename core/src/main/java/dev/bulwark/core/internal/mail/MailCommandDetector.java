package dev.bulwark.core.internal.mail;

import dev.bulwark.core.internal.decode.PercentDecoder;
import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.CommandTable;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Lexicon;
import dev.bulwark.core.internal.rules.NameWords;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;

/**
 * Detects SMTP, POP3 and IMAP command injection: a line break followed by a line that is a mail
 * protocol command, which a webmail or contact form that passes the value into a mail session
 * would execute (CAPEC-183).
 *
 * <p>A line counts only when its whole shape is a protocol command: {@code MAIL FROM:}/{@code
 * RCPT TO:}, {@code HELO host}, a bare upper-case {@code DATA}/{@code QUIT}, a message command
 * with only numbers as arguments ({@code RETR 1}), an upper-case POP3 {@code USER}/{@code PASS} with one
 * argument, {@code AUTH}/{@code APOP} with a credential
 * token, or an IMAP tag with a digit followed by an IMAP command. Ordinary multi-line text
 * ("List of items", "Data will follow") does not have that shape. A lone CR counts as a line
 * break too: SMTP servers that accept bare CR end the line there.
 *
 * <p>Mail header injection (CAPEC-134) is the same attack on the message instead of the session:
 * a value placed into a header of an outgoing message ({@code To}, {@code Subject}) that adds
 * header lines. It is reported when a lone e-mail address (the shape of an address field) is
 * followed by a line with a message header ({@code Subject:}, {@code Bcc:} ...), or when an
 * address header ({@code Bcc:}, {@code Cc:}, {@code To:} ...) with an address follows a break at
 * the start of the value or, outside bodies, anywhere (there also {@code Subject:} and other
 * message headers after a first line of one word). Pasted messages ("From: ... To: ...") and
 * contact details ("a@b.example" then "Phone: ...") are left alone.
 *
 * <p>Values that keep their percent-escapes (headers, JSON, XML) are read decoded as well
 * ({@code victim@example.com%0d%0aBcc:...}), line breaks spelled as the escapes
 * {@code \r} and {@code \n} are read as line breaks, and so are those that a mail library makes
 * of RFC 2047 encoded words and of characters whose low byte is CR or LF ({@link HiddenLineBreaks}).
 *
 * <p>Rules {@code MAILCMD-INJECTION} and {@code MAILCMD-HEADER-INJECTION}, STANDARD.
 */
public final class MailCommandDetector extends RuleFamily {

    /** Headers that add recipients or redirect replies, lower case. */
    private static final Lexicon ADDRESS_HEADERS = Lexicon.of(
            "to", "cc", "bcc", "from", "reply-to", "sender", "return-path", "resent-to", "resent-cc", "resent-bcc",
            "resent-from", "disposition-notification-to", "errors-to");

    /** Other headers of a message, lower case: they change its subject, type or routing. */
    private static final Lexicon MESSAGE_HEADERS = Lexicon.of(
            "subject", "content-type", "content-transfer-encoding", "content-disposition", "mime-version", "x-mailer",
            "message-id", "date", "x-priority", "importance", "references", "in-reply-to", "list-unsubscribe",
            "x-originating-ip", "received");

    /** Message headers that no ordinary line of text starts with, lower case: counted after any break outside bodies. */
    private static final Lexicon DISTINCT_MESSAGE_HEADERS = Lexicon.of(
            "subject", "content-type", "content-transfer-encoding", "mime-version", "x-mailer");

    /** SASL mechanisms named after {@code AUTH} / {@code AUTHENTICATE}. */
    private static final CommandTable SASL = new CommandTable(
            "LOGIN PLAIN CRAM-MD5 DIGEST-MD5 NTLM GSSAPI XOAUTH2 OAUTHBEARER ANONYMOUS EXTERNAL SCRAM-SHA-1 SCRAM-SHA-256", 1);

    /**
     * IMAP commands that are not English words of everyday text: with an upper-case spelling
     * they make a line with a purely numeric tag ({@code 1 LOGOUT}) a command.
     */
    private static final CommandTable IMAP_DISTINCT = new CommandTable(
            "LOGIN LOGOUT CAPABILITY EXAMINE LSUB EXPUNGE AUTHENTICATE UID FETCH NAMESPACE IDLE STARTTLS UNSELECT", 1);

    /**
     * Words of form and JSON field names whose values a mail form puts into a header of the
     * message (recipient, sender, subject, the sender's name): such a field is judged as a query
     * parameter is, not as the free text of a body, since no line break belongs in it.
     */
    private static final String[] HEADER_FIELD_WORDS = {
        "to", "cc", "bcc", "from", "reply", "replyto", "sender", "recipient", "recipients", "subject", "name",
        "username", "firstname", "lastname", "fullname", "displayname", "email", "mail", "address",
    };

    /** Longest header field name looked at. */
    private static final int MAX_FIELD_NAME = 40;

    /** Line breaks; where escapes are kept, a {@code %} may spell one too (see {@link #scan}). */
    private static final AsciiSet BREAKS = AsciiSet.of("\r\n");

    /**
     * Undoes percent-escapes in values the engine passes on with them, two layers deep as
     * {@code XssDetector} does: {@code %0d%0a} and {@code %250a} read as the line breaks that an
     * application which decodes the value sees.
     */
    private static final PercentDecoder PERCENT_ESCAPES = new PercentDecoder(2);

    private static final CommandTable BARE = new CommandTable(
            "DATA QUIT RSET NOOP STARTTLS STAT CAPA LOGOUT TURN HELP LIST UIDL", 1);
    private static final CommandTable NUMERIC = new CommandTable("RETR DELE TOP LIST UIDL", 1);
    private static final CommandTable ONE_ARGUMENT = new CommandTable("HELO EHLO VRFY EXPN", 1);
    /** POP3 login commands: with one argument and in capitals ({@code PASS secret}), as text does not write them. */
    private static final CommandTable POP3_LOGIN = new CommandTable("USER PASS", 1);
    private static final CommandTable IMAP = new CommandTable(
            "LOGIN SELECT EXAMINE CREATE DELETE RENAME SUBSCRIBE UNSUBSCRIBE LIST LSUB STATUS APPEND"
                    + " CHECK CLOSE EXPUNGE SEARCH FETCH STORE COPY MOVE UID LOGOUT CAPABILITY NOOP"
                    + " AUTHENTICATE IDLE NAMESPACE QUIT",
            1);

    public MailCommandDetector() {
        super(MailRules.KEY, MailRules.ALL);
    }

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        String text = target.text();
        if (target.profile().has('@') && target.profile().has('-') && findSendmailOption(text, sink)) {
            return;
        }
        boolean escaped = target.keepsPercentEscapes() && target.profile().has('%');
        boolean backslash = target.profile().has('\\');
        String revealed = target.profile().has('?') || target.profile().hasNonAscii() ? HiddenLineBreaks.revealed(text) : text;
        boolean hidden = revealed != text;
        if (!target.profile().hasAny(BREAKS) && !escaped && !backslash && !hidden) {
            return;
        }
        boolean body = target.source().isBody() && !NameWords.containsWord(target.name(), HEADER_FIELD_WORDS);
        int whole = text.length();
        DetectionSink wholeValue = (rule, offset, length) -> sink.report(rule, 0, whole);
        if (escaped) {
            String decoded = PERCENT_ESCAPES.decode(text, false).text();
            if (!decoded.equals(text)) {
                if (scanLines(decoded, body, wholeValue)) {
                    return;
                }
                text = decoded;
            }
        }
        if (backslash) {
            String unescaped = lineBreakEscapesDecoded(text);
            if (unescaped != text && scanLines(unescaped, body, wholeValue)) {
                return;
            }
        }
        if (hidden || escaped) {
            // the value as sent was revealed above; a percent-decoded copy is revealed here
            String read = text == target.text() ? revealed : HiddenLineBreaks.revealed(text);
            if (read != text && scanLines(read, body, wholeValue)) {
                return;
            }
        }
        scanLines(target.text(), body, sink);
    }

    /**
     * {@code text} with the escapes {@code \r} and {@code \n} read as CR and LF, or {@code text}
     * itself when it has none: many payloads spell the line break that way, and a string literal
     * or an unescaping step in the application turns it into one.
     */
    static String lineBreakEscapesDecoded(String text) {
        StringBuilder out = null;
        int copied = 0;
        for (int i = text.indexOf('\\'); i >= 0 && i + 1 < text.length(); i = text.indexOf('\\', i + 1)) {
            char next = text.charAt(i + 1);
            if (next != 'r' && next != 'n') {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, i).append(next == 'r' ? '\r' : '\n');
            copied = i + 2;
            i++;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /**
     * A sendmail command-line option after a blank or quote in a value that holds an address: the
     * sender address a PHP {@code mail()} or PHPMailer call passes to {@code sendmail -f} ends at
     * the blank, and the options after it run (CVE-2016-10033). Reported: {@code -X} (log the
     * session to a file, a web shell when under the document root), {@code -C} (read another
     * configuration), {@code -oQ}/{@code -OQueueDirectory=} (queue in a chosen folder), each with
     * an absolute path, and {@code -be ${...}} (Exim's string expansion, which runs commands).
     */
    private static boolean findSendmailOption(String text, DetectionSink sink) {
        for (int i = text.indexOf('-'); i > 0 && i + 2 < text.length(); i = text.indexOf('-', i + 1)) {
            char before = text.charAt(i - 1);
            if (before != ' ' && before != '\t' && before != '"' && before != '\'') {
                continue;
            }
            int option = i + 1;
            int argument;
            if (text.startsWith("OQueueDirectory=", option)) {
                argument = -1;
            } else if (text.startsWith("oQ", option)) {
                argument = option + 2;
            } else if (text.charAt(option) == 'X' || text.charAt(option) == 'C') {
                argument = option + 1;
            } else if (text.startsWith("be ", option) && text.startsWith("${", skipSpaces(text, option + 2, text.length()))) {
                argument = -1;
            } else {
                continue;
            }
            if (argument < 0 || isAbsolutePath(text, skipSpaces(text, argument, text.length()))) {
                sink.report(MailRules.SENDMAIL_OPTION, i, Math.min(text.length(), option + 40) - i);
                return true;
            }
        }
        return false;
    }

    /** Whether an absolute path with at least two names ({@code /var/www}, {@code c:\\x\\y}) starts at {@code at}. */
    private static boolean isAbsolutePath(String text, int at) {
        int start;
        if (at < text.length() && text.charAt(at) == '/') {
            start = at;
        } else if (at + 2 < text.length() && Ascii.isLetter(text.charAt(at)) && text.charAt(at + 1) == ':'
                && (text.charAt(at + 2) == '\\' || text.charAt(at + 2) == '/')) {
            start = at + 2;
        } else {
            return false;
        }
        int separators = 0;
        for (int i = start; i < text.length() && i < start + 256; i++) {
            char c = text.charAt(i);
            if (c == '/' || c == '\\') {
                separators++;
                if (separators == 2) {
                    return i > start + 1;
                }
            } else if (!Ascii.isAlnum(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return false;
    }

    /** Judges every line after a line break; returns whether something was reported. */
    private static boolean scanLines(String text, boolean body, DetectionSink sink) {
        int lineStart = nextBreak(text, 0);
        if (lineStart < 0) {
            return false;
        }
        int firstLine = firstLineShape(text, lineStart);
        if (!body && firstLine == ADDRESS) {
            int blankLineEnd = blankLineEnd(text, lineStart);
            if (blankLineEnd > 0 && blankLineEnd < text.length() && !isAddress(text, blankLineEnd, lineEnd(text, blankLineEnd))) {
                // an address, an empty line, then text: a message body of the attacker's choosing
                sink.report(MailRules.HEADER_INJECTION, lineStart, text.length() - lineStart);
                return true;
            }
        }
        int checked = 0;
        while (lineStart >= 0 && checked++ < 1000) {
            int from = lineStart;
            while (from < text.length() && isBreak(text.charAt(from))) {
                from++;
            }
            int to = nextBreak(text, from);
            int end = to < 0 ? text.length() : to;
            int trimmed = end;
            while (trimmed > from && text.charAt(trimmed - 1) == ' ') {
                trimmed--;
            }
            if (isCommandLine(text, from, trimmed)) {
                sink.report(MailRules.INJECTION, from, trimmed - from);
                return true;
            }
            if (isInjectedHeader(text, from, trimmed, firstLine, checked == 1, body)) {
                sink.report(MailRules.HEADER_INJECTION, from, trimmed - from);
                return true;
            }
            lineStart = to;
        }
        return false;
    }

    /**
     * What the text before the first line break is: nothing, one e-mail address, one word, a
     * header field of its own (a pasted message starts so), or other text.
     */
    private static final int EMPTY = 1;
    private static final int ADDRESS = 2;
    private static final int WORD = 3;
    private static final int FIELD = 4;
    private static final int OTHER = 5;

    /**
     * A header field line {@code Name: value} that a mail header value cannot hold: a message
     * header right after a lone address; an address header with an address right after an
     * empty first line or, outside bodies, on any line unless the value starts as a pasted
     * message does (with a field); outside bodies also {@code Subject:}, {@code MIME-Version:}
     * and the like right after an empty or one-word first line.
     */
    private static boolean isInjectedHeader(String text, int from, int to, int firstLine, boolean firstBreak,
            boolean body) {
        int nameEnd = fieldNameEnd(text, from, to);
        if (nameEnd < 0) {
            return false;
        }
        if (firstBreak && firstLine == ADDRESS
                && (MESSAGE_HEADERS.contains(text, from, nameEnd) || ADDRESS_HEADERS.contains(text, from, nameEnd))) {
            return true;
        }
        if (body ? !(firstBreak && firstLine == EMPTY) : firstLine == FIELD) {
            return false;
        }
        if (!body && firstBreak && (firstLine == EMPTY || firstLine == WORD)
                && DISTINCT_MESSAGE_HEADERS.contains(text, from, nameEnd)) {
            return true;
        }
        return hasAt(text, nameEnd, to) && ADDRESS_HEADERS.contains(text, from, nameEnd);
    }

    /** Where the name of a header field {@code Name: value} in {@code text[from, to)} ends, or -1. */
    private static int fieldNameEnd(String text, int from, int to) {
        int nameEnd = from;
        int limit = Math.min(to, from + MAX_FIELD_NAME);
        while (nameEnd < limit && (Ascii.isAlnum(text.charAt(nameEnd)) || text.charAt(nameEnd) == '-')) {
            nameEnd++;
        }
        if (nameEnd == from || nameEnd + 1 >= to || text.charAt(nameEnd) != ':' || !Ascii.isLetter(text.charAt(from))) {
            return -1;
        }
        return nameEnd;
    }

    private static boolean hasAt(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '@') {
                return true;
            }
        }
        return false;
    }

    /**
     * The shape of {@code text[0, end)}: {@link #EMPTY}, {@link #ADDRESS} ({@code a@b.c}, no
     * blanks), {@link #FIELD} ({@code From: ...}), {@link #WORD} (no blanks) or {@link #OTHER}.
     */
    private static int firstLineShape(String text, int end) {
        int start = skipSpaces(text, 0, end);
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        if (start == end) {
            return EMPTY;
        }
        if (isAddress(text, start, end)) {
            return ADDRESS;
        }
        if (fieldNameEnd(text, start, end) > 0) {
            return FIELD;
        }
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == ' ' || text.charAt(i) == '\t') {
                return OTHER;
            }
        }
        return WORD;
    }

    private static boolean isAddress(String text, int start, int end) {
        int at = -1;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            } else if (c == ' ' || c == '\t' || c == ',' || c == ';' || c == '"') {
                return false;
            }
        }
        if (at <= start) {
            return false;
        }
        for (int i = at + 2; i < end - 1; i++) {
            if (text.charAt(i) == '.') {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the text after an empty line starts, when the line break at {@code breakAt} is
     * followed by another ({@code CRLF CRLF}, {@code LF LF}); else -1.
     */
    private static int blankLineEnd(String text, int breakAt) {
        int i = breakAt;
        int lineFeeds = 0;
        int carriageReturns = 0;
        while (i < text.length() && isBreak(text.charAt(i))) {
            if (text.charAt(i++) == '\n') {
                lineFeeds++;
            } else {
                carriageReturns++;
            }
        }
        while (i < text.length() && Ascii.isSpace(text.charAt(i))) {
            i++;
        }
        return lineFeeds >= 2 || (lineFeeds == 0 && carriageReturns >= 2) ? i : -1;
    }

    private static int lineEnd(String text, int from) {
        int end = nextBreak(text, from);
        end = end < 0 ? text.length() : end;
        while (end > from && text.charAt(end - 1) == ' ') {
            end--;
        }
        return end;
    }

    private static boolean isBreak(char c) {
        return c == '\r' || c == '\n';
    }

    /** The index of the next CR or LF at or after {@code from}, or -1. */
    private static int nextBreak(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (isBreak(text.charAt(i))) {
                return i;
            }
        }
        return -1;
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
        if (POP3_LOGIN.get(text, from, firstEnd) != 0) {
            return third == to && isUpperCase(text, from, firstEnd);
        }
        if (firstEnd - from == 4 && startsWithIgnoreCase(text, from, firstEnd, "HELP")) {
            // SMTP "HELP topic": in capitals after the protocol's CRLF, as "help me" or a "HELP
            // WANTED" line typed into a text field is not.
            return third == to && isUpperCase(text, from, firstEnd) && from >= 2 && text.charAt(from - 2) == '\r';
        }
        if (NUMERIC.get(text, from, firstEnd) != 0) {
            return onlyNumbers(text, second, to);
        }
        if (third == to && firstEnd - from == 4 && text.startsWith("AUTH", from) && SASL.get(text, second, secondEnd) != 0
                && isUpperCase(text, second, secondEnd)) {
            // "AUTH LOGIN": the mechanism alone, the credentials follow on the next lines
            return true;
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
                digit |= Ascii.isDigit(text.charAt(i));
                letter |= Ascii.isLetter(text.charAt(i));
            }
            return (digit && letter) || (letter && hasImapSyntax(text, third, to))
                    || (IMAP_DISTINCT.get(text, second, secondEnd) != 0 && isUpperCase(text, second, secondEnd));
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
            if (!Ascii.isAlnum(text.charAt(i))) {
                return false;
            }
        }
        return to > from;
    }

    private static boolean isToken(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(Ascii.isAlnum(c) || c == '+' || c == '/' || c == '=')) {
                return false;
            }
        }
        return true;
    }

    private static boolean onlyNumbers(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!Ascii.isDigit(c) && c != ' ') {
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
