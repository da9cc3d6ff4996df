package dev.bulwark.core.internal.shell;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.CommandTable;
import dev.bulwark.core.internal.rules.Lexicon;

/**
 * First operands after which a command's name that opens the value is the first word of a
 * sentence, not a command line: {@code whoami says root}, {@code ifconfig vs ip addr}, {@code ssh
 * into 192.168.1.10 and check}, {@code bash 5.2.15(1)-release}, {@code ipconfig release renew}.
 *
 * <p>Why these are safe to let through: each makes the command fail or point at nothing. An
 * English function word, a verb or a topic noun is no file, host or interface a program is given
 * ({@code ssh into} connects to no host "into"), a version number is the banner a program prints,
 * and a program that takes options only stops at any other word. The detectors apply the reading
 * only to a literal name that opens the value, not to a prefix command (which would run the word)
 * and only when every other argument is a plain word, number or host: an option, path, URL,
 * redirection or substitution still makes a command line ({@code cat to /etc/passwd}), and a
 * command after a separator is judged on its own as after any sentence.
 */
final class ProseOperands {

    /** No reading: an option, a number or a word that may be a real operand. */
    static final int NONE = 0;
    /** A word of {@link #WORDS}. */
    static final int PROSE = 1;
    /** A dotted version number: {@code 5.2.15}, {@code v7.4}. */
    static final int VERSION = 2;
    /** Any other plain word, which only a command that takes no operands rejects. */
    static final int OTHER_WORD = 3;

    /**
     * A closed table of English words no program takes as its first operand: articles,
     * conjunctions, prepositions, auxiliaries, verbs that describe what a command does, and nouns
     * that ask about it ({@code bash script}, {@code curl example}). No shell keyword and no
     * command name is among them.
     */
    private static final Lexicon WORDS = Lexicon.of(
            // Articles, conjunctions, prepositions.
            "the", "an", "and", "or", "but", "nor", "vs", "versus", "into", "onto", "to", "with", "without",
            "about", "of", "than", "like", "instead",
            // Pronouns.
            "it", "this", "that", "these", "those", "you", "we", "they", "he", "she", "me", "my", "your",
            // Copulas and auxiliaries.
            "is", "are", "was", "were", "be", "been", "has", "had", "have", "can", "cannot", "could",
            "should", "would", "will", "may", "might", "must", "does", "did", "doesnt", "didnt", "isnt",
            "wont", "cant", "not", "also", "just", "only", "still", "never", "always",
            // Verbs that describe a command's output or behaviour.
            "says", "said", "shows", "showed", "shown", "tells", "told", "gives", "gave", "means", "meaning",
            "returns", "returned", "prints", "printed", "lists", "listed", "displays", "displayed",
            "reports", "reported", "outputs", "works", "worked", "working", "fails", "failed", "failing",
            "hangs", "hung", "keeps", "needs", "seems", "gets", "got", "stopped", "broke", "broken",
            // Nouns of a question about the tool.
            "script", "scripts", "scripting", "tutorial", "tutorials", "syntax", "example", "examples",
            "command", "commands", "cheatsheet", "alternative", "alternatives", "equivalent", "explained",
            "documentation", "guide", "basics", "tips", "tricks", "questions", "interview", "course");

    /** Unix commands that take options only: any other word is an error ({@code whoami: extra operand}). */
    static final CommandTable UNIX_NO_OPERANDS =
            new CommandTable("whoami lsmod dmesg lsb_release lspci lsusb lscpu", 1);

    /**
     * Windows commands that take switches only ({@code ipconfig /all}, {@code netstat -ano}; netstat
     * also an interval in seconds): a plain word is an error.
     */
    static final CommandTable WINDOWS_NO_OPERANDS =
            new CommandTable("whoami ipconfig systeminfo getmac netstat tasklist", 1);

    private ProseOperands() {}

    /** The reading ({@link #PROSE}, {@link #VERSION}, {@link #OTHER_WORD} or {@link #NONE}) of a first operand. */
    static int of(char[] b, int from, int to) {
        if (from >= to) {
            return NONE;
        }
        if (WORDS.contains(b, from, to)) {
            return PROSE;
        }
        if (isVersion(b, from, to)) {
            return VERSION;
        }
        for (int i = from; i < to; i++) {
            if (!Ascii.isLetter(b[i])) {
                return NONE;
            }
        }
        return OTHER_WORD;
    }

    /**
     * Whether what follows the separator that ends a sentence-like command is more prose: the
     * value's end, or a plain word of letters, digits and punctuation that names no command of
     * {@code commands} ({@code ; 30 hops max}, {@code & Co. party supplies}). A known command, a path,
     * a quote, a substitution or another separator keeps the whole line a command line ({@code
     * whoami the; id}). Reads one word at most.
     */
    static boolean proseFollows(String text, int at, CommandTable commands) {
        int i = at;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (i >= text.length()) {
            return true;
        }
        int start = i;
        while (i < text.length() && text.charAt(i) != ' ' && text.charAt(i) != '\t') {
            char c = text.charAt(i);
            if (!Ascii.isLetter(c) && !Ascii.isDigit(c) && c != '.' && c != ',' && c != '-' && c != ':') {
                return false;
            }
            i++;
        }
        return i > start && commands.get(text, start, i) == 0;
    }

    /**
     * Whether {@code b[from, to)} is a dotted version number of at most 24 characters: digits
     * with at least one dot, opening and ending with a digit (a leading {@code v} allowed), and no
     * IPv4 address ({@code 127.0.0.1} is the host of a command line).
     */
    static boolean isVersion(char[] b, int from, int to) {
        if (to - from > 24) {
            return false;
        }
        int i = from < to && (b[from] == 'v' || b[from] == 'V') ? from + 1 : from;
        if (i >= to || !Ascii.isDigit(b[i]) || !Ascii.isDigit(b[to - 1])) {
            return false;
        }
        int dots = 0;
        int part = 0;
        boolean octets = true;
        for (; i < to; i++) {
            char c = b[i];
            if (c == '.') {
                if (b[i - 1] == '.') {
                    return false;
                }
                dots++;
                part = 0;
            } else if (Ascii.isDigit(c)) {
                part = part * 10 + (c - '0');
                octets &= part <= 255;
            } else {
                return false;
            }
        }
        return dots > 0 && !(dots == 3 && octets);
    }
}
