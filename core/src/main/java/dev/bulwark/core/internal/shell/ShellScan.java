package dev.bulwark.core.internal.shell;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.TextProfile;
import java.util.Arrays;
import java.util.List;

/**
 * What the Unix and Windows command scans share: how strong a command position is, and the
 * findings of one value. The dialects parse differently but judge the same way, so they keep the
 * first place each rule matched, stop parsing once a rule that blocks above STRICT has matched,
 * and report in rule order.
 */
abstract class ShellScan {

    /** Nesting levels tracked; deeper groups share the last one. */
    static final int MAX_LEVELS = 14;

    // Context strength of a command position.
    static final int START = 0;
    static final int SPACED = 1;
    static final int TIGHT = 2;

    /** Spaces and tabs: the blanks that open a cmd.exe value and end its command's name. */
    static final AsciiSet BLANKS = AsciiSet.of(" \t");
    /**
     * Spaces, tabs and line breaks ({@link ShellTokenizer#isBlank}): the blanks that open a POSIX
     * value and end its command's name.
     */
    static final AsciiSet BLANKS_AND_BREAKS = AsciiSet.of(" \t\n\r");

    private final List<RuleDefinition> rules;
    private final boolean[] found;
    private final int[] foundOffset;
    private final int[] foundLength;
    /** Whether a rule above STRICT has matched, so that no further reading can add a block. */
    boolean anyBlocking;
    /** Length of the text being parsed; findings are clamped to it. */
    int textLength;

    ShellScan(List<RuleDefinition> rules) {
        this.rules = rules;
        found = new boolean[rules.size()];
        foundOffset = new int[rules.size()];
        foundLength = new int[rules.size()];
    }

    /** Forgets the findings of the previous value. */
    final void clearFindings(int length) {
        Arrays.fill(found, false);
        anyBlocking = false;
        textLength = length;
    }

    /** Keeps the first place {@code rule} matched, clamped to the text. */
    final void find(RuleDefinition rule, int start, int end) {
        int i = rules.indexOf(rule);
        if (!found[i]) {
            found[i] = true;
            int from = Math.max(0, Math.min(start, textLength));
            foundOffset[i] = from;
            foundLength[i] = Math.max(0, Math.min(end, textLength) - from);
        }
        if (rule.level() != Level.STRICT) {
            anyBlocking = true;
        }
    }

    final void report(DetectionSink sink) {
        for (int i = 0; i < found.length; i++) {
            if (found[i]) {
                sink.report(rules.get(i), foundOffset[i], foundLength[i]);
            }
        }
    }

    /** End of the run of {@code blanks} that starts at {@code at} in {@code text}. */
    static int skip(String text, int at, AsciiSet blanks) {
        int i = at;
        while (i < text.length() && blanks.contains(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * End of the word that starts at {@code at} in {@code text}: its first character of {@code
     * blanks}, or the text's end. The name a sentence reading looks up ({@link ProseOperands}).
     */
    static int wordEnd(String text, int at, AsciiSet blanks) {
        int i = at;
        while (i < text.length() && !blanks.contains(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** End of the value's first word (its first space or tab), which the quick rejects look up. */
    static int firstWordEnd(String text, TextProfile profile) {
        return profile.hasAny(BLANKS) ? wordEnd(text, 0, BLANKS) : text.length();
    }

    /**
     * Strength of the command position after separator {@code sep}: a new line starts a fresh
     * command, {@code &} after a query-like word is more likely a query string than a shell.
     */
    static int strengthAfter(int sep, boolean queryish, boolean spaceBefore) {
        if (sep == ShellTokenizer.NEWLINE) {
            return SPACED;
        }
        if (sep == ShellTokenizer.AMP && queryish) {
            return START;
        }
        return spaceBefore ? SPACED : TIGHT;
    }

    /** Whether the word holds {@code =} or {@code ?}, as query strings and assignments do. */
    static boolean hasQueryChars(char[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = b[i];
            if (c == '=' || c == '?') {
                return true;
            }
        }
        return false;
    }
}
