package dev.bulwark.core.internal.shell;

import static dev.bulwark.core.internal.shell.ShellCommands.CMD;
import static dev.bulwark.core.internal.shell.ShellCommands.CMDLET;
import static dev.bulwark.core.internal.shell.ShellCommands.DISTINCT;
import static dev.bulwark.core.internal.shell.ShellCommands.KEYWORD;
import static dev.bulwark.core.internal.shell.ShellCommands.NAMED;
import static dev.bulwark.core.internal.shell.ShellCommands.POWERSHELL;
import static dev.bulwark.core.internal.shell.ShellCommands.PREFIX;
import static dev.bulwark.core.internal.shell.ShellCommands.STRENGTH;
import static dev.bulwark.core.internal.shell.ShellCommands.SUBCOMMANDS;
import static dev.bulwark.core.internal.shell.WindowsCommandRules.BATCH;
import static dev.bulwark.core.internal.shell.WindowsCommandRules.CHAIN;
import static dev.bulwark.core.internal.shell.WindowsCommandRules.COMMAND;
import static dev.bulwark.core.internal.shell.WindowsCommandRules.EVASION;
import static dev.bulwark.core.internal.shell.WindowsCommandRules.POWERSHELL_RULE;
import static dev.bulwark.core.internal.shell.WindowsCommandRules.WEAK;

import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.CommandTable;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.HtmlEntities;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Text;
import dev.bulwark.core.internal.rules.TextProfile;
import dev.bulwark.core.internal.rules.UrlQueryValues;

/**
 * Detects OS command injection aimed at Windows: {@code cmd.exe} command lines, batch {@code FOR}
 * and {@code IF} statements, and PowerShell (cmdlets, download cradles, encoded commands).
 *
 * <p>Values are tokenized in the Windows dialect of {@link ShellTokenizer}: separators {@code & &&
 * | ||} (and PowerShell's {@code ;}), caret and backtick escapes ({@code c^m^d}, {@code I`E`X}),
 * {@code %COMSPEC%} and {@code %VAR:~n,m%} expansion, quotes removed from names ({@code
 * p"o"wershell}). A finding needs a known command in command position with context that grows
 * with how ordinary its name is, or one of the grammars that only batch files and PowerShell use.
 * Whatever its words, a line runs or writes code when {@code call} runs a program or script file or
 * a command no sentence names ({@code call x.bat}, {@code call cmd /c ...}: call and {@code start}
 * hand their operand over as the command), when its output is redirected into a script or a file
 * on a drive ({@code echo x > c:\x.bat}; a capitalised menu step, {@code Print report >
 * C:\q3.pdf}, only into a script), or when a variable that expands to the interpreter is given a
 * switch ({@code ... %COMSPEC% /c ...}). As cmd.exe does, leading blanks are skipped and {@code ,}
 * and {@code =} part a command's name from its operand ({@code call,x.bat}); names are read as
 * Windows normalises them ({@code x.bat.}, {@code x.bat::$DATA}).
 * Values are read again as if injected inside a double- or single-quoted string; the single-quoted
 * reading is also how {@code cmd.exe} sees a value with {@code '}, which it does not treat as a
 * quote ({@code '&net user x /add&'}). An {@code &} glued to a command reads as a query string only
 * after a key ({@code a&ver&b}); opening the value, it appends a command ({@code &ver&}). A name
 * that opens the value followed by an English word no program takes, a version ({@code PowerShell
 * 7.4.0}) or, for a command that takes switches only, any word ({@code ipconfig release renew})
 * opens a sentence ({@link ProseOperands}): only STRICT blocks it.
 *
 * <p>Rules (levels): {@code WINCMD-CHAIN} and {@code WINCMD-POWERSHELL} are BASIC; {@code
 * WINCMD-COMMAND}, {@code WINCMD-EVASION} and {@code WINCMD-BATCH} are STANDARD; {@code
 * WINCMD-WEAK} is STRICT.
 *
 * <p>See <a href="https://owasp.org/www-community/attacks/Command_Injection">OWASP Command
 * Injection</a> and <a href="https://cwe.mitre.org/data/definitions/78.html">CWE-78</a>.
 */
public final class WindowsCommandDetector extends RuleFamily {

    private static final ThreadLocal<WindowsScan> SCANS = ThreadLocal.withInitial(WindowsScan::new);

    /** Subcommands that make {@code net}, {@code reg} and {@code sc} do something worth attacking. */
    private static final CommandTable SUBCOMMAND_NAMES = new CommandTable(
            "user users localgroup group share use view start stop session accounts config"
                    + " query add delete export import save load create qc",
            1);

    /** .NET methods of download cradles and in-memory loaders. */
    private static final CommandTable METHODS = new CommandTable(
            "downloadstring downloadfile downloaddata uploadstring uploadfile frombase64string"
                    + " invoke reflection.assembly load",
            1);

    /** Words of the batch grammar. */
    private static final CommandTable BATCH_WORDS = new CommandTable(
            "for", 1, "if", 2, "in", 4, "do", 8, "not", 16, "exist", 32, "defined", 32, "errorlevel", 32,
            "cmdextversion", 32, "equ neq lss leq gtr geq ==", 64, "else", 128);

