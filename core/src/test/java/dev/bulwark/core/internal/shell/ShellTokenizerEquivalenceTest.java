package dev.bulwark.core.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer reads plain runs in one pass with the copy and finishes plain words in one step;
 * these tests hold it to {@link ShellTokenizerReference}, the tokenizer before that change: the
 * same token stream (type, kind, offsets, depth, blank before, word text and buffer range, flags,
 * raw position) for every input, in both dialects and all three start quotes. The command
 * detectors read nothing else, so their findings and offsets are the same.
 */
class ShellTokenizerEquivalenceTest {

    private static final int[] START_QUOTES = {
        ShellTokenizer.START_UNQUOTED, ShellTokenizer.START_SINGLE, ShellTokenizer.START_DOUBLE
    };

    private static final String[] FRAGMENTS = {
        // Prose.
        "Second", "floor,", "ring", "twice;", "the", "bell's", "broken.", "Call", "before", "delivery:",
        "+41", "44", "123", "(it's", "a", "present).", "neighbour's", "door.", "x", "e-mail", "user@example.com",
        "v1.2.3", "a/b", "key=value", "C:\\Windows", "naïve", "日本", "emoji😀",
        // Shell syntax and evasions.
        ";", ";;", "|", "||", "|&", "&", "&&", "&>", "\n", "\r\n", "\t", " ", "  ", "\u00a0", "\f", "\u000b",
        "(", ")", "$(", "`", "'", "\"", "\\", "\\n", "\\\n", "$'\\x41\\n'", "${IFS}", "$IFS", "${PATH:0:1}",
        "${x:-id}", "${!x}", "$[1+1]", "$@", "$_x", "$x", "$1", "x=cat", "{cat,/etc/passwd}", "{a,{b,c}}",
        "{", "}", "{ ", "#comment", "<(", ">(", ">", ">>", "<", "<<", "<<<", "<<-", "2>&1", "1>&-", "9>",
        "~", "~+", "*", "?", "[", "]", "/???/c?t", "c'a't", "c\"a\"t", "c\\at", "pi$()ng", "cat", "id",
        "/etc/passwd", "/bin/sh", "nc", "-e", "--help", "127.0.0.1", "sleep", "5",
        // Windows.
        "^", "c^md", "%COMSPEC%", "%PATH:~0,1%", "%windir:~-3%", "%x%", "!x!", "p`ow`ershell", "$(calc)",
        "cmd.exe", "/c", "whoami", "@echo", "if/i", "for/f",
    };

    @Test
    void tokenizesTrickyInputsLikeTheReference() {
        String longWord = "a".repeat(450);
        String[] inputs = {
            "", " ", "cat", "cat /etc/passwd", "; id", "a;b|c&&d||e&f", "Second floor, ring twice; the bell's broken.",
            "Gift wrap, no invoice inside (it's a present).", "+41 44 123 45 67", longWord, longWord + " " + longWord,
            "$(" + longWord + " $(" + longWord + " `" + longWord + "`))", "x" + longWord + "'q'" + longWord,
            "123>x", "1234>x", "2>&1 id", "a\u00a0b", "a\tb\fc\u000bd\re", "word\\", "word\\n", "word\\nx",
            "w\\\nx", "ab{c,d}ef", "ab{c,d}ef gh", "{ id; }", "x{y", "pre$(id)post tail", "a`b`c", "`a``b`",
            "c'a't", "'unterminated", "\"dq $x `id` \\$ \\\" \\\\ end\"", "x=/bin; $x/sh", "a=${IFS}b",
            "cat${IFS}/etc/passwd", "%COMSPEC% /c dir", "c^m^d /c", "p`owershell", "a~b ~root", "é plain",
            "name=plain value", "a:b/c.d@e+f-g_h", "end ", "  lead", "0", "9", "12", "x#y #z\nid",
        };
        for (String input : inputs) {
            assertSameTokens(input);
        }
    }

    @Test
    void tokenizesRandomMixesOfAttackFragmentsAndProseLikeTheReference() {
        Random random = new Random(0x5EEDL);
        for (int i = 0; i < 20_000; i++) {
            assertSameTokens(randomInput(random));
        }
    }

    private static String randomInput(Random random) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + random.nextInt(40);
        for (int p = 0; p < parts; p++) {
            int pick = random.nextInt(20);
            if (pick == 0) {
                sb.append("w".repeat(1 + random.nextInt(260)));
            } else if (pick == 1) {
                sb.append((char) (32 + random.nextInt(95)));
            } else {
                sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            }
            if (random.nextInt(3) > 0) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    private static void assertSameTokens(String input) {
        for (boolean windows : new boolean[] {false, true}) {
            for (int startQuote : START_QUOTES) {
                assertThat(tokens(new ShellTokenizer(windows), input, startQuote))
                        .as("windows=%s start=%s input=%s", windows, startQuote, input)
                        .isEqualTo(referenceTokens(new ShellTokenizerReference(windows), input, startQuote));
            }
        }
    }

    /** Reads every token, assigning {@code NAME=VALUE} words as the Unix detector may. */
    private static List<String> tokens(ShellTokenizer t, String input, int startQuote) {
        List<String> out = new ArrayList<>();
        t.reset(input, startQuote);
        int type;
        while ((type = t.next()) != ShellTokenizer.END && out.size() < 100_000) {
            out.add(type + "/" + t.kind + "/" + t.tokenStart + "-" + t.tokenEnd + "/" + t.spaceBefore + "/" + t.depth
                    + "/" + t.wordFrom + "-" + t.wordTo + "/" + t.flags + "/" + t.position() + "/" + t.resumingWord()
                    + "/" + (type == ShellTokenizer.WORD ? t.word() : ""));
            int eq = type == ShellTokenizer.WORD ? ShellWords.assignment(t.buf, t.wordFrom, t.wordTo) : 0;
            if (eq > 0) {
                t.assign(t.wordFrom, eq, eq + 1, t.wordTo);
            }
        }
        out.add("end/" + t.tokenStart + "-" + t.tokenEnd);
        return out;
    }

    private static List<String> referenceTokens(ShellTokenizerReference t, String input, int startQuote) {
        List<String> out = new ArrayList<>();
        t.reset(input, startQuote);
        int type;
        while ((type = t.next()) != ShellTokenizerReference.END && out.size() < 100_000) {
            out.add(type + "/" + t.kind + "/" + t.tokenStart + "-" + t.tokenEnd + "/" + t.spaceBefore + "/" + t.depth
                    + "/" + t.wordFrom + "-" + t.wordTo + "/" + t.flags + "/" + t.position() + "/" + t.resumingWord()
                    + "/" + (type == ShellTokenizerReference.WORD ? t.word() : ""));
            int eq = type == ShellTokenizerReference.WORD ? ShellWords.assignment(t.buf, t.wordFrom, t.wordTo) : 0;
            if (eq > 0) {
                t.assign(t.wordFrom, eq, eq + 1, t.wordTo);
            }
        }
        out.add("end/" + t.tokenStart + "-" + t.tokenEnd);
        return out;
    }
}