    public WindowsCommandDetector() {
        super(WindowsCommandRules.KEY, WindowsCommandRules.ALL);
    }

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        scanValue(target, sink);
        for (ScanTarget queryValue : UrlQueryValues.of(target)) {
            scanValue(queryValue, Text.wholeValue(sink, target.text().length()));
        }
    }

    private static void scanValue(ScanTarget target, DetectionSink sink) {
        String text = target.text();
        if (text.isEmpty() || !worthScanning(text, target.profile())) {
            return;
        }
        WindowsScan scan = SCANS.get();
        scan.run(target, text);
        scan.report(sink);
    }

    /** Characters of batch and PowerShell syntax: with any of them, a value is always scanned. */
    private static final AsciiSet SYNTAX = AsciiSet.of(";|&\n(^%`\"'$");
    private static final AsciiSet PATH_SEPARATORS = AsciiSet.of("\\/");

    /**
     * Quick reject: no separator, escape, variable or group, the first word is no command (after
     * the blanks cmd.exe skips and the {@code @} that keeps it from echoing the line), and the
     * value does not open with a redirection ({@code > c:\x.bat echo x}, {@code 1>x}, {@code @>x}).
     */
    static boolean worthScanning(String text, TextProfile profile) {
        int start = ShellScan.skip(text, 0, OPENING_GAPS);
        if (start == text.length()) {
            return false;
        }
        if (profile.hasAny(SYNTAX) || opensWithRedirection(text, start)) {
            return true;
        }
        int wordStart = text.charAt(start) == '@' ? ShellScan.skip(text, start + 1, OPENING_GAPS) : start;
        int to = wordStart == 0 ? ShellScan.firstWordEnd(text, profile) : ShellScan.wordEnd(text, wordStart, ShellScan.BLANKS);
        for (int i = wordStart + 1; i < to; i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '=') {
                // "call,x.bat", "cmd,/c whoami": cmd.exe ends the name there.
                if (ShellCommands.WINDOWS.get(text, wordStart, i) != 0) {
                    return true;
                }
                break;
            }
        }
        int from = wordStart;
        if (profile.hasAny(PATH_SEPARATORS)) {
            for (int i = wordStart; i < to; i++) {
                char c = text.charAt(i);
                if (c == '\\' || c == '/') {
                    from = i + 1;
                }
            }
        }
        if (to - from > 60 || to == from) {
            return false;
        }
        int slash = from > wordStart ? text.indexOf('/', wordStart) : -1;
        if (slash > wordStart && slash < to
                && (BATCH_WORDS.get(text, wordStart, slash) != 0 || ShellCommands.WINDOWS.get(text, wordStart, slash) != 0)) {
            // "if/i a==b x", "ipconfig/all": cmd.exe ends a name at the slash.
            return true;
        }
        if (ShellCommands.WINDOWS.get(text, from, to) != 0 || BATCH_WORDS.get(text, from, to) != 0) {
            return true;
        }
        int dot = text.lastIndexOf('.', to - 1);
        return dot > from && ShellCommands.WINDOWS.get(text, from, dot) != 0;
    }

    /** What cmd.exe skips before a line's first word: blanks and the delimiters {@code , ; =}. */
    private static final AsciiSet OPENING_GAPS = AsciiSet.of(" \t,;=");

    /** Whether an {@code @}, then digits, then {@code >} come first from {@code at}: {@code 1>x.bat}. */
    private static boolean opensWithRedirection(String text, int at) {
        int i = at < text.length() && text.charAt(at) == '@' ? ShellScan.skip(text, at + 1, OPENING_GAPS) : at;
        while (i < text.length() && Ascii.isDigit(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '>';
    }

    /** One scan's state, reused per thread. */
    static final class WindowsScan extends ShellScan {

        private static final int M_PATH = 1;
        private static final int M_EVASION = 1 << 1;

        private final ShellTokenizer tokenizer = new ShellTokenizer(true);

        private final boolean[] expect = new boolean[MAX_LEVELS];
        private final int[] levelStrength = new int[MAX_LEVELS];
        private final int[] pendingSep = new int[MAX_LEVELS];
        private final boolean[] ampTight = new boolean[MAX_LEVELS];
        /** Kind of the separator that ends the command being judged, 0 for any other end. */
        private int endingSep;
        /** The command's name is written in lowercase, as typed commands are and titles are not. */
        private final boolean[] cmdLower = new boolean[MAX_LEVELS];
        /** The text being parsed, for looking at what opens it. */
        private String source;
        /** End of the value's opening spaces and tabs. */
        private int leadEnd;
        /** Arguments that are neither paths, switches nor variables: prose after a word. */
        private final int[] plainArgs = new int[MAX_LEVELS];
        /** An argument names a program or script file: {@code calc.exe}, {@code x.ps1}. */
        private final boolean[] programArg = new boolean[MAX_LEVELS];
        /** How the command's first operand reads ({@link ProseOperands#of}). */
        private final int[] firstOperand = new int[MAX_LEVELS];
        /** The first operand is a command's name, which a shell given it runs. */
        private final boolean[] firstOperandNamesCommand = new boolean[MAX_LEVELS];
        private final boolean[] hasCmd = new boolean[MAX_LEVELS];
        private final int[] cmdFlags = new int[MAX_LEVELS];
        private final int[] cmdMatch = new int[MAX_LEVELS];
        private final int[] cmdStrength = new int[MAX_LEVELS];
        private final int[] cmdStart = new int[MAX_LEVELS];
        private final int[] cmdEnd = new int[MAX_LEVELS];
        private final int[] argCount = new int[MAX_LEVELS];
        private final int[] args = new int[MAX_LEVELS];
        private final boolean[] subcommand = new boolean[MAX_LEVELS];
        private final boolean[] runSwitch = new boolean[MAX_LEVELS];
        private final boolean[] encoded = new boolean[MAX_LEVELS];
        private final boolean[] lastWasWord = new boolean[MAX_LEVELS];
        private final boolean[] queryish = new boolean[MAX_LEVELS];
        /** The command is call's operand ({@link #handOver}): {@code call cmd /c whoami}. */
        private final boolean[] called = new boolean[MAX_LEVELS];
        /** call's operand is a program or script file: {@code call x.bat}. */
        private final boolean[] callsFile = new boolean[MAX_LEVELS];
        /** The command's output goes into a script or onto a drive ({@link #receivesCode}). */
        private final boolean[] writesFile = new boolean[MAX_LEVELS];
        /** An output redirection was read: the next word is where the output goes. */
        private final boolean[] redirectTarget = new boolean[MAX_LEVELS];
        /** A redirection before the command's name writes a file: {@code > c:\x.bat echo x}. */
        private final boolean[] writeBeforeName = new boolean[MAX_LEVELS];
        /** An arrow ({@link #isArrow}) was read: the next word is where it points, no file. */
        private final boolean[] arrowTarget = new boolean[MAX_LEVELS];
        /** The command's output was redirected already: a later arrow is a menu path's. */
        private final boolean[] redirected = new boolean[MAX_LEVELS];
        /** The command runs its operand ({@code call}, {@code start}) and has not read it yet. */
        private final boolean[] awaitOperand = new boolean[MAX_LEVELS];
        /** The command is {@code start}, whose switches and quoted title come before its operand. */
        private final boolean[] startsWindow = new boolean[MAX_LEVELS];
        /** {@code call} was written in lowercase, for the command it hands over to. */
        private final boolean[] callerLower = new boolean[MAX_LEVELS];
        /** A command started on this level since it opened. */
        private final boolean[] ranCommand = new boolean[MAX_LEVELS];
        /** The group that just closed on this level ran a command: {@code (echo x) > c:\x.bat}. */
        private final boolean[] groupRan = new boolean[MAX_LEVELS];
        /** Span of an argument that expands to the interpreter ({@code %COMSPEC%}), -1 for none. */
        private final int[] interpreterStart = new int[MAX_LEVELS];
        private final int[] interpreterEnd = new int[MAX_LEVELS];

        // Batch grammar state per level.
        private final int[] forState = new int[MAX_LEVELS];
        private final int[] forWords = new int[MAX_LEVELS];
        private final int[] ifState = new int[MAX_LEVELS];
        private final boolean[] ifStrong = new boolean[MAX_LEVELS];
        private final boolean[] ifSpacedEquals = new boolean[MAX_LEVELS];
        private final boolean[] ifGroupFirst = new boolean[MAX_LEVELS];
        private final int[] batchStart = new int[MAX_LEVELS];

        /** Whether words of this text can be query-like at all (see run). */
        private boolean mayQuery;
        private boolean header;

        WindowsScan() {
            super(WindowsCommandRules.ALL);
        }

        void run(ScanTarget target, String text) {
            String read = begin(text, text == target.text() ? target.profile() : null, target.source() == Source.HEADER);
            // The value's profile holds for the text read unless decoding changed it.
            boolean afterOpening = mayNameCommandAfterOpening(read, read == text ? target.profile() : TextProfile.of(read));
            boolean opening = !afterOpening && commandAt(read, 0);
            openingOnly = !afterOpening;
            try {
                if (afterOpening || opening) {
                    readUnquotedAndDoubleQuoted(read);
                }
                if (!anyBlocking && read.indexOf('\'') >= 0 && (afterOpening || singleQuotedOpeningMayName(read, opening))) {
                    // Injected inside a PowerShell string, or into cmd.exe, where "'" is no quote at
                    // all: "'&net user x /add&'" closes the string, or never opened one.
                    parse(read, ShellTokenizer.START_SINGLE);
                }
            } finally {
                openingOnly = false;
            }
        }

        /**
         * Set while a value is read whose first command is the only thing a reading can find
         * ({@link #mayNameCommandAfterOpening} is false): the reading ends once that command is
         * settled ({@link #openingSettled}). False for the test entry points, which read everything.
         */
        private boolean openingOnly;

        private void readUnquotedAndDoubleQuoted(String text) {
            parse(text, ShellTokenizer.START_UNQUOTED);
            if (!anyBlocking && text.indexOf('"') >= 0) {
                parse(text, ShellTokenizer.START_DOUBLE);
            }
        }

        /**
         * Reads the text only as if injected inside a single-quoted string and hands what that
         * reading finds to {@code sink}, so that tests can hold {@link #mayNameCommand} to it.
         */
        void readSingleQuoted(String text, DetectionSink sink) {
            parse(begin(text, null, false), ShellTokenizer.START_SINGLE);
            report(sink);
        }

        /**
         * Reads the text unquoted and as if injected inside a double-quoted string, and hands what
         * those readings find to {@code sink}, so that tests can hold {@link #mayNameCommandUnquoted} to them.
         */
        void readUnquotedAndDoubleQuoted(String text, DetectionSink sink) {
            readUnquotedAndDoubleQuoted(begin(text, null, false));
            report(sink);
        }

        /**
         * Reads the text in all three ways, whatever the preconditions say, and hands what the
         * readings find to {@code sink}; with {@code passSettledOpening}, as {@link #run} does, a
         * reading ends at a settled opening command when nothing after it can be found. Tests hold
         * that shortcut to the full readings with it.
         */
        void readEveryWay(String text, boolean passSettledOpening, DetectionSink sink) {
            String read = begin(text, null, false);
            openingOnly = passSettledOpening && !mayNameCommandAfterOpening(read, TextProfile.of(read));
            try {
                readUnquotedAndDoubleQuoted(read);
                if (!anyBlocking && read.indexOf('\'') >= 0) {
                    parse(read, ShellTokenizer.START_SINGLE);
                }
            } finally {
                openingOnly = false;
            }
            report(sink);
        }

        /**
         * Whether the unquoted or the double-quoted reading can find anything: the reasoning of
         * {@link #mayNameCommand}, with the value's first word looked at as every other word is
         * (unquoted, or inside a double-quoted string whose word names nothing once it holds a blank).
         */
        boolean mayNameCommandUnquoted(String text) {
            return mayNameCommandAfterOpening(text, TextProfile.of(text)) || commandAt(text, 0);
        }

        /**
         * Clears the last value's state and returns {@code text} with its HTML references decoded.
         * {@code profile} is the profile of {@code text}, or {@code null} when there is none; what it
         * says the text lacks is not searched for.
         */
        private String begin(String text, TextProfile profile, boolean inHeader) {
            header = inHeader;
            String decoded = profile == null || profile.has('&') ? HtmlEntities.decode(text) : text;
            clearFindings(decoded.length());
            // Words hold '=' or '?' only when the text does: expansions add neither.
            mayQuery = decoded == text && profile != null
                    ? profile.has('=') || profile.has('?')
                    : decoded.indexOf('=') >= 0 || decoded.indexOf('?') >= 0;
            return decoded;
        }

        /** A prefix of a word with its quotes taken out, for {@link #startsWithName}. */
        private final char[] prefix = new char[40];

        /**
         * Whether the single-quoted reading can find anything: false only when no word in command
         * position can name a command or batch keyword and no word can be a {@code .Method}, which
         * every finding needs. One cheap pass, so that prose with apostrophes skips the reading.
         *
         * <p>Why it holds. Without {@code % ^ ` $ \}, the tokenizer expands and escapes nothing
         * and no path base is cut off (redirections are looked at on their own, see
         * {@link #mayNameCommandAroundRedirections}), so a word is a run of the text with some
         * quote characters taken out, and a table name, which has no quote or whitespace, stands
         * whole in that run. A finding needs a command (a name in {@code WINDOWS}) or a FOR or IF
         * ({@code BATCH_WORDS}) at the start of a word in command position (a prefix, as cmd.exe
         * ends a name at {@code /} and {@code .exe}), or {@code .Method} ({@code METHODS}).
         * Command position follows a separator or parenthesis, blanks, quotes and an {@code @};
         * after a keyword or a lone {@code @}, and inside FOR and IF, it follows a word that itself
         * named one. The reading's first word is the text up to the first {@code '}, taken whole:
         * with a space in its first 190 characters (words are cut at 200) it names nothing.
         */
        boolean mayNameCommand(String text) {
            return mayNameCommandAfterOpening(text, TextProfile.of(text)) || singleQuotedOpeningMayName(text, commandAt(text, 0));
        }

        /**
         * Whether the single-quoted reading's first word, the text up to its first quote, can name a
         * command, given whether the value opens with one ({@link #commandAt}, worked out once by the caller).
         */
        private static boolean singleQuotedOpeningMayName(String text, boolean opensWithCommand) {
            if (!opensWithCommand) {
                return false;
            }
            int firstQuote = text.indexOf('\'');
            int firstSpace = text.indexOf(' ');
            return !(firstSpace >= 0 && firstSpace < firstQuote && firstSpace < 190);
        }

        /**
         * Whether something other than the first word of a reading can be found: the text escapes,
         * expands or redirects, a word after a separator can name a command, or a word is a {@code .Method}.
         */
        private boolean mayNameCommandAfterOpening(String text, TextProfile profile) {
            if (profile.hasAny(UNREAD)) {
                return true;
            }
            boolean redirects = profile.hasAny(REDIRECTIONS);
            if (redirects && (commandAt(text, 0) || mayNameCommandAroundRedirections(text, profile))) {
                return true;
            }
            // Each kind of character is found by indexOf, which is much faster than a loop over
            // every character of prose.
            for (int k = 0; k < ShellTokenizer.COMMAND_SEPARATORS.length(); k++) {
                char separator = ShellTokenizer.COMMAND_SEPARATORS.charAt(k);
                if (!profile.has(separator)) {
                    continue;
                }
                for (int at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, at + 1)) {
                    if (commandAt(text, at + 1)) {
                        return true;
                    }
                }
            }
            for (int at = profile.has('.') ? text.indexOf('.') : -1; at >= 0; at = text.indexOf('.', at + 1)) {
                // After a redirection a word may open anywhere: ">&1.Invoke(x)".
                if ((redirects || opensWord(text, at)) && startsWithName(METHODS, prefixAt(text, at + 1))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether the word that starts after blanks, quotes and {@code @} from {@code from} on can
         * name a command or batch keyword. Another separator ends the look: the word after it is
         * looked at from there, so that every character is passed over at most once.
         */
        private boolean commandAt(String text, int from) {
            int n = text.length();
            int i = from;
            while (i < n) {
                char c = text.charAt(i);
                if (ShellTokenizer.isWordGap(c) || c == '@' || c == '\'' || c == '"' || c == ',' || c == '=') {
                    i++;
                    continue;
                }
                if (ShellTokenizer.isCommandSeparator(c)) {
                    return false;
                }
                int length = prefixAt(text, i);
                return startsWithName(ShellCommands.WINDOWS, length) || startsWithName(BATCH_WORDS, length);
            }
            return false;
        }

        /** Characters after which the tokenizer's words are no longer runs of the text. */
        private static final AsciiSet UNREAD = AsciiSet.of("%^`$\\");

        private static final AsciiSet REDIRECTIONS = AsciiSet.of("<>");

        /**
         * For a text with {@code <} or {@code >} whose first word names nothing: whether a word
         * that a redirection puts in command position can name a command. Markup in prose
         * ({@code <span style="color:brown">loves</span> naps}) otherwise sends every such text
         * through the readings.
         *
         * <p>Why it holds. A redirection leaves the tokenizer's words runs of the text, only cut at
         * {@code <} and {@code >}, and finds nothing without a command: it changes which words are
         * in command position. The word right after the operator (its {@code > & |} and descriptor
         * digits, blanks, {@code @ , =} and quotes passed over) is read as a command's name, unless
         * it is an output's target that receives code, a script or a file on a drive, which needs a
         * {@code .} or {@code :}; then the word after it is read as the name. An unknown name ends
         * command position until the next separator, as anywhere else. A target that holds a quote,
         * which can join it to the words after it, is taken to name one. The value's first word is
         * looked at by the caller: with a command there, a reading that stops once that command is
         * settled would miss what a later redirection adds to it ({@code call x > y.bat}).
         */
        private boolean mayNameCommandAroundRedirections(String text, TextProfile profile) {
            int n = text.length();
            int nextLt = profile.has('<') ? text.indexOf('<') : -1;
            int nextGt = profile.has('>') ? text.indexOf('>') : -1;
            // Where the last operator's tail and the blanks after it end: an operator before that
            // is part of the last one ("2>>&1") and has its target, looked at already. Skipping it
            // keeps a run of operators linear.
            int lookedTo = -1;
            while (nextLt >= 0 || nextGt >= 0) {
                int at;
                if (nextGt < 0 || (nextLt >= 0 && nextLt < nextGt)) {
                    at = nextLt;
                    nextLt = text.indexOf('<', at + 1);
                } else {
                    at = nextGt;
                    nextGt = text.indexOf('>', at + 1);
                }
                if (commandAt(text, at + 1)) {
                    return true;
                }
                if (at < lookedTo) {
                    continue;
                }
                int i = at + 1;
                while (i < n && isRedirectionTail(text.charAt(i))) {
                    i++;
                }
                while (i < n && ShellTokenizer.isWordGap(text.charAt(i))) {
                    i++;
                }
                lookedTo = i;
                int wordEnd = i;
                boolean mayReceiveCode = false;
                while (wordEnd < n) {
                    char c = text.charAt(wordEnd);
                    if (c == '\'' || c == '"') {
                        return true;
                    }
                    if (ShellTokenizer.isWordGap(c) || ShellTokenizer.isCommandSeparator(c) || c == '<' || c == '>') {
                        break;
                    }
                    mayReceiveCode |= c == '.' || c == ':';
                    wordEnd++;
                }
                // When i is at + 1, the look from there saw this word already.
                if ((i > at + 1 && commandAt(text, i)) || (mayReceiveCode && commandAt(text, wordEnd))) {
                    return true;
                }
            }
            return false;
        }

        /** What an operator's {@code <} or {@code >} may be followed by before its target: {@code >>}, {@code >&1}, {@code >|}. */
        private static boolean isRedirectionTail(char c) {
            return c == '<' || c == '>' || c == '&' || c == '|' || c == '-' || Ascii.isDigit(c);
        }

        /**
         * Whether a word can start at {@code at}: only quotes stand between it and the text's start,
         * a blank or a separator. A {@code .Method} is a word of its own.
         */
        private static boolean opensWord(String text, int at) {
            int i = at - 1;
            while (i >= 0 && (text.charAt(i) == '\'' || text.charAt(i) == '"')) {
                i--;
            }
            return i < 0 || ShellTokenizer.isWordGap(text.charAt(i)) || ShellTokenizer.isCommandSeparator(text.charAt(i));
        }

        /**
         * Copies into {@link #prefix} what follows {@code at} with quotes taken out, up to
         * whitespace or a separator (which no name holds) or 40 characters (the longest a table
         * looks up), so that the prefixes after two separators never overlap.
         */
        private int prefixAt(String text, int at) {
            int length = 0;
            for (int i = at, n = text.length(); i < n && length < prefix.length; i++) {
                char c = text.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r'
                        || ShellTokenizer.isCommandSeparator(c)) {
                    break;
                }
                if (c != '\'' && c != '"') {
                    prefix[length++] = c;
                }
            }
            return length;
        }

        /**
         * Whether some name of the table is a prefix of {@link #prefix}{@code [0, length)} that no
         * letter or digit follows: a lookup takes the whole word, or the name before a {@code /}
         * switch or a {@code .exe} extension, so a name that goes on with a letter or digit is
         * another word ({@code very}, {@code delivery}).
         */
        private boolean startsWithName(CommandTable table, int length) {
            for (int end = 1; end <= length; end++) {
                if ((end == length || !Ascii.isAlnum(prefix[end])) && table.get(prefix, 0, end) != 0) {
                    return true;
                }
            }
            return false;
        }

        private void parse(String text, int startQuote) {
            ShellTokenizer t = tokenizer;
            t.reset(text, startQuote);
            source = text;
            leadEnd = skip(text, 0, BLANKS);
            resetLevel(0);
            levelStrength[0] = header ? SPACED : START;
            int type;
            int steps = 0;
            while ((type = t.next()) != ShellTokenizer.END && ++steps < 100_000) {
                int d = Math.min(t.depth, MAX_LEVELS - 1);
                switch (type) {
                    case ShellTokenizer.WORD -> word(t, d);
                    case ShellTokenizer.SEPARATOR -> separator(t, d);
                    case ShellTokenizer.OPEN -> open(t, Math.max(0, d - 1), d);
                    case ShellTokenizer.CLOSE -> close(t, d);
                    case ShellTokenizer.REDIRECT -> {
                        if (hasCmd[d]) {
                            args[d] |= ShellWords.REDIRECT;
                        }
                        // To cmd.exe "echo x -> c:\x.bat" redirects too: an arrow only after a capitalised menu step.
                        boolean arrow = isArrow(t.tokenStart) && !(hasCmd[d] && cmdLower[d]);
                        redirectTarget[d] = t.kind == ShellTokenizer.REDIR_OUT && !arrow;
                        arrowTarget[d] = t.kind == ShellTokenizer.REDIR_OUT && arrow;
                        batchToken(t, d, false);
                    }
                    default -> { }
                }
                if (anyBlocking || openingOnly && type == ShellTokenizer.WORD && d == 0 && openingSettled()) {
                    return;
                }
            }
            for (int d = Math.min(t.depth, MAX_LEVELS - 1); d >= 0; d--) {
                if (ifState[d] == IF_COMPLETE && ifStrong[d]) {
                    find(BATCH, batchStart[d], textLength);
                }
                finishCommand(d, false);
            }
        }

        /** Whether the {@code >} at {@code at} ends an arrow, {@code ->} or {@code =>}, as menu paths draw them. */
        private boolean isArrow(int at) {
            return at > 0 && at < source.length() && source.charAt(at) == '>'
                    && (source.charAt(at - 1) == '-' || source.charAt(at - 1) == '=');
        }

        /**
         * Whether the command of level 0 can no longer be found, whatever follows: a name of no
         * command family that makes its line suspect on its own (an everyday builtin or tool such
         * as {@code call}, {@code echo}, {@code set}, {@code dir}, {@code type}; no PowerShell, cmd,
         * distinctive or cmdlet name, no subcommand) written plainly, opening the value outside a
         * header, with a plain word among its operands ({@code Call before delivery}). {@link
         * #judgeCommandLine} finds nothing for it then, and what it counts only grows; with
         * {@link #openingOnly}, no later word can be found either, so the rest of the reading is
         * passed over. No grammar of FOR or IF may be under way.
         */
        private boolean openingSettled() {
            return hasCmd[0] && plainArgs[0] > 0 && !awaitOperand[0] && cmdStrength[0] == START && cmdMatch[0] == 0 && !subcommand[0]
                    && !runsOrWritesCode(0) && (cmdFlags[0] & (POWERSHELL | CMD | DISTINCT | NAMED | CMDLET)) == 0
                    && forState[0] == 0 && ifState[0] == 0;
        }

        private void resetLevel(int d) {
            expect[d] = true;
            pendingSep[d] = 0;
            hasCmd[d] = false;
            forState[d] = 0;
            ifState[d] = 0;
            lastWasWord[d] = false;
            queryish[d] = false;
            redirectTarget[d] = false;
            arrowTarget[d] = false;
            writeBeforeName[d] = false;
            ranCommand[d] = false;
            groupRan[d] = false;
            interpreterStart[d] = -1;
        }

        private int strengthFor(ShellTokenizer t, int d) {
            int sep = pendingSep[d];
            return sep == 0 ? levelStrength[d] : strengthAfter(sep, queryish[d], t.spaceBefore);
        }

        private void word(ShellTokenizer t, int d) {
            char[] b = t.buf;
            int from = t.wordFrom;
            int to = t.wordTo;
            boolean target = redirectTarget[d];
            boolean pointedAt = arrowTarget[d];
            redirectTarget[d] = false;
            arrowTarget[d] = false;
            if (batchToken(t, d, true)) {
                return;
            }
            if (expect[d]) {
                if (target && receivesCode(b, from, to, t.flags) != NO_CODE && lookup(b, from, to, t.flags) == 0) {
                    if (groupRan[d]) {
                        // "(echo x) > c:\x.bat": the group's commands write the file.
                        find(COMMAND, t.tokenStart, t.tokenEnd);
                    } else {
                        // "> c:\x.bat echo x": cmd.exe takes a redirection before the name too.
                        writeBeforeName[d] = true;
                    }
                    return;
                }
                if (from < to && b[from] == '@') {
                    from++;
                }
                from = skipDelimiters(b, from, to);
                if (from == to) {
                    return;
                }
                int batch = BATCH_WORDS.get(b, from, to);
                boolean gluedSwitch = false;
                if (batch == 0 && to - from >= 4 && b[to - 2] == '/') {
                    // "if/i a==b x", "for/f ...": cmd.exe ends a command's name at a slash.
                    char option = Ascii.lower(b[to - 1]);
                    batch = BATCH_WORDS.get(b, from, to - 2);
                    batch = (batch & 2) != 0 && option == 'i' ? 2
                            : (batch & 1) != 0 && "dlrf".indexOf(option) >= 0 ? 1 : 0;
                    gluedSwitch = batch != 0;
                }
                if ((batch & 1) != 0) {
                    forState[d] = 1;
                    forWords[d] = 0;
                    batchStart[d] = t.tokenStart;
                    finishCommand(d, true);
                    expect[d] = false;
                    return;
                }
                if ((batch & 2) != 0) {
                    ifState[d] = IF_OPERAND;
                    ifStrong[d] = gluedSwitch;
                    ifGroupFirst[d] = false;
                    ifSpacedEquals[d] = false;
                    batchStart[d] = t.tokenStart;
                    expect[d] = false;
                    return;
                }
                int strength = strengthFor(t, d);
                boolean amp = pendingSep[d] == ShellTokenizer.AMP;
                // "a&dir&b" may be a query string; "&dir&" opening the value has no key before it.
                boolean tight = amp && strength == TIGHT && (d > 0 || !opensWithSeparator(t.tokenStart));
                int f = lookup(b, from, to, t.flags);
                int nameEnd = to;
                if (f == 0 && (t.flags & ShellTokenizer.F_QUOTED) == 0) {
                    // "call,x.bat", "cmd=/c whoami": cmd.exe parts words at ',' and '=' as at blanks;
                    // after a glued '&', "start=calc.exe" is a query string's key and value.
                    nameEnd = delimiterIn(b, from, to, !tight);
                    f = nameEnd < to ? lookup(b, from, nameEnd, t.flags) : 0;
                    nameEnd = f != 0 ? nameEnd : to;
                }
                if ((f & KEYWORD) != 0) {
                    return;
                }
                startCommand(t, d, from, nameEnd, f, strength, tight);
                if (nameEnd < to) {
                    argument(t, d, skipDelimiters(b, nameEnd, to), to, false);
                }
                return;
            }
            if (pointedAt && hasCmd[d] && !cmdLower[d]) {
                // "Copy -> C:\Backup": where a capitalised menu step's arrow points is no operand.
                return;
            }
            argument(t, d, from, to, target);
        }

        /**
         * Reads the word {@code [from, to)} as an argument of level {@code d}'s command; {@code
         * target} when an output redirection points at it.
         */
        private void argument(ShellTokenizer t, int d, int from, int to, boolean target) {
            char[] b = t.buf;
            queryish[d] = mayQuery && hasQueryChars(b, from, to);
            if (from < to && b[from] == '.' && METHODS.get(b, from + 1, to) != 0) {
                // (New-Object Net.WebClient).DownloadString(...)
                find(POWERSHELL_RULE, t.tokenStart, t.tokenEnd);
                return;
            }
            if (interpreterStart[d] >= 0 && isSwitch(b, from, to)) {
                // "call before %COMSPEC% /c whoami": no prose hands a switch to the interpreter's variable.
                find(EVASION, interpreterStart[d], interpreterEnd[d]);
            }
            interpreterStart[d] = -1;
            if ((t.flags & ShellTokenizer.F_VAR) != 0 && expandsToInterpreter(t, b, from, to)) {
                interpreterStart[d] = t.tokenStart;
                interpreterEnd[d] = t.tokenEnd;
            }
            if (!hasCmd[d]) {
                return;
            }
            if (target) {
                if (receivesCommandOutput(d, receivesCode(b, from, to, t.flags))) {
                    writesFile[d] = true;
                }
                redirected[d] = true;
                if (!cmdLower[d] && !writesFile[d]) {
                    // "Find > C:\Users\bob": a menu path's last step, no drive given to the command.
                    return;
                }
            } else if (awaitOperand[d]) {
                // "start /b "title" cmd /c ...": start's switches and window title come before what it runs.
                boolean startOption = startsWindow[d] && (isSwitch(b, from, to) || (t.flags & ShellTokenizer.F_QUOTED) != 0);
                awaitOperand[d] = startOption;
                if (!startOption && from < to) {
                    // call's and start's operand is what runs: "call cmd /c whoami", "call x.bat".
                    int operand = lookup(b, from, to, t.flags);
                    int nameEnd = to;
                    if (operand == 0 && (t.flags & ShellTokenizer.F_QUOTED) == 0) {
                        nameEnd = delimiterIn(b, from, to, !ampTight[d]);
                        operand = nameEnd < to ? lookup(b, from, nameEnd, t.flags) : 0;
                    }
                    if ((operand & STRENGTH) != 0) {
                        handOver(t, d, from, nameEnd, operand);
                        if (nameEnd < to) {
                            argument(t, d, skipDelimiters(b, nameEnd, to), to, false);
                        }
                        return;
                    }
                    // start's file only when start is itself called ("call start x.bat"): "start
                    // setup.exe" is how instructions name the installer.
                    int runs = extensionOf(b, from, normalisedEnd(b, from, to));
                    callsFile[d] = (runs & RUN) != 0 && ((runs & TYPED_ONLY) == 0 || cmdLower[d])
                            && (!startsWindow[d] || called[d]);
                }
            }
            cmdEnd[d] = t.tokenEnd;
            int f = cmdFlags[d];
            int signals = ShellWords.argument(b, from, to, true);
            if (argCount[d] == 0 && t.flags == 0) {
                firstOperand[d] = ProseOperands.of(b, from, to);
                firstOperandNamesCommand[d] = ShellCommands.WINDOWS.get(b, from, to) != 0;
            }
            if (argCount[d] == 0 && (f & SUBCOMMANDS) != 0 && SUBCOMMAND_NAMES.get(b, from, to) != 0) {
                subcommand[d] = true;
            }
            int n = to - from;
            if ((f & CMD) != 0 && (n == 2 || n > 2 && called[d]) && (b[from] == '/' || b[from] == '-')) {
                // "call cmd /cwhoami": the switch may run into the command it runs.
                char o = Ascii.lower(b[from + 1]);
                if (o == 'c' || o == 'k' || o == 'r') {
                    runSwitch[d] = true;
                }
            }
            if ((f & POWERSHELL) != 0 && n >= 2 && (b[from] == '-' || b[from] == '/')) {
                if (isEncodedSwitch(b, from + 1, to)) {
                    encoded[d] = true;
                }
                signals |= ShellWords.OPTION;
            }
            if ((t.flags & (ShellTokenizer.F_PERCENT_VAR | ShellTokenizer.F_VAR)) != 0) {
                signals |= ShellWords.VARIABLE;
            }
            if (n > 0 && b[from] == '-' && n >= 2 && Ascii.isLetter(b[from + 1])) {
                signals |= ShellWords.OPTION;
            }
            if (isProgramFile(b, from, to)) {
                programArg[d] = true;
                signals &= ~ShellWords.PLAIN;
            }
            if ((signals & ShellWords.PLAIN) != 0 && !isNumber(b, from, to)) {
                plainArgs[d]++;
            }
            args[d] |= signals;
            argCount[d]++;
            lastWasWord[d] = false;
        }

        /**
         * Whether output redirected to a target that {@link #receivesCode} ({@code kind}) writes
         * code. A command written in lowercase, as typed commands are, writes code into a script
         * or any file on a drive or share. A capitalised one is more often the first word of a menu
         * path ({@code Print report > C:\reports\q3.pdf}, {@code More > settings.cmd}, {@code
         * Start > All apps > script.ps1}): it writes code only into a script, after an operand that
         * gives it something to write, at its first arrow.
         */
        private boolean receivesCommandOutput(int d, int kind) {
            if (cmdLower[d]) {
                return kind != NO_CODE;
            }
            return kind == SCRIPT && argCount[d] > 0 && !redirected[d];
        }

        /**
         * Makes the word {@code [from, to)} just looked up ({@link #lookup}, flags {@code f}) the
         * command of level {@code d}, in a position of {@code strength}; {@code tight} for an
         * {@code &} glued to it that may join a query string.
         */
        private void startCommand(ShellTokenizer t, int d, int from, int to, int f, int strength, boolean tight) {
            char[] b = t.buf;
            expect[d] = false;
            pendingSep[d] = 0;
            hasCmd[d] = (f & STRENGTH) != 0;
            cmdFlags[d] = f;
            cmdMatch[d] = matchKind;
            cmdStrength[d] = strength;
            ampTight[d] = tight;
            cmdLower[d] = ShellWords.isLowerCase(b, from, to);
            cmdStart[d] = t.tokenStart;
            cmdEnd[d] = t.tokenEnd;
            argCount[d] = 0;
            plainArgs[d] = 0;
            programArg[d] = false;
            firstOperand[d] = ProseOperands.NONE;
            args[d] = 0;
            subcommand[d] = false;
            runSwitch[d] = false;
            encoded[d] = false;
            called[d] = false;
            callsFile[d] = false;
            writesFile[d] = writeBeforeName[d];
            writeBeforeName[d] = false;
            redirected[d] = false;
            awaitOperand[d] = (f & PREFIX) != 0;
            startsWindow[d] = awaitOperand[d] && START_WORD.get(b, from, to) != 0;
            ranCommand[d] |= hasCmd[d];
            groupRan[d] = false;
            interpreterStart[d] = -1;
            lastWasWord[d] = true;
            queryish[d] = mayQuery && hasQueryChars(b, from, to);
        }

        /**
         * {@code call} runs its operand, a known command ({@code operand} its flags), as if the
         * operand stood in call's place: judged in call's position, with call's start as the
         * evidence and, as with any prefix, never read as the first word of a sentence.
         */
        private void handOver(ShellTokenizer t, int d, int from, int to, int operand) {
            int callStart = cmdStart[d];
            boolean lower = cmdLower[d] && (!called[d] || callerLower[d]);
            // startCommand takes a redirection read before it from writeBeforeName: "> c:\x.bat call ...".
            writeBeforeName[d] = writesFile[d];
            startCommand(t, d, from, to, operand, cmdStrength[d], ampTight[d]);
            cmdStart[d] = callStart;
            called[d] = true;
            callerLower[d] = lower;
            if ((operand & CMD) != 0 && gluedRunSwitch(t.buf, from, to)) {
                // "call cmd/c whoami": cmd.exe ends its name at the switch.
                runSwitch[d] = true;
            }
        }

        /** Whether {@code /c}, {@code /k} or {@code /r} stands in the word: {@code cmd/c}. */
        private static boolean gluedRunSwitch(char[] b, int from, int to) {
            for (int i = from; i + 1 < to; i++) {
                if (b[i] == '/' && "ckrCKR".indexOf(b[i + 1]) >= 0) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether an argument's expansion names cmd.exe or PowerShell ({@code %COMSPEC%}, {@code
         * %ComSpec:~0,100%}): the name comes out of a variable when the word's text holds a {@code %}
         * after its last backslash. A path written out ({@code %windir%\system32\cmd.exe}) is a
         * path as in any other sentence.
         */
        private boolean expandsToInterpreter(ShellTokenizer t, char[] b, int from, int to) {
            if ((ShellCommands.WINDOWS.get(b, nameStart(b, from, to), to) & (CMD | POWERSHELL)) == 0) {
                return false;
            }
            for (int i = Math.min(t.tokenEnd, source.length()) - 1; i >= t.tokenStart; i--) {
                char c = source.charAt(i);
                if (c == '%') {
                    return true;
                }
                if (c == '\\') {
                    return false;
                }
            }
            return false;
        }

        /**
         * Where the name of the program {@code [from, to)} starts: after its last backslash, since
         * Windows paths use backslashes (a slash is a URL or a switch).
         */
        private static int nameStart(char[] b, int from, int to) {
            for (int i = to - 1; i >= from; i--) {
                if (b[i] == '\\') {
                    return i + 1;
                }
            }
            return from;
        }

        private static boolean isEncodedSwitch(char[] b, int from, int to) {
            int n = to - from;
            if (n < 1 || n > 14) {
                return false;
            }
            // PowerShell accepts any unambiguous prefix of -EncodedCommand, e.g. -e, -en, -enc.
            String full = "encodedcommand";
            for (int i = 0; i < n; i++) {
                if (Ascii.lower(b[from + i]) != full.charAt(i)) {
                    return n >= 2 && ShellWords.indexOf(b, from, to, "ec") == from && n == 2;
                }
            }
            return true;
        }

        private int matchKind;

        private int lookup(char[] b, int from, int to, int flags) {
            matchKind = 0;
            int base = nameStart(b, from, to);
            int f = ShellCommands.WINDOWS.get(b, base, to);
            if (f == 0 && base == from && ShellWords.indexOf(b, from, to, " ") < 0) {
                // A switch glued to the name: bcdboot/r. A field with blanks came from quotes, and
                // cmd reads all of it as the program name.
                for (int i = from + 1; i < to; i++) {
                    if (b[i] == '/') {
                        f = ShellCommands.WINDOWS.get(b, from, i);
                        break;
                    }
                }
            }
            if (f == 0) {
                for (int i = to - 1; i > base; i--) {
                    if (b[i] == '.') {
                        int ext = to - i;
                        if (ext == 4 && (ShellWords.indexOf(b, i, to, ".exe") == i
                                || ShellWords.indexOf(b, i, to, ".com") == i
                                || ShellWords.indexOf(b, i, to, ".bat") == i
                                || ShellWords.indexOf(b, i, to, ".cmd") == i
                                || ShellWords.indexOf(b, i, to, ".ps1") == i)) {
                            f = ShellCommands.WINDOWS.get(b, base, i);
                            if (f != 0) {
                                matchKind |= M_PATH;
                            }
                        }
                        break;
                    }
                }
            }
            if (f == 0) {
                return 0;
            }
            if (base > from) {
                matchKind |= M_PATH;
            }
            if ((flags & (ShellTokenizer.F_ESCAPE | ShellTokenizer.F_MID_QUOTE | ShellTokenizer.F_VAR)) != 0) {
                matchKind |= M_EVASION;
            }
            return f;
        }

        /** End of the separator that ends the command being judged. */
        private int endingSepEnd;

        private void separator(ShellTokenizer t, int d) {
            if (t.kind == ShellTokenizer.SEMI && hasCmd[d] && awaitOperand[d] && t.tokenStart == cmdEnd[d]) {
                // "call;x.bat": to cmd.exe a ';' glued to call parts words as a blank does.
                return;
            }
            batchToken(t, d, false);
            endingSep = t.kind;
            endingSepEnd = t.tokenEnd;
            finishCommand(d, true);
            endingSep = 0;
            expect[d] = true;
            pendingSep[d] = t.kind;
            redirectTarget[d] = false;
            arrowTarget[d] = false;
            writeBeforeName[d] = false;
            groupRan[d] = false;
            interpreterStart[d] = -1;
        }

        private void open(ShellTokenizer t, int parent, int d) {
            boolean atCommand = expect[parent];
            int strength;
            if (atCommand) {
                strength = strengthFor(t, parent);
            } else if (hasCmd[parent]) {
                // PowerShell sub-expression as an argument: iex (iwr ...).
                strength = TIGHT;
                args[parent] |= ShellWords.SUBSTITUTION;
            } else {
                strength = START;
            }
            if (t.kind == ShellTokenizer.SUBST) {
                strength = TIGHT;
            }
            batchToken(t, parent, false);
            boolean written = writeBeforeName[parent];
            writeBeforeName[parent] = false;
            resetLevel(d);
            levelStrength[d] = strength;
            // "> c:\x.bat (echo x)": the group's commands write the file.
            writeBeforeName[d] = written;
        }

        private void close(ShellTokenizer t, int d) {
            if (t.kind == 0) {
                finishCommand(d, true);
                expect[d] = true;
                pendingSep[d] = ShellTokenizer.SEMI;
                return;
            }
            int inner = Math.min(t.depth + 1, MAX_LEVELS - 1);
            finishCommand(inner, true);
            int parent = Math.min(t.depth, MAX_LEVELS - 1);
            groupRan[parent] = ranCommand[inner];
            if (forState[parent] == FOR_LIST) {
                forState[parent] = FOR_DO;
            }
            if (ifState[parent] != 0) {
                ifGroupClosed(parent);
            }
        }

        // FOR states.
        private static final int FOR_OPTIONS = 1;
        private static final int FOR_IN = 2;
        private static final int FOR_OPEN = 3;
        private static final int FOR_LIST = 4;
        private static final int FOR_DO = 5;

        // IF states.
        private static final int IF_OPERAND = 1;
        private static final int IF_OPERATOR = 2;
        private static final int IF_SECOND = 3;
        private static final int IF_KEYWORD_OPERAND = 4;
        private static final int IF_COMPLETE = 5;
        private static final int IF_GROUP_FIRST = 6;
        private static final int IF_GROUP_SECOND = 7;

        /**
         * Advances the FOR / IF grammar of level {@code d}. Returns true when the token was
         * consumed by the grammar.
         */
        private boolean batchToken(ShellTokenizer t, int d, boolean isWord) {
            boolean consumed = false;
            if (forState[d] != 0) {
                consumed = forToken(t, d, isWord);
            }
            if (ifState[d] != 0) {
                consumed |= ifToken(t, d, isWord);
            }
            return consumed;
        }

        private boolean forToken(ShellTokenizer t, int d, boolean isWord) {
            char[] b = t.buf;
            int from = t.wordFrom;
            int to = t.wordTo;
            int state = forState[d];
            if (state == FOR_OPEN) {
                if (t.type == ShellTokenizer.OPEN && t.kind == ShellTokenizer.PAREN) {
                    forState[d] = FOR_LIST;
                    return true;
                }
                forState[d] = 0;
                return false;
            }
            if (!isWord) {
                forState[d] = state == FOR_LIST ? state : 0;
                return false;
            }
            switch (state) {
                case FOR_OPTIONS -> {
                    if (to - from >= 2 && b[from] == '%' && b[from + 1] != ' ') {
                        forState[d] = FOR_IN;
                    } else if (++forWords[d] > 6) {
                        forState[d] = 0;
                    }
                    return true;
                }
                case FOR_IN -> {
                    if ((BATCH_WORDS.get(b, from, to) & 4) != 0) {
                        forState[d] = FOR_OPEN;
                        return true;
                    }
                    forState[d] = 0;
                    return false;
                }
                case FOR_DO -> {
                    forState[d] = 0;
                    if ((BATCH_WORDS.get(b, from, to) & 8) != 0) {
                        find(BATCH, batchStart[d], t.tokenEnd);
                        expect[d] = true;
                        return true;
                    }
                    return false;
                }
                default -> {
                    return false;
                }
            }
        }

        private boolean ifToken(ShellTokenizer t, int d, boolean isWord) {
            char[] b = t.buf;
            int from = t.wordFrom;
            int to = t.wordTo;
            int state = ifState[d];
            boolean open = t.type == ShellTokenizer.OPEN && t.kind == ShellTokenizer.PAREN;
            if (state == IF_COMPLETE) {
                ifState[d] = 0;
                expect[d] = true;
                pendingSep[d] = 0;
                if (isWord || open) {
                    if (isWord && from < to && b[from] == '@') {
                        from++;
                    }
                    boolean command = open || (isWord && (ShellCommands.WINDOWS.get(b, from, to) != 0
                            || (BATCH_WORDS.get(b, from, to) & 3) != 0));
                    if (ifStrong[d] || command || !ifSpacedEquals[d]) {
                        find(BATCH, batchStart[d], t.tokenEnd);
                    }
                }
                return false;
            }
            if (open) {
                if (state == IF_OPERAND) {
                    ifState[d] = IF_GROUP_FIRST;
                    return true;
                }
                if (state == IF_SECOND || state == IF_KEYWORD_OPERAND) {
                    ifState[d] = IF_GROUP_SECOND;
                    ifStrong[d] = true;
                    return true;
                }
                ifState[d] = 0;
                return false;
            }
            if (!isWord) {
                if (state != IF_GROUP_FIRST && state != IF_GROUP_SECOND) {
                    ifState[d] = 0;
                }
                return false;
            }
            int n = to - from;
            int batch = BATCH_WORDS.get(b, from, to);
            if ((t.flags & ShellTokenizer.F_PERCENT_VAR) != 0) {
                ifStrong[d] = true;
            }
            switch (state) {
                case IF_OPERAND -> {
                    if (n == 2 && (b[from] == '/' || b[from] == '-') && Ascii.lower(b[from + 1]) == 'i') {
                        ifStrong[d] = true;
                        return true;
                    }
                    if ((batch & 16) != 0) {
                        ifStrong[d] = true;
                        return true;
                    }
                    if ((batch & 32) != 0) {
                        ifStrong[d] = true;
                        ifState[d] = IF_KEYWORD_OPERAND;
                        return true;
                    }
                    int eq = ShellWords.indexOf(b, from, to, "==");
                    if (eq > from && eq + 2 < to) {
                        ifState[d] = IF_COMPLETE;
                    } else if (eq > from) {
                        ifState[d] = IF_SECOND;
                    } else if (eq == from) {
                        ifState[d] = 0;
                        return false;
                    } else {
                        ifState[d] = IF_OPERATOR;
                    }
                    return true;
                }
                case IF_OPERATOR -> {
                    if (ifGroupFirst[d] && (batch & 64) == 0 && !(n > 2 && b[from] == '=')) {
                        // IF NOT (2 EQU 2) ECHO x: the group was the whole condition.
                        ifState[d] = 0;
                        if (ifStrong[d] || ShellCommands.WINDOWS.get(b, from, to) != 0) {
                            find(BATCH, batchStart[d], t.tokenEnd);
                        }
                        return false;
                    }
                    if ((batch & 64) != 0) {
                        if (b[from] != '=') {
                            ifStrong[d] = true;
                        } else {
                            ifSpacedEquals[d] = true;
                        }
                        ifState[d] = IF_SECOND;
                        return true;
                    }
                    if (n > 2 && b[from] == '=' && b[from + 1] == '=') {
                        ifState[d] = IF_COMPLETE;
                        return true;
                    }
                    ifState[d] = 0;
                    return false;
                }
                case IF_SECOND, IF_KEYWORD_OPERAND -> {
                    ifState[d] = IF_COMPLETE;
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }

        private void ifGroupClosed(int d) {
            if (ifState[d] == IF_GROUP_FIRST) {
                ifState[d] = IF_OPERATOR;
                ifGroupFirst[d] = true;
            } else if (ifState[d] == IF_GROUP_SECOND) {
                ifState[d] = IF_COMPLETE;
            }
        }

        private void finishCommand(int d, boolean bySeparator) {
            if (!hasCmd[d]) {
                return;
            }
            hasCmd[d] = false;
            RuleDefinition rule = judge(d, bySeparator);
            if (rule != null) {
                find(rule, cmdStart[d], cmdEnd[d]);
            }
        }

        /**
         * Whether only blanks, quotes and at least one {@code &} or {@code |} come before {@code at}:
         * the value opens with a separator, as one appended to a command line does.
         */
        private boolean opensWithSeparator(int at) {
            boolean separator = false;
            for (int i = 0; i < at && i < source.length(); i++) {
                char c = source.charAt(i);
                if (c == '&' || c == '|') {
                    separator = true;
                } else if (c != ' ' && c != '\t' && c != '"' && c != '\'') {
                    return false;
                }
            }
            return separator;
        }

        /**
         * Whether the command's name opens the value and its first operand makes a sentence of it
         * ({@link ProseOperands}): a literal name, nothing but plain words and numbers after it (no
         * host), nothing after a separator that may run; a version only for {@code cmd} and
         * PowerShell, whose banners it is, and for them nothing else, as they run their operand.
         * A name {@code call} hands over reads so when call or the name is capitalised and its
         * first operand is a word that names no command ({@code Call PowerShell team}); typed in
         * lowercase, {@code call pwsh team} stays a command line.
         */
        private boolean opensSentence(int d, boolean bySeparator) {
            int reading = firstOperand[d];
            int f = cmdFlags[d];
            if (reading == ProseOperands.NONE || d != 0 || (cmdMatch[d] & M_EVASION) != 0
                    || !called[d] && cmdMatch[d] != 0 || called[d] && callerLower[d] && cmdLower[d]
                    || !opensValue(cmdStart[d]) || encoded[d] || runSwitch[d] || subcommand[d] || programArg[d]
                    || (args[d] & ~ShellWords.PLAIN) != 0) {
            // a host makes a callback of it whatever words come first: curl to attacker.example
                return false;
            }
            if (bySeparator && (endingSep == 0
                    || !ProseOperands.proseFollows(source, endingSepEnd, ShellCommands.WINDOWS))) {
                return false;
            }
            if (reading == ProseOperands.VERSION) {
                // a shell's banner (PowerShell 7.4.0); to ping or nslookup, 10.1 is a host
                return (f & (CMD | POWERSHELL)) != 0;
            }
            if (called[d]) {
                // "Call PowerShell team", "Call MSBuild team": a capitalised call of a name that only
                // words follow, none of them a command the name could run.
                return reading == ProseOperands.PROSE || reading == ProseOperands.OTHER_WORD && !firstOperandNamesCommand[d];
            }
            if ((f & (CMD | POWERSHELL)) != 0) {
                return false;
            }
            return reading == ProseOperands.PROSE
                    || ProseOperands.WINDOWS_NO_OPERANDS.get(source, cmdStart[d], wordEnd(source, cmdStart[d], BLANKS)) != 0;
        }

        /** Whether only spaces and tabs come before {@code at}. */
        private boolean opensValue(int at) {
            return at <= leadEnd;
        }

        /**
         * The rule for the command that ends at level {@code d}: the command line's, lowered to
         * WEAK when its name only opens a sentence or a version banner ({@link #opensSentence}),
         * as in {@code whoami tells you the current user}, {@code ipconfig release renew}, {@code
         * PowerShell 7.4.0}; raised to COMMAND when it finds less for a line that runs or writes
         * code ({@link #runsOrWritesCode}).
         */
        private RuleDefinition judge(int d, boolean bySeparator) {
            if (called[d] && (cmdFlags[d] & CMD) != 0 && !runSwitch[d] && argCount[d] > 0) {
                // "Call CMD at 555-0100": without /c, /k or /r, cmd runs nothing given on its line.
                return null;
            }
            RuleDefinition rule = judgeCommandLine(d, bySeparator);
            if (rule != null && rule != WEAK) {
                return opensSentence(d, bySeparator) ? WEAK : rule;
            }
            return runsOrWritesCode(d) ? COMMAND : rule;
        }

        /**
         * Whether the command line runs or writes code whatever its words: call runs a program or
         * script file ({@code call x.bat}) or a command no sentence calls by name ({@code call
         * whoami}, {@code call cmd}, {@code call powershell}), or output goes into a script or onto
         * a drive ({@code echo x > c:\x.bat}).
         */
        private boolean runsOrWritesCode(int d) {
            return callsFile[d] || writesFile[d] || called[d] && ((cmdFlags[d] & (DISTINCT | POWERSHELL)) != 0
                    || (cmdFlags[d] & CMD) != 0 && (runSwitch[d] || argCount[d] == 0));
        }

        private RuleDefinition judgeCommandLine(int d, boolean bySeparator) {
            int f = cmdFlags[d];
            int a = args[d];
            int s = cmdStrength[d];
            int n = argCount[d];
            int match = cmdMatch[d];
            boolean shellish = (a & (ShellWords.OPTION | ShellWords.LONG_OPTION | ShellWords.SWITCH
                    | ShellWords.WINDOWS_PATH | ShellWords.URL | ShellWords.REDIRECT | ShellWords.SUBSTITUTION
                    | ShellWords.VARIABLE)) != 0;
            if ((f & POWERSHELL) != 0) {
                if (encoded[d]) {
                    return POWERSHELL_RULE;
                }
                if (n == 0) {
                    return s >= SPACED || bySeparator ? COMMAND : WEAK;
                }
                return s >= SPACED ? CHAIN : COMMAND;
            }
            if ((f & CMD) != 0) {
                if (runSwitch[d]) {
                    return s >= SPACED || (match & M_PATH) != 0 ? CHAIN : COMMAND;
                }
                if ((match & (M_EVASION | M_PATH)) != 0) {
                    return EVASION;
                }
                if (s == TIGHT && !ampTight[d]) {
                    return n == 0 ? COMMAND : WEAK;
                }
                return n == 0 && s >= SPACED ? WEAK : null;
            }
            if ((match & M_EVASION) != 0) {
                return EVASION;
            }
            if ((f & DISTINCT) != 0) {
                if (s >= SPACED) {
                    return shellish || s == TIGHT ? CHAIN : COMMAND;
                }
                return n == 0 && !bySeparator ? WEAK : COMMAND;
            }
            if ((f & CMDLET) != 0 && (f & NAMED) != 0) {
                if (s == TIGHT) {
                    return shellish ? CHAIN : COMMAND;
                }
                if (shellish && (s >= SPACED || (a & (ShellWords.URL | ShellWords.SUBSTITUTION
                        | ShellWords.OPTION)) != 0)) {
                    return COMMAND;
                }
                return n == 0 ? WEAK : null;
            }
            if ((f & NAMED) != 0) {
                if (s == TIGHT && !ampTight[d]) {
                    return shellish ? CHAIN : (n == 0 ? COMMAND : WEAK);
                }
                return shellish && s >= SPACED ? COMMAND : null;
            }
            // Everyday words: dir, type, net, echo.
            if (subcommand[d]) {
                if (s >= SPACED) {
                    return COMMAND;
                }
                return (a & (ShellWords.SWITCH | ShellWords.WINDOWS_PATH)) != 0 || n >= 3 ? COMMAND : null;
            }
            if ((match & M_PATH) != 0) {
                return COMMAND;
            }
            boolean lastInLine = !bySeparator || endingSep == ShellTokenizer.AMP || endingSep == ShellTokenizer.AND;
            if (n == 0 && lastInLine && d == 0 && cmdLower[d] && opensWithSeparator(cmdStart[d])) {
                // "& ver", "| dir", "&ver&": a bare command appended to the application's command
                // line ("| dir | size |" goes on as a table row).
                return COMMAND;
            }
            boolean strongArgs = (a & (ShellWords.WINDOWS_PATH | ShellWords.VARIABLE)) != 0;
            if (programArg[d] && plainArgs[d] == 0 && (s == SPACED || (s == TIGHT && !ampTight[d]))) {
                // "& start calc.exe": a program file and nothing else after a separator.
                return COMMAND;
            }
            if (s == TIGHT && !ampTight[d]) {
                return strongArgs || (a & ShellWords.SWITCH) != 0 ? COMMAND : null;
            }
            if (s >= SPACED) {
                // "& timeout /t 10 &": switches and numbers after a separator are a command line.
                return strongArgs || ((a & ShellWords.SWITCH) != 0 && plainArgs[d] == 0) ? COMMAND : null;
            }
            if ((a & ShellWords.WINDOWS_PATH) != 0 && plainArgs[d] == 0) {
                // "dir d:", "type c:\boot.ini": nothing but drives, paths and switches.
                return COMMAND;
            }
            return null;
        }
    }

    /** cmd.exe's name for the command that starts a program in a window of its own. */
    private static final CommandTable START_WORD = new CommandTable("start", 1);

    /** What an extension makes of a file: it runs when called or started. */
    private static final int RUN = 1;
    /** It names a program in an argument ({@code & start calc.exe}). */
    private static final int PROGRAM = 1 << 1;
    /** A line of output written into it is a script that Windows runs by association. */
    private static final int SCRIPT_FILE = 1 << 2;
    /**
     * It runs only when a typed (lowercase) call names it: {@code call app.js}, not {@code Call
     * customer.js handler}, since developers' prose names far more .js files than attacks do.
     */
    private static final int TYPED_ONLY = 1 << 3;

    /**
     * Extensions of files Windows runs, one table for every question asked of them. Not {@code
     * .com}, which is far more often a domain. {@code .js} and {@code .jse} run when called, but
     * output redirected into them is how developers write config files ({@code > babel.config.js}).
     */
    private static final CommandTable EXTENSIONS = new CommandTable(
            "exe scr msi cpl", RUN | PROGRAM,
            "bat cmd ps1 vbs vbe hta", RUN | PROGRAM | SCRIPT_FILE,
            "wsf wsh", RUN | SCRIPT_FILE,
            "psm1", SCRIPT_FILE,
            "pif", RUN,
            "js jse", RUN | TYPED_ONLY);

    /**
     * The {@link #EXTENSIONS} flags of the file {@code [from, to)} names: the letters after its
     * last dot, which a letter or digit comes before. 0 when it has none of them.
     */
    private static int extensionOf(char[] b, int from, int to) {
        for (int dot = to - 1; dot > from && dot >= to - 5; dot--) {
            if (b[dot] == '.') {
                return to - dot >= 3 && Ascii.isAlnum(b[dot - 1]) ? EXTENSIONS.get(b, dot + 1, to) : 0;
            }
        }
        return 0;
    }

    /** Whether the word names a program or script file by its extension: {@code calc.exe}, {@code x.ps1}. */
    private static boolean isProgramFile(char[] b, int from, int to) {
        return (extensionOf(b, from, to) & PROGRAM) != 0;
    }

    /**
     * End of the file name Windows opens for {@code [from, to)}: before a {@code :stream} suffix
     * ({@code x.bat::$DATA} is x.bat's main stream) and without trailing dots and blanks, which
     * Win32 strips ({@code x.bat.}, {@code "x.bat "}).
     */
    private static int normalisedEnd(char[] b, int from, int to) {
        int end = to;
        for (int i = from + 2; i < to; i++) {
            if (b[i] == ':') {
                end = i;
                break;
            }
        }
        while (end > from && (b[end - 1] == '.' || b[end - 1] == ' ')) {
            end--;
        }
        return end;
    }

    /** Characters that cmd.exe parts words at as at blanks: {@code call,x.bat}, {@code cmd=/c}. */
    private static boolean isDelimiter(char c) {
        return c == ',' || c == '=' || c == ';';
    }

    /** First of {@code [from, to)} that is no {@link #isDelimiter delimiter}. */
    private static int skipDelimiters(char[] b, int from, int to) {
        int i = from;
        while (i < to && isDelimiter(b[i])) {
            i++;
        }
        return i;
    }

    /**
     * The first {@link #isDelimiter delimiter} of {@code [from, to)}, or {@code to}; {@code '='}
     * only {@code withEquals}.
     */
    private static int delimiterIn(char[] b, int from, int to, boolean withEquals) {
        for (int i = from; i < to; i++) {
            if (isDelimiter(b[i]) && (withEquals || b[i] != '=')) {
                return i;
            }
        }
        return to;
    }

    /** Whether the word is a switch: {@code /c}, {@code /min}, {@code -Command}; not {@code /?}. */
    private static boolean isSwitch(char[] b, int from, int to) {
        return to - from >= 2 && (b[from] == '/' || b[from] == '-') && Ascii.isLetter(b[from + 1]);
    }

    /** Output redirected into the word writes no code. */
    private static final int NO_CODE = 0;
    /** ... writes a file on a drive or share, where a later command line or the startup folder picks it up. */
    private static final int PLACED = 1;
    /** ... writes a script file. */
    private static final int SCRIPT = 2;

    /**
     * What output redirected into the word writes: a script file ({@code x.bat}, {@code run.ps1},
     * named as Windows normalises it, {@code x.bat.}), a file with an extension on a drive or
     * share ({@code c:\x.txt}, {@code \\host\s\x.txt}, {@code %TEMP%\x.txt}), or no code: a bare
     * name ({@code log}), a drive or folder ({@code C:\Archive}, {@code c:\}).
     */
    private static int receivesCode(char[] b, int from, int to, int flags) {
        int end = normalisedEnd(b, from, to);
        if ((extensionOf(b, from, end) & SCRIPT_FILE) != 0) {
            return SCRIPT;
        }
        int n = end - from;
        boolean placed = n >= 3 && Ascii.isLetter(b[from]) && b[from + 1] == ':' && (b[from + 2] == '\\' || b[from + 2] == '/')
                || n >= 3 && b[from] == '\\' && b[from + 1] == '\\';
        if (!placed && (flags & ShellTokenizer.F_PERCENT_VAR) != 0 && n > 0 && b[from] == '%') {
            int close = ShellWords.indexOf(b, from + 1, end, "%");
            placed = close > from + 1 && close + 1 < end && b[close + 1] == '\\';
        }
        return placed && namesFileWithExtension(b, from, end) ? PLACED : NO_CODE;
    }

    /** Whether the path's last part has an extension: {@code c:\x.txt}, not {@code C:\Archive}. */
    private static boolean namesFileWithExtension(char[] b, int from, int to) {
        for (int i = to - 1; i > from; i--) {
            if (b[i] == '\\' || b[i] == '/') {
                return false;
            }
            if (b[i] == '.') {
                return i + 1 < to && b[i - 1] != '\\' && b[i - 1] != '/';
            }
        }
        return false;
    }

    private static boolean isNumber(char[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Ascii.isDigit(b[i])) {
                return false;
            }
        }
        return to > from;
    }
}
