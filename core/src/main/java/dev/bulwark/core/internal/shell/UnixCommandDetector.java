package dev.bulwark.core.internal.shell;

import static dev.bulwark.core.internal.rules.References.cwe;
import static dev.bulwark.core.internal.shell.ShellCommands.ALIAS;
import static dev.bulwark.core.internal.shell.ShellCommands.DISTINCT;
import static dev.bulwark.core.internal.shell.ShellCommands.INTERPRETER;
import static dev.bulwark.core.internal.shell.ShellCommands.KEYWORD;
import static dev.bulwark.core.internal.shell.ShellCommands.NAMED;
import static dev.bulwark.core.internal.shell.ShellCommands.NETWORK;
import static dev.bulwark.core.internal.shell.ShellCommands.PACKAGES;
import static dev.bulwark.core.internal.shell.ShellCommands.PREFIX;
import static dev.bulwark.core.internal.shell.ShellCommands.SHELL;
import static dev.bulwark.core.internal.shell.ShellCommands.STRENGTH;
import static dev.bulwark.core.internal.shell.ShellCommands.VERSIONED;
import static dev.bulwark.core.internal.shell.ShellCommands.WORD;
import static dev.bulwark.core.internal.shell.UnixCommandRules.CHAIN;
import static dev.bulwark.core.internal.shell.UnixCommandRules.COMMAND;
import static dev.bulwark.core.internal.shell.UnixCommandRules.EVASION;
import static dev.bulwark.core.internal.shell.UnixCommandRules.EXPANSION;
import static dev.bulwark.core.internal.shell.UnixCommandRules.FORK_BOMB;
import static dev.bulwark.core.internal.shell.UnixCommandRules.GLOB_PATH;
import static dev.bulwark.core.internal.shell.UnixCommandRules.REVERSE_SHELL;
import static dev.bulwark.core.internal.shell.UnixCommandRules.SHELLSHOCK;
import static dev.bulwark.core.internal.shell.UnixCommandRules.SQLITE_DOT_COMMAND;
import static dev.bulwark.core.internal.shell.UnixCommandRules.WEAK;

import dev.bulwark.core.Component;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Detects OS command injection aimed at POSIX shells ({@code sh}, {@code bash} and friends).
 *
 * <p>Why structure and not keywords: command names such as {@code cat}, {@code time} or {@code
 * find} are everyday words, and attackers hide names with quoting ({@code c'a't}), escapes
 * ({@code c\at}), empty expansions ({@code c$@at}, {@code pi$()ng}), {@code ${IFS}}, brace
 * expansion and globbing ({@code /???/c?t}). The value is therefore tokenized the way a shell
 * would ({@link ShellTokenizer}), each command word is de-obfuscated, and a finding needs a known
 * command in <em>command position</em> (start of the value, after a separator, inside a
 * substitution) with evidence that grows with how ordinary the name is: an unmistakable tool name
 * needs little, a name that is also a product needs command-line arguments, an English word needs
 * a system path or a tight separator. Values are also read as if they started inside a single or
 * double quoted argument, the usual injection point ({@code '; id; '}).
 *
 * <p>Arguments weigh as evidence too: numbers and options after a separator make a command line
 * ({@code 127.0.0.1;sleep 5}) where plain words make a sentence ({@code sleep 5 hours}); so do a
 * glob or deep path ({@code cat /et*}{@code /*wd}), a script file for an interpreter, a package
 * manager's {@code install}, a dotted version ({@code python3.10}), option letters written without
 * their dash ({@code ps aux}, {@code tar xzf}), an awk program ({@code awk 'BEGIN {system("id")}'};
 * opening the value, only one that runs a command or writes a file, as {@code awk '{print $1}' f} is
 * the awk of tutorials) and a pipe from a known command.
 * A lone address or number that opens the value is the input the application expected: a line
 * break after it (CRLF too) starts a command line, and so does a spaced {@code ;} or {@code &} when
 * the command has arguments ({@code 127.0.0.1 ; sleep 5}, {@code 1' ; sleep 5 #}), where a bare
 * word stays an answer ({@code 2; yes}). An {@code &} glued to a command reads as a query string
 * only after a key ({@code a&id&b}); opening the value, it is a separator like {@code ;} ({@code
 * &id&}). System binary directories count without their leading slash too after a separator
 * ({@code |usr/bin/id}), as a relative path from {@code /} runs the same program (opening the value,
 * {@code usr/bin/python3.11} is a file of a package listing); an unknown program counts from the
 * working or a temporary directory after a tight separator ({@code x;./x.sh}, {@code x;/tmp/p})
 * unless the word before it is a path too ({@code /var/log;/tmp/app}, a list of paths), and
 * {@code .} counts as {@code source} when it names a file.
 * A substitution in command position runs what it prints ({@code $(printf "\x69\x64")}).
 * A value wrapped whole in backticks is a substitution, and so are spans glued to each other
 * ({@code `a``b`}); backtick spans in prose are Markdown code spans. A login shell's path as the
 * whole value ({@code /bin/zsh}) is a setting, not a command line: only STRICT blocks it. Shell-only
 * expansions ({@link ShellExpansions}) mark a value for a shell without a command, and so does a
 * value that is only an output redirection into a file below a system directory ({@code >/tmp/x},
 * {@code 2>>/etc/profile}): bash creates or empties the file with no command at all. A header that
 * holds a URL ({@code Referer}, {@code X-Original-URL}) is read again through its query values
 * ({@link UrlQueryValues}), as query values, where a command at the start is strong evidence.
 * A name that opens the value and is followed by an English word no program takes ({@code whoami
 * says root}, {@code ssh into 192.168.1.10}), a version ({@code bash 5.2.15(1)-release}) or, for a
 * command that takes options only, any word ({@code whoami meaning}) opens a sentence
 * ({@link ProseOperands}), and so does a capitalised name ({@code Bash & Co.}): only STRICT blocks
 * them, and only while nothing but plain words, numbers and hosts follow and no command follows a
 * separator.
 *
 * <p>Rules (levels): {@code UNIXCMD-SHELLSHOCK}, {@code UNIXCMD-REVERSE-SHELL} and {@code
 * UNIXCMD-CHAIN} are BASIC; {@code UNIXCMD-COMMAND}, {@code UNIXCMD-EVASION}, {@code
 * UNIXCMD-GLOB-PATH}, {@code UNIXCMD-EXPANSION} (see {@link ShellExpansions}), {@code
 * UNIXCMD-FORK-BOMB} and {@code UNIXCMD-SQLITE-DOT-COMMAND} (see {@link SqliteDotCommands}) are
 * STANDARD; {@code UNIXCMD-WEAK} (a known command with weak context, e.g. a bare tool name as the
 * whole value, or an everyday-word prefix running another, {@code time who}) is STRICT.
 *
 * <p>See <a href="https://owasp.org/www-community/attacks/Command_Injection">OWASP Command
 * Injection</a> and <a href="https://cwe.mitre.org/data/definitions/78.html">CWE-78</a>.
 */
public final class UnixCommandDetector extends RuleFamily {

    private static final ThreadLocal<UnixScan> SCANS = ThreadLocal.withInitial(UnixScan::new);

    public UnixCommandDetector() {
        super(UnixCommandRules.KEY, UnixCommandRules.ALL);
    }

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        scanValue(target, sink);
        for (ScanTarget queryValue : UrlQueryValues.of(target)) {
            scanValue(queryValue, Text.wholeValue(sink, target.text().length()));
        }
    }

    private void scanValue(ScanTarget target, DetectionSink sink) {
        String text = target.text();
        if (text.isEmpty()) {
            return;
        }
        TextProfile profile = target.profile();
        if (profile.has('(') && isShellshock(text)) {
            sink.report(SHELLSHOCK, 0, Math.min(text.length(), 16));
            return;
        }
        if (profile.hasAny(EXPANSION_SIGILS)) {
            ShellExpansions.Match expansion = ShellExpansions.find(text);
            if (expansion != null) {
                sink.report(EXPANSION, expansion.start(), expansion.end() - expansion.start());
            }
        }
        if (profile.has('.') && profile.hasAny(DOT_COMMAND_SEPARATORS)) {
            ShellExpansions.Match dotCommand = SqliteDotCommands.find(text, profile);
            if (dotCommand != null) {
                sink.report(SQLITE_DOT_COMMAND, dotCommand.start(), dotCommand.end() - dotCommand.start());
            }
        }
        if (!worthScanning(text, profile)) {
            return;
        }
        UnixScan scan = SCANS.get();
        scan.run(target, text);
        scan.report(sink);
    }

    /** {@code () {} at the start: the prefix bash treated as a function definition in CVE-2014-6271. */
    static boolean isShellshock(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && ShellTokenizer.isBlank(text.charAt(i))) {
            i++;
        }
        if (i + 1 >= n || text.charAt(i) != '(') {
            return false;
        }
        i++;
        while (i < n && text.charAt(i) == ' ') {
            i++;
        }
        if (i >= n || text.charAt(i) != ')') {
            return false;
        }
        i++;
        while (i < n && ShellTokenizer.isBlank(text.charAt(i))) {
            i++;
        }
        return i < n && text.charAt(i) == '{';
    }

    /** Characters of shell syntax: with any of them, a value is always scanned. */
    private static final AsciiSet SYNTAX = AsciiSet.of(";|&\n\r(`${<>'\"\\");
    private static final AsciiSet GLOB = AsciiSet.of("?*[");
    private static final AsciiSet EXPANSION_SIGILS = AsciiSet.of("$~!");
    private static final AsciiSet DOT_COMMAND_SEPARATORS = AsciiSet.of(";\n\r\\");

    /**
     * Quick reject: a value without shell syntax characters can only be an attack when its first
     * word is a known command or a path.
     */
    static boolean worthScanning(String text, TextProfile profile) {
        if (profile.hasAny(SYNTAX)) {
            return true;
        }
        boolean slash = profile.has('/');
        if (slash && profile.hasAny(GLOB)) {
            return true;
        }
        int to = ShellScan.firstWordEnd(text, profile);
        if (to > 60) {
            return false;
        }
        if (slash && text.charAt(0) == '/') {
            return true;
        }
        int from = 0;
        if (slash) {
            for (int i = 0; i < to; i++) {
                if (text.charAt(i) == '/') {
                    from = i + 1;
                }
            }
        }
        if (to == from) {
            return false;
        }
        if (ShellCommands.UNIX.get(text, from, to) != 0) {
            return true;
        }
        int end = to;
        while (end > from && (Ascii.isDigit(text.charAt(end - 1)) || text.charAt(end - 1) == '.')) {
            end--;
        }
        return end < to && (ShellCommands.UNIX.get(text, from, end) & VERSIONED) != 0;
    }

    /** One scan's mutable state, reused per thread. */
    static final class UnixScan extends ShellScan {

        // Context flags.
        private static final int C_PIPE = 1;
        private static final int C_SUBST = 1 << 1;
        private static final int C_BACKTICK = 1 << 2;
        private static final int C_AMP = 1 << 3;
        private static final int C_PREFIXED = 1 << 4;
        private static final int C_ARG_GROUP = 1 << 5;
        private static final int C_GLUED = 1 << 6;
        /** The command follows a separator that opens the value: "; id", "| id". */
        private static final int C_LEADING = 1 << 7;
        /** The command reads the output of a known command through a pipe: "echo | gcc". */
        private static final int C_PIPED = 1 << 8;
        /** The command follows {@code &&} or {@code ||}, which prose and Markdown hardly write. */
        private static final int C_LOGIC = 1 << 9;
        /** The command follows {@code ;} or {@code &} after a lone token that opens the value: "1 ; sleep 5". */
        private static final int C_AFTER_TOKEN = 1 << 10;
        /** The separator is glued to a path before it, as in a list of paths: "/var/log;/tmp/app". */
        private static final int C_AFTER_PATH = 1 << 11;

        // How a command word matched.
        private static final int M_PATH = 1;
        private static final int M_GLOB = 1 << 1;
        private static final int M_EVASION = 1 << 2;
        /** Named with a dotted version, as only a command line does: python3.10, gcc7.4. */
        private static final int M_VERSION = 1 << 3;
        /** An unknown program run from the working or a temporary directory: ./x.sh, /tmp/p. */
        private static final int M_DROPPED = 1 << 4;

        private final ShellTokenizer tokenizer = new ShellTokenizer(false);
        private final boolean[] expect = new boolean[MAX_LEVELS];
        private final int[] levelStrength = new int[MAX_LEVELS];
        private final int[] levelFlags = new int[MAX_LEVELS];
        private final int[] pendingSep = new int[MAX_LEVELS];
        private final boolean[] queryish = new boolean[MAX_LEVELS];
        private final boolean[] openedAtCommand = new boolean[MAX_LEVELS];
        private final boolean[] funcProbe = new boolean[MAX_LEVELS];
        private final int[] tokensInLevel = new int[MAX_LEVELS];

        private final boolean[] hasCmd = new boolean[MAX_LEVELS];
        private final int[] cmdFlags = new int[MAX_LEVELS];
        private final int[] cmdMatch = new int[MAX_LEVELS];
        private final boolean[] cmdLower = new boolean[MAX_LEVELS];
        private final int[] cmdStrength = new int[MAX_LEVELS];
        private final int[] cmdContext = new int[MAX_LEVELS];
        private final int[] cmdStart = new int[MAX_LEVELS];
        private final int[] cmdEnd = new int[MAX_LEVELS];
        private final int[] argCount = new int[MAX_LEVELS];
        private final int[] args = new int[MAX_LEVELS];
        private final int[] prefixWait = new int[MAX_LEVELS];
        private final boolean[] handedOver = new boolean[MAX_LEVELS];
        private final boolean[] shellCode = new boolean[MAX_LEVELS];
        private final boolean[] redirectTarget = new boolean[MAX_LEVELS];
        private final boolean[] hereString = new boolean[MAX_LEVELS];
        private final boolean[] echoes = new boolean[MAX_LEVELS];
        private final boolean[] aliasAssigns = new boolean[MAX_LEVELS];
        private final boolean[] lastWasCmdWord = new boolean[MAX_LEVELS];
        /** Arguments that are plain words, not numbers: "hours" in "sleep 5 hours". */
        private final int[] proseArgs = new int[MAX_LEVELS];
        /** An argument is a path with wildcards ({@code /et*}{@code /*wd}) or a deep absolute path. */
        private final boolean[] globArg = new boolean[MAX_LEVELS];
        private final boolean[] deepPathArg = new boolean[MAX_LEVELS];
        private final boolean[] scriptArg = new boolean[MAX_LEVELS];
        /** A package manager's first argument is {@code install} or a like subcommand. */
        private final boolean[] installs = new boolean[MAX_LEVELS];
        /** The command is {@code .}, which reads a file as {@code source} does. */
        private final boolean[] sourcesFile = new boolean[MAX_LEVELS];
        /** The command's kind in {@link #DASHLESS_OPTIONS}, 0 for none. */
        private final int[] dashless = new int[MAX_LEVELS];
        /** The command before the pipe at this level was a known command. */
        private final boolean[] knownBeforePipe = new boolean[MAX_LEVELS];
        /** How the command's first operand reads ({@link ProseOperands#of}). */
        private final int[] firstOperand = new int[MAX_LEVELS];
        /**
         * The version operand is glued to a parenthesis, as a banner is ({@code bash
         * 5.2.15(1)-release}) and a command line cannot be: bash rejects the {@code (} as a syntax error.
         */
        private final boolean[] versionBanner = new boolean[MAX_LEVELS];

        private final char[] funcName = new char[64];
        private int funcNameLength;
        private int funcCalls;
        private boolean funcPipe;
        private int funcStart;

        /** Whether words of this text can be query-like at all (see run). */
        private boolean mayQuery;
        /** Whether words of this text can hold a slash at all (see run). */
        private boolean mayPath;
        private boolean header;
        private boolean nameComponent;
        /** The text being parsed, for looking ahead of the tokenizer. */
        private String source;
        // The last answer of wordStartBefore: reading back stops where the previous read began.
        private int wordStartKnownAt;
        private int wordStartKnown;
        /** End of the value's opening: blanks, and in a quoted reading the quote it closes. */
        private int leadEnd;
        /** The value opens by closing the quote it was read inside: {@code ' | id | '}. */
        private boolean quoteLed;
        /** The quote the current reading starts inside, or {@link ShellTokenizer#START_UNQUOTED}. */
        private int readingQuote;
        /** Kind of the separator that ends the command being judged, 0 at the end of the value. */
        private int endingSep;

        UnixScan() {
            super(UnixCommandRules.ALL);
        }

        void run(ScanTarget target, String text) {
            header = target.source() == Source.HEADER;
            nameComponent = target.component() == Component.NAME;
            String read = prepared(text, text == target.text() ? target.profile() : null);
            clearFindings(read.length());
            // The value's profile holds for the text read unless decoding changed it.
            if (mayNameCommand(read, read == text ? target.profile() : TextProfile.of(read))) {
                readEveryWay(read);
            }
        }

        /** The text the readings see: HTML references decoded, and '+' read as a space where it stands for one. */
        static String prepared(String text) {
            return prepared(text, null);
        }

        /**
         * {@link #prepared(String)} of a text whose profile is {@code profile}, or {@code null} when
         * there is none: what the profile says the text lacks is not searched for.
         */
        private static String prepared(String text, TextProfile profile) {
            if (profile == null || profile.has('&')) {
                return plusAsSpace(HtmlEntities.decode(text), null);
            }
            return plusAsSpace(text, profile);
        }

        /**
         * Reads a {@link #prepared} text in every quoting without the {@link #mayNameCommand}
         * precondition and hands the findings to {@code sink}, so that tests can hold the
         * precondition to the readings.
         */
        void readAll(String preparedText, DetectionSink sink) {
            header = false;
            nameComponent = false;
            clearFindings(preparedText.length());
            readEveryWay(preparedText);
            report(sink);
        }

        /** The unquoted reading, then the quoted ones that the text's quotes call for. */
        private void readEveryWay(String text) {
            // A word can only hold '=' or '?' taken from the text or made by an expansion.
            mayQuery = text.indexOf('=') >= 0 || text.indexOf('?') >= 0 || text.indexOf('$') >= 0;
            mayPath = text.indexOf('/') >= 0 || text.indexOf('$') >= 0;
            parse(text, ShellTokenizer.START_UNQUOTED);
            if (!anyBlocking && text.indexOf('\'') >= 0) {
                parse(text, ShellTokenizer.START_SINGLE);
            }
            if (!anyBlocking && text.indexOf('"') >= 0) {
                parse(text, ShellTokenizer.START_DOUBLE);
            }
        }

        /** Characters after which words are no longer runs of the text, or that find without a command name. */
        private static final AsciiSet UNREAD = AsciiSet.of("$\\`{}?*[");

        /** Characters of redirections and assignments, after which a word inside a command can be in command position. */
        private static final AsciiSet REDIRECTS_AND_ASSIGNMENTS = AsciiSet.of("<>=");

        /** The longest run {@link #commandAt} copies; a longer one is taken to name a command. */
        private final char[] name = new char[64];

        /**
         * Whether any reading of {@code text} can find anything: false only when no word in command
         * position can be a command name, which every finding of the readings needs but a fork bomb.
         * One cheap pass, so that prose with separators and quotes skips the readings.
         *
         * <p>Why it holds. Without {@code $ \ ` { } ? * [}, the tokenizer expands, escapes and
         * globs nothing (redirections and assignments are looked at on their own, see
         * {@link #mayNameCommandAfterRedirectOrAssignment}), so a word is a run of the text with some
         * quote characters taken out, and a name is looked up from the word's start up to its first space
         * ({@link #lookup}). A table name or binary directory holds only letters, digits and {@code
         * . _ - + !}; a word's name with any other character before its last slash, or after it,
         * names nothing, and a name after a slash is taken to name one. Command position opens the
         * value and follows a separator or parenthesis (in one reading or another, so every such
         * character counts), blanks and quotes; a keyword or prefix command in command position is
         * itself a name, and the word after an empty one ({@code ''}) is looked at by taking every
         * run of quotes between blanks to allow one. A {@code .} that stands alone, unquoted, after a
         * separator sources a file only when given a path, which needs a slash (quoted with more, as
         * in {@code '. x'}, it is a name like any other); a fork bomb needs a function's empty
         * parentheses.
         */
        boolean mayNameCommand(String text) {
            return mayNameCommand(text, TextProfile.of(text));
        }

        /** {@link #mayNameCommand(String)} with the characters of {@code text} known from its profile. */
        private boolean mayNameCommand(String text, TextProfile profile) {
            if (profile.hasAny(UNREAD) || hasEmptyWordOrParentheses(text, profile)) {
                return true;
            }
            boolean slash = profile.has('/');
            if (commandAt(text, 0, slash)) {
                return true;
            }
            for (int k = 0; k < ShellTokenizer.COMMAND_SEPARATORS.length(); k++) {
                char separator = ShellTokenizer.COMMAND_SEPARATORS.charAt(k);
                if (!profile.has(separator)) {
                    continue;
                }
                for (int at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, at + 1)) {
                    if (commandAt(text, at + 1, slash)) {
                        return true;
                    }
                }
            }
            return profile.hasAny(REDIRECTS_AND_ASSIGNMENTS) && mayNameCommandAfterRedirectOrAssignment(text, slash);
        }

        /**
         * How far past the leading blanks and quotes the {@code >} of a write that opens the value
         * can stand: the write rule, which needs no command, takes an operator that starts at most
         * one character after them, and a file descriptor of at most three digits before the
         * {@code >} ({@code 123>/tmp/x}); one more for margin.
         */
        private static final int LEADING_WRITE_REACH = 5;

        /**
         * For a text with {@code <}, {@code >} or {@code =} whose words after separators name
         * nothing: whether a redirection or an assignment can put a command in command position, or
         * find without one. Markup in prose ({@code <span style="color:brown">loves</span> naps})
         * otherwise sends every such text through the readings.
         *
         * <p>Why it holds. A redirection reads the word after it as its target, never as a command,
         * and an assignment in command position keeps the next word there ({@code a=1 id},
         * {@code >x id}); both need one of these characters before that word. So every word after
         * the first of them is looked at as the words after separators are ({@link #commandAt}),
         * but a word that a {@code <} or {@code >} and blanks come right before, which is a target
         * in a reading where the redirection is unquoted and no word's start where it is quoted.
         * A redirection finds without a command only when its target is a {@code /dev/tcp/} or
         * {@code /dev/udp/} path, when it opens the value ({@code >/tmp/x}), or as a here-string
         * ({@code <<<}): a text that may hold one of these is read. Every character is passed over
         * a bounded number of times: a word start within blanks and quotes that an earlier look
         * passed over is not looked at again, as that look saw the same word.
         */
        private boolean mayNameCommandAfterRedirectOrAssignment(String text, boolean slash) {
            int n = text.length();
            int lead = 0;
            while (lead < n && (ShellTokenizer.isWordGap(text.charAt(lead)) || text.charAt(lead) == '\n'
                    || text.charAt(lead) == '\'' || text.charAt(lead) == '"')) {
                lead++;
            }
            int firstGt = text.indexOf('>');
            if ((firstGt >= 0 && firstGt <= lead + LEADING_WRITE_REACH) || text.contains("<<<")
                    || (slash && holdsSocketPath(text))) {
                return true;
            }
            int first = ShellScan.wordEnd(text, 0, REDIRECTS_AND_ASSIGNMENTS);
            int passedTo = 0;
            char lastBeforeBlanks = 0;
            for (int i = first + 1; i < n; i++) {
                char previous = text.charAt(i - 1);
                char c = text.charAt(i);
                if (!ShellTokenizer.isWordGap(previous)) {
                    lastBeforeBlanks = previous;
                }
                if (ShellTokenizer.isWordGap(c) || !ShellTokenizer.isWordGap(previous) || i < passedTo
                        || lastBeforeBlanks == '<' || lastBeforeBlanks == '>') {
                    continue;
                }
                if (commandAt(text, i, slash)) {
                    return true;
                }
                passedTo = i;
                while (passedTo < n && (ShellTokenizer.isWordGap(text.charAt(passedTo))
                        || text.charAt(passedTo) == '\'' || text.charAt(passedTo) == '"')) {
                    passedTo++;
                }
            }
            return false;
        }

        /**
         * Whether {@code /dev/tcp/} or {@code /dev/udp/} may stand in a word of the text, its quotes
         * taken out and in any case, as {@link ShellWords#argument} finds it.
         */
        private static boolean holdsSocketPath(String text) {
            for (int at = text.indexOf('/'); at >= 0; at = text.indexOf('/', at + 1)) {
                for (String path : ShellWords.SOCKET_PATHS) {
                    int i = at;
                    int k = 0;
                    while (i < text.length() && k < path.length()) {
                        char c = text.charAt(i);
                        if (c == '\'' || c == '"') {
                            i++;
                        } else if (Ascii.lower(c) == path.charAt(k)) {
                            i++;
                            k++;
                        } else {
                            break;
                        }
                    }
                    if (k == path.length()) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * Whether the word that starts after blanks and quotes from {@code from} on can be a command
         * name: the run of name characters from there, quotes taken out, is a table name (a versioned
         * one too), holds a slash, or is longer than {@link #name}.
         */
        private boolean commandAt(String text, int from, boolean slash) {
            int n = text.length();
            int i = from;
            boolean quotes = false;
            while (i < n) {
                char c = text.charAt(i);
                if (ShellTokenizer.isWordGap(c) || c == '\'' || c == '"') {
                    quotes |= c == '\'' || c == '"';
                    i++;
                } else {
                    break;
                }
            }
            int length = 0;
            for (; i < n; i++) {
                char c = text.charAt(i);
                if (c == '\'' || c == '"') {
                    quotes = true;
                    continue;
                }
                if (c == '/' || (length == name.length && isNameChar(c))) {
                    return true;
                }
                if (!isNameChar(c)) {
                    break;
                }
                name[length++] = c;
            }
            if (length == 1 && name[0] == '.' && from > 0 && !quotes && (i >= n || isWordBoundary(text.charAt(i)))) {
                // An unquoted "." after a separator is a word of its own, which sources only a path.
                return slash;
            }
            if (ShellCommands.UNIX.get(name, 0, length) != 0) {
                return true;
            }
            int end = length;
            while (end > 1 && (Ascii.isDigit(name[end - 1]) || name[end - 1] == '.')) {
                end--;
            }
            return length > 2 && end < length && (ShellCommands.UNIX.get(name, 0, end) & VERSIONED) != 0;
        }

        /** Characters of table names and binary directories. */
        private static boolean isNameChar(char c) {
            return Ascii.isLetter(c) || Ascii.isDigit(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '!';
        }

        /**
         * Whether a run of quotes stands between word boundaries, an empty word after which the next
         * word is in command position ({@code '' id}), or a {@code (} is closed after nothing but
         * blanks, the empty parentheses of a function definition.
         */
        private static boolean hasEmptyWordOrParentheses(String text, TextProfile profile) {
            for (int k = 0; k < 3; k++) {
                char quote = k == 0 ? '\'' : k == 1 ? '"' : '(';
                if (!profile.has(quote)) {
                    continue;
                }
                for (int at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
                    int i = at + 1;
                    if (quote == '(') {
                        while (i < text.length() && ShellTokenizer.isWordGap(text.charAt(i))) {
                            i++;
                        }
                        if (i < text.length() && text.charAt(i) == ')') {
                            return true;
                        }
                        continue;
                    }
                    if (at > 0 && !isWordBoundary(text.charAt(at - 1))) {
                        continue;
                    }
                    while (i < text.length() && (text.charAt(i) == '\'' || text.charAt(i) == '"')) {
                        i++;
                    }
                    if (i >= text.length() || isWordBoundary(text.charAt(i))) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Whether a word can end before or start after {@code c}: a blank, a line feed or a separator. */
        private static boolean isWordBoundary(char c) {
            return ShellTokenizer.isWordGap(c) || ShellTokenizer.isCommandSeparator(c);
        }

        /**
         * A value with '+' but no space that also has shell separators (or a path after a '+') is most likely form-encoded
         * text that reached a place that does not decode '+' (a header, a JSON string): read '+'
         * as the space it stands for. Same length, so offsets stay valid. {@code profile} is the
         * profile of {@code text}, or {@code null} when there is none.
         */
        private static String plusAsSpace(String text, TextProfile profile) {
            boolean plus = profile == null ? text.indexOf('+') >= 0 : profile.has('+');
            boolean space = profile == null ? text.indexOf(' ') >= 0 : profile.has(' ');
            if (!plus || space) {
                return text;
            }
            boolean separator = text.charAt(0) == '/';
            for (int i = 0; i < text.length() && !separator; i++) {
                char c = text.charAt(i);
                separator = c == ';' || c == '|' || c == '&' || c == '`' || c == '\n'
                        || (c == '+' && i + 1 < text.length() && text.charAt(i + 1) == '/');
            }
            return separator ? text.replace('+', ' ') : text;
        }

        private void parse(String text, int startQuote) {
            ShellTokenizer t = tokenizer;
            t.reset(text, startQuote);
            source = text;
            wordStartKnownAt = -1;
            readingQuote = startQuote;
            quoteLed = startQuote != ShellTokenizer.START_UNQUOTED && text.charAt(0) == startQuote;
            leadEnd = skipBlanks(text, quoteLed ? 1 : 0);
            endingSep = 0;
            leadingWrite = false;
            resetLevel(0);
            levelStrength[0] = header ? SPACED : START;
            levelFlags[0] = 0;
            openedAtCommand[0] = false;
            funcNameLength = 0;
            tightChain = 0;
            emptyBeforeCommand = false;
            skippedEmpty = false;
            funcCalls = 0;
            funcPipe = false;
            int type;
            int steps = 0;
            while ((type = t.next()) != ShellTokenizer.END) {
                if (++steps > 100_000) {
                    break;
                }
                int d = Math.min(t.depth, MAX_LEVELS - 1);
                switch (type) {
                    case ShellTokenizer.WORD -> word(t, d);
                    case ShellTokenizer.SEPARATOR -> separator(t, d);
                    case ShellTokenizer.OPEN -> open(t, Math.max(0, d - 1));
                    case ShellTokenizer.CLOSE -> close(t, d);
                    case ShellTokenizer.REDIRECT -> redirect(t, d);
                    default -> { }
                }
                if (anyBlocking) {
                    return;
                }
            }
            endingSep = 0;
            for (int d = Math.min(t.depth, MAX_LEVELS - 1); d >= 0; d--) {
                finishCommand(d, false);
            }
            if (funcNameLength > 0 && funcCalls >= 2 && funcPipe) {
                find(FORK_BOMB, funcStart, textLength);
            }
        }

        private void resetLevel(int d) {
            expect[d] = true;
            knownBeforePipe[d] = false;
            pendingSep[d] = 0;
            queryish[d] = false;
            hasCmd[d] = false;
            funcProbe[d] = false;
            tokensInLevel[d] = 0;
            lastWasCmdWord[d] = false;
            redirectTarget[d] = false;
            hereString[d] = false;
        }

        private void word(ShellTokenizer t, int d) {
            tokensInLevel[d]++;
            char[] b = t.buf;
            int from = t.wordFrom;
            int to = t.wordTo;
            int flags = t.flags;
            if ((flags & ShellTokenizer.F_GLOB) != 0 && ShellWords.isObfuscatedSensitivePath(b, from, to)) {
                find(GLOB_PATH, t.tokenStart, t.tokenEnd);
            }
            if (redirectTarget[d]) {
                redirectTarget[d] = false;
                int signals = ShellWords.argument(b, from, to, false);
                if ((signals & ShellWords.DEV_TCP) != 0) {
                    find(REVERSE_SHELL, hasCmd[d] ? cmdStart[d] : t.tokenStart, t.tokenEnd);
                }
                if (leadingWrite && !hasCmd[d] && (signals & ShellWords.SYSTEM_PATH) != 0
                        && ShellWords.isFileBelowDirectory(b, from, to) && endsCommand(t.tokenEnd)) {
                    // ">/tmp/x" as the value: bash creates or empties the file with no command at
                    // all. Words after it would make it text ("> /etc/hosts is wrong", a quote).
                    find(COMMAND, 0, t.tokenEnd);
                }
                leadingWrite = false;
                if (hereString[d]) {
                    hereString[d] = false;
                    if (openedAtCommand[d]) {
                        outputAsCommand(t, d, from, to);
                    }
                }
                if (hasCmd[d]) {
                    args[d] |= ShellWords.REDIRECT | (signals & (ShellWords.SYSTEM_PATH | ShellWords.DEV_TCP));
                    cmdEnd[d] = t.tokenEnd;
                }
                return;
            }
            if (expect[d]) {
                commandWord(t, d, from, to, flags);
                return;
            }
            lastWasCmdWord[d] = false;
            queryish[d] = mayQuery && hasQueryChars(b, from, to);
            if (!hasCmd[d]) {
                return;
            }
            cmdEnd[d] = t.tokenEnd;
            if (prefixWait[d] > 0) {
                prefixWait[d]--;
                int signals = ShellWords.argument(b, from, to, false);
                boolean optionLike = (signals & (ShellWords.OPTION | ShellWords.LONG_OPTION)) != 0
                        || ShellWords.assignment(b, from, to) > 0 || isNumber(b, from, to);
                if (!optionLike) {
                    int f = lookup(b, from, to, flags);
                    if ((f & STRENGTH) != 0 && (f & ALIAS) == 0) {
                        prefixWait[d] = 0;
                        handOver(t, d, from, to, flags);
                        return;
                    }
                    if ((cmdFlags[d] & WORD) != 0) {
                        // "time to eat": an everyday word followed by prose.
                        prefixWait[d] = 0;
                    }
                }
            }
            if (shellCode[d]) {
                shellCode[d] = false;
                int space = from;
                while (space < to && b[space] != ' ') {
                    space++;
                }
                int f = lookup(b, from, space, flags);
                if ((f & STRENGTH) != 0) {
                    handedOver[d] = true;
                }
            }
            if (echoes[d] && argCount[d] == 0 && openedAtCommand[d]) {
                outputAsCommand(t, d, from, to);
            }
            // Arguments of a word that is no known command only count through /dev/tcp (see judge).
            int signals = (cmdFlags[d] & STRENGTH) != 0 ? ShellWords.argument(b, from, to, false)
                    : mayPath ? ShellWords.devTcp(b, from, to) : 0;
            int n = to - from;
            if (n == 2 && b[from] == '-') {
                char o = b[from + 1];
                if ((cmdFlags[d] & SHELL) != 0 && o == 'c') {
                    shellCode[d] = true;
                    signals |= ShellWords.CODE_OPTION;
                } else if ((cmdFlags[d] & INTERPRETER) != 0 && (o == 'c' || o == 'e' || o == 'r' || o == 'E')) {
                    signals |= ShellWords.CODE_OPTION;
                }
            }
            if ((cmdFlags[d] & ALIAS) != 0 && ShellWords.assignment(b, from, to) > 0) {
                aliasAssigns[d] = true;
                int eq = ShellWords.assignment(b, from, to);
                t.assign(from, eq, eq + 1, to);
            } else if ((cmdFlags[d] & ALIAS) != 0 && ShellWords.indexOf(b, from, to, "=") > 0) {
                aliasAssigns[d] = true;
            }
            if ((flags & ShellTokenizer.F_VAR) != 0) {
                signals |= ShellWords.VARIABLE;
            }
            if ((signals & ShellWords.PATH) != 0) {
                globArg[d] |= (flags & ShellTokenizer.F_GLOB) != 0;
                // A deep absolute path, but no "file.rs:248:5" of a stack trace.
                deepPathArg[d] |= b[from] == '/' && ShellWords.indexOf(b, from + 1, to, "/") > from + 1
                        && ShellWords.indexOf(b, from, to, ":") < 0;
            }
            if ((cmdFlags[d] & (SHELL | INTERPRETER)) != 0 && (cmdContext[d] & C_BACKTICK) == 0
                    && isScriptName(b, from, to)) {
                // "rc script.sh", "python x.py": the interpreter runs a file (a Markdown code
                // span "`node app.js`" only names the command).
                signals = (signals & ~ShellWords.PLAIN) | ShellWords.PATH;
                scriptArg[d] = true;
            }
            if (argCount[d] == 0 && flags == 0) {
                firstOperand[d] = ProseOperands.of(b, from, to);
            }
            if (signals == ShellWords.PLAIN && !isNumber(b, from, to)) {
                if (argCount[d] == 0 && (cmdFlags[d] & PACKAGES) != 0 && isInstallVerb(b, from, to)) {
                    installs[d] = true;
                } else if (argCount[d] == 0 && isDashlessOptions(dashless[d], b, from, to)) {
                    // "ps aux", "tar xzf": options written without their dash.
                    signals = ShellWords.OPTION;
                } else if (dashless[d] == AWK && (flags & ShellTokenizer.F_QUOTED) != 0 && isAwkProgram(b, from, to)
                        && (d > 0 || cmdStart[d] > leadEnd || reachesOutsideAwk(b, from, to))) {
                    // awk 'BEGIN {system("id")}': the program awk runs. Opening the value, a program
                    // that only prints fields is the answer of a tutorial: "awk '{print $1}' file".
                    signals = ShellWords.CODE_OPTION;
                } else {
                    proseArgs[d]++;
                }
            }
            args[d] |= signals;
            argCount[d]++;
        }

        /** A word in command position. */
        private void commandWord(ShellTokenizer t, int d, int from, int to, int flags) {
            char[] b = t.buf;
            if (to - from > 1 && b[from] == '{' && (flags & ShellTokenizer.F_BRACE) == 0) {
                // "{id;}": a group glued to its first command, which bash reads once spaced.
                from++;
            }
            if (from == to) {
                // Expanded to nothing ($a, '' or $@): the next word is the command.
                if ((flags & ShellTokenizer.F_UNKNOWN_VAR) != 0 && pendingSep[d] != 0) {
                    emptyBeforeCommand = true;
                }
                return;
            }
            int eq = ShellWords.assignment(b, from, to);
            if (eq > 0) {
                t.assign(from, eq, eq + 1, to);
                queryish[d] = true;
                pendingSep[d] = 0;
                return;
            }
            int strength;
            int context = levelFlags[d];
            int sep = pendingSep[d];
            if (sep != 0) {
                strength = strengthAfter(sep, queryish[d], t.spaceBefore);
                if (sep == ShellTokenizer.PIPE) {
                    context |= knownBeforePipe[d] ? C_PIPE | C_PIPED : C_PIPE;
                } else if (sep == ShellTokenizer.AMP && (d > 0 || sepStart > leadEnd)) {
                    // "a&id&b" may be a query string; "&id" opening the value has no key before it.
                    context |= C_AMP;
                } else if (sep == ShellTokenizer.AND || sep == ShellTokenizer.OR) {
                    context |= C_LOGIC;
                }
                context &= ~(C_SUBST | C_BACKTICK);
            } else {
                strength = levelStrength[d];
            }
            if (sep != 0 && t.tokenStart > 0 && t.spaceBefore == false
                    && (sepStart <= leadEnd || sepSpaceBefore)) {
                // ";cmd" at the very start of the value, or "text ;cmd": the separator is glued
                // to the command, not to the text before it as punctuation is.
                context |= C_GLUED;
            }
            if (sep != 0 && sepStart <= leadEnd && (t.spaceBefore || sep == ShellTokenizer.NEWLINE) && d == 0) {
                context |= C_LEADING;
            }
            if (sep == ShellTokenizer.NEWLINE && d == 0 && opensWithLoneToken()) {
                // "127.0.0.1\nsleep 5", "127.0.0.1\r\nid": the expected value, then a line the shell runs.
                context |= C_LEADING;
            } else if ((sep == ShellTokenizer.SEMI || sep == ShellTokenizer.AMP) && d == 0 && opensWithLoneToken()) {
                // "127.0.0.1 ; sleep 5", "1' ; sleep 5 #", "1 & sleep 5": the expected value, then
                // a command.
                context |= C_AFTER_TOKEN;
            }
            if (sep == ShellTokenizer.SEMI && pathBefore(sepStart)) {
                context |= C_AFTER_PATH;
            }
            skippedEmpty = emptyBeforeCommand;
            emptyBeforeCommand = false;
            startCommand(t, d, from, to, flags, strength, context);
            skippedEmpty = false;
            // Markdown code spans in prose ("run `make`, then `make test`") chain nothing.
            if (hasCmd[d] && strength == TIGHT && (cmdFlags[d] & STRENGTH) != 0 && cmdLower[d]
                    && (context & C_BACKTICK) == 0 && !sourcesFile[d]) {
                if (++tightChain >= 2) {
                    find(COMMAND, cmdStart[d], cmdEnd[d]);
                }
            }
        }

        /** The redirection being read writes to a file and opens the value, with no command before it. */
        private boolean leadingWrite;

        /** Whether only blanks, then the value's end or a command separator, follow {@code at}. */
        private boolean endsCommand(int at) {
            int i = skipBlanks(source, at);
            if (i >= source.length()) {
                return true;
            }
            char c = source.charAt(i);
            return c == ';' || c == '|' || c == '&' || c == '\n' || c == '\r';
        }

        private boolean emptyBeforeCommand;
        private boolean skippedEmpty;
        private int tightChain;

        private void startCommand(ShellTokenizer t, int d, int from, int to, int flags, int strength, int context) {
            char[] b = t.buf;
            lookupOpensValue = d == 0 && t.tokenStart <= leadEnd;
            int f = lookup(b, from, to, flags);
            lookupOpensValue = false;
            if ((f & KEYWORD) != 0) {
                return;
            }
            if (funcNameLength > 0 && to - from == funcNameLength
                    && Arrays.equals(b, from, to, funcName, 0, funcNameLength)) {
                funcCalls++;
            }
            expect[d] = false;
            pendingSep[d] = 0;
            hasCmd[d] = true;
            cmdFlags[d] = f;
            cmdMatch[d] = f == 0 ? 0 : matchKind;
            cmdLower[d] = ShellWords.isLowerCase(b, from, to);
            cmdStrength[d] = strength;
            cmdContext[d] = context;
            cmdStart[d] = t.tokenStart;
            cmdEnd[d] = t.tokenEnd;
            argCount[d] = 0;
            args[d] = 0;
            proseArgs[d] = 0;
            installs[d] = false;
            firstOperand[d] = ProseOperands.NONE;
            versionBanner[d] = false;
            dashless[d] = DASHLESS_OPTIONS.get(b, from, to);
            sourcesFile[d] = to - from == 1 && b[from] == '.';
            globArg[d] = false;
            deepPathArg[d] = false;
            scriptArg[d] = false;
            prefixWait[d] = (f & PREFIX) != 0 ? 4 : 0;
            handedOver[d] = false;
            shellCode[d] = false;
            echoes[d] = isEcho(b, from, to);
            aliasAssigns[d] = false;
            lastWasCmdWord[d] = true;
            queryish[d] = mayQuery && hasQueryChars(b, from, to);
            if (to - from <= funcName.length) {
                probeName(b, from, to);
            }
        }

        private void probeName(char[] b, int from, int to) {
            probeLength = to - from;
            System.arraycopy(b, from, probeChars, 0, probeLength);
        }

        private final char[] probeChars = new char[64];
        private int probeLength;

        /** A prefix command ({@code nohup}, {@code time}) hands its argument over as a command. */
        private void handOver(ShellTokenizer t, int d, int from, int to, int flags) {
            int prefixFlags = cmdFlags[d];
            int strength = cmdStrength[d];
            int context = cmdContext[d] | C_PREFIXED;
            if ((prefixFlags & DISTINCT) != 0 || (cmdMatch[d] & M_EVASION) != 0) {
                strength = Math.max(strength, SPACED);
            }
            handedOver[d] = (prefixFlags & WORD) == 0;
            int prefixStart = cmdStart[d];
            endingSep = 0;
            finishCommand(d, true);
            startCommand(t, d, from, to, flags, strength, context);
            // The evidence is the whole command line, prefix included: "time who".
            cmdStart[d] = prefixStart;
        }

        /**
         * The output of {@code echo X}, {@code printf X} or {@code cat <<< X} inside {@code $(...)}
         * in command position runs as a command; printf's escapes are decoded first ({@code \x69\x64}).
         */
        private void outputAsCommand(ShellTokenizer t, int d, int from, int to) {
            char[] b = t.buf;
            int printedLength = printedForm(b, from, to);
            if (printedLength >= 0) {
                // printf "\x69\x64" prints "id".
                b = printed;
                from = 0;
                to = printedLength;
            }
            int space = from;
            while (space < to && b[space] != ' ') {
                space++;
            }
            int f = lookup(b, from, space, 0);
            if ((f & STRENGTH) != 0) {
                find((f & WORD) != 0 && (f & (DISTINCT | NAMED)) == 0 ? COMMAND : CHAIN, t.tokenStart, t.tokenEnd);
            }
        }

        private final char[] printed = new char[64];

        /**
         * Decodes the escapes printf (and {@code echo -e}) turn into characters, {@code \xHH} and
         * octal {@code \NNN}, from the word into {@link #printed}; returns the length, or -1 when
         * the word has no backslash. At most {@code printed.length} characters: a command name is short.
         */
        private int printedForm(char[] b, int from, int to) {
            if (ShellWords.indexOf(b, from, to, "\\") < 0) {
                return -1;
            }
            int n = 0;
            int i = from;
            while (i < to && n < printed.length) {
                char c = b[i];
                if (c == '\\' && i + 1 < to) {
                    char e = b[i + 1];
                    int j = i + 1;
                    int value = 0;
                    int digits = 0;
                    if (e == 'x') {
                        j++;
                        while (j < to && digits < 2 && Character.digit(b[j], 16) >= 0) {
                            value = value * 16 + Character.digit(b[j], 16);
                            j++;
                            digits++;
                        }
                    } else {
                        while (j < to && digits < 3 && b[j] >= '0' && b[j] <= '7') {
                            value = value * 8 + (b[j] - '0');
                            j++;
                            digits++;
                        }
                    }
                    if (digits > 0) {
                        printed[n++] = (char) value;
                        i = j;
                        continue;
                    }
                }
                printed[n++] = c;
                i++;
            }
            return n;
        }

        private int matchKind;
        /** The word {@link #lookup} reads opens the value, where no separator runs it. */
        private boolean lookupOpensValue;

        /** Flags of the command named by the word, looking through paths, versions and globs. */
        private int lookup(char[] b, int from, int to, int flags) {
            matchKind = 0;
            for (int i = from; i < to; i++) {
                if (b[i] == ' ') {
                    // Quoted or expanded text: the first field is the command, and quotes
                    // around the whole field are no evasion.
                    to = i;
                    flags &= ~ShellTokenizer.F_MID_QUOTE;
                    break;
                }
            }
            int slash = -1;
            for (int i = to - 1; i >= from; i--) {
                if (b[i] == '/') {
                    slash = i;
                    break;
                }
            }
            int base = slash + 1 > from ? slash + 1 : from;
            if (slash >= 0) {
                base = slash + 1;
            }
            int f = ShellCommands.UNIX.get(b, base, to);
            if (f == 0 && to - base > 2) {
                int end = to;
                while (end > base + 1 && (Ascii.isDigit(b[end - 1]) || b[end - 1] == '.')) {
                    end--;
                }
                if (end < to) {
                    int g = ShellCommands.UNIX.get(b, base, end);
                    if ((g & VERSIONED) != 0) {
                        f = g;
                        if (ShellWords.indexOf(b, end, to, ".") >= 0) {
                            matchKind |= M_VERSION;
                        }
                    }
                }
            }
            boolean glob = (flags & ShellTokenizer.F_GLOB) != 0;
            int literals = glob ? ShellWords.literalLetters(b, base, to) : 0;
            if (f == 0 && glob && literals >= 1 && b[base] != '*' && (slash >= 0 || literals >= 2)) {
                f = ShellWords.globCommand(b, base, to, ShellCommands.UNIX);
                if (f != 0) {
                    matchKind |= M_GLOB;
                }
            }
            if (f == 0) {
                if (slash >= 0 && isDroppedProgram(b, from, slash + 1, to)) {
                    matchKind |= M_DROPPED;
                    return NAMED;
                }
                return 0;
            }
            if (slash >= 0) {
                if (!isBinDirectory(b, from, slash + 1)
                        || (lookupOpensValue && isRelativeSystemDirectory(b, from, slash + 1))) {
                    // "usr/bin/python3.11" opening the value is a file of a package or an archive
                    // listing; "|usr/bin/id" runs it.
                    return 0;
                }
                matchKind |= M_PATH;
            }
            if ((flags & (ShellTokenizer.F_MID_QUOTE | ShellTokenizer.F_ESCAPE | ShellTokenizer.F_INNER_SUBST
                    | ShellTokenizer.F_ANSI | ShellTokenizer.F_BRACE | ShellTokenizer.F_UNKNOWN_VAR
                    | ShellTokenizer.F_IFS | ShellTokenizer.F_VAR)) != 0 || skippedEmpty) {
                matchKind |= M_EVASION;
            }
            return f;
        }

        /**
         * System binary directories written relative to {@code /}, which count only after a
         * separator; written from {@code /}, each is one of the {@link #BIN_DIRECTORIES} too.
         */
        private static final String[] RELATIVE_SYSTEM_DIRECTORIES = {
            "sbin/", "usr/bin/", "usr/sbin/", "usr/local/bin/", "usr/local/sbin/",
        };

        /**
         * Directories programs are run from: the {@link #RELATIVE_SYSTEM_DIRECTORIES}, relative and
         * from {@code /}, {@code /bin/} (relative too, which counts opening the value as well), the
         * working directory and a few more.
         */
        private static final String[] BIN_DIRECTORIES = binDirectories("/bin/", "bin/", "./", "/usr/games/", "/opt/bin/");

        private static String[] binDirectories(String... others) {
            List<String> all = new ArrayList<>();
            for (String relative : RELATIVE_SYSTEM_DIRECTORIES) {
                all.add("/" + relative);
                all.add(relative);
            }
            all.addAll(List.of(others));
            return all.toArray(String[]::new);
        }

        private static boolean isRelativeSystemDirectory(char[] b, int from, int to) {
            for (String dir : RELATIVE_SYSTEM_DIRECTORIES) {
                if (dir.length() == to - from && ShellWords.glob(b, from, to, dir)) {
                    return true;
                }
            }
            return false;
        }

        private static final String[] DROP_DIRECTORIES = {"./", "../", "/tmp/", "/var/tmp/", "/dev/shm/"};

        /**
         * Whether {@code b[from, to)} names a program by a plain file name in a directory an
         * attacker writes to and runs from: the working directory ({@code ./x.sh}, {@code ../x})
         * or a temporary one ({@code /tmp/p}, {@code /dev/shm/x}).
         */
        private static boolean isDroppedProgram(char[] b, int from, int dirEnd, int to) {
            if (to - dirEnd < 1 || to - dirEnd > 64) {
                return false;
            }
            for (int i = dirEnd; i < to; i++) {
                char c = b[i];
                if (!Ascii.isLetter(c) && !Ascii.isDigit(c) && c != '.' && c != '_' && c != '-') {
                    return false;
                }
            }
            for (String dir : DROP_DIRECTORIES) {
                int n = dir.length();
                if (dirEnd - from >= n && ShellWords.indexOf(b, from, from + n, dir) == from) {
                    return true;
                }
            }
            return false;
        }

        private static boolean isBinDirectory(char[] b, int from, int to) {
            for (String dir : BIN_DIRECTORIES) {
                if (dir.length() == to - from && ShellWords.glob(b, from, to, dir)) {
                    return true;
                }
            }
            // Glob directories may be shorter or longer than they match: /???/ or /*/.
            boolean glob = false;
            for (int i = from; i < to; i++) {
                if (b[i] == '?' || b[i] == '*' || b[i] == '[') {
                    glob = true;
                    break;
                }
            }
            if (glob && b[from] == '/') {
                for (String dir : BIN_DIRECTORIES) {
                    if (ShellWords.glob(b, from, to, dir)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean isEcho(char[] b, int from, int to) {
            int n = to - from;
            return (n == 4 && ShellWords.indexOf(b, from, to, "echo") == from)
                    || (n == 6 && ShellWords.indexOf(b, from, to, "printf") == from);
        }

        /** Commands that take a first argument of option letters without a dash: BSD {@code ps}, {@code tar}. */
        private static final CommandTable DASHLESS_OPTIONS =
                new CommandTable("ps", 1, "tar bsdtar", 2, "awk gawk mawk nawk", 3);
        /** The {@link #DASHLESS_OPTIONS} kind of awk, whose first plain argument is its program. */
        private static final int AWK = 3;

        /** Whether a quoted awk argument holds a program: an action in braces, {@code {print $1}}. */
        private static boolean isAwkProgram(char[] b, int from, int to) {
            int open = ShellWords.indexOf(b, from, to, "{");
            return open >= 0 && ShellWords.indexOf(b, open + 1, to, "}") > open;
        }

        /**
         * Whether an awk program reaches outside awk: runs a command ({@code system(}, a pipe,
         * {@code getline}), opens a socket ({@code /inet/}) or writes a named file ({@code print >
         * "f"}). A program that only prints fields ({@code {print $1}}) is the awk of tutorials.
         */
        private static boolean reachesOutsideAwk(char[] b, int from, int to) {
            return ShellWords.indexOf(b, from, to, "system") >= 0 || ShellWords.indexOf(b, from, to, "getline") >= 0
                    || ShellWords.indexOf(b, from, to, "|") >= 0 || ShellWords.indexOf(b, from, to, "/inet/") >= 0
                    || writesNamedFile(b, from, to);
        }

        /** Whether a {@code >} in an awk program is followed by a quoted file name: {@code print > "/tmp/x"}. */
        private static boolean writesNamedFile(char[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] == '>') {
                    int j = i + 1;
                    while (j < to && (b[j] == ' ' || b[j] == '>')) {
                        j++;
                    }
                    if (j < to && b[j] == '"') {
                        return true;
                    }
                    i = j - 1;
                }
            }
            return false;
        }
        private static final String PS_LETTERS = "auxefwjlT";
        private static final String TAR_LETTERS = "cxtzjJvfpu";

        /**
         * Whether the word is a cluster of two to six distinct option letters of the command with
         * the letter nearly every such use has, so that words ("we", "cut") stay prose: {@code ps}
         * lists every process with {@code x} ({@code aux}, {@code fax}); {@code tar} names an
         * archive file with {@code f} and a mode with {@code c}, {@code x} or {@code t} ({@code xzf}).
         */
        private static boolean isDashlessOptions(int kind, char[] b, int from, int to) {
            int n = to - from;
            if (kind == 0 || kind == AWK || n < 2 || n > 6) {
                return false;
            }
            boolean ps = kind == 1;
            String letters = ps ? PS_LETTERS : TAR_LETTERS;
            if (ShellWords.indexOf(b, from, to, ps ? "x" : "f") < 0) {
                return false;
            }
            boolean mode = ps;
            for (int i = from; i < to; i++) {
                char c = b[i];
                if (letters.indexOf(c) < 0) {
                    return false;
                }
                for (int j = from; j < i; j++) {
                    if (b[j] == c) {
                        return false;
                    }
                }
                mode |= c == 'c' || c == 'x' || c == 't';
            }
            return mode;
        }

        private static final CommandTable INSTALL_VERBS =
                new CommandTable("install uninstall add remove download update upgrade", 1);

        private static boolean isInstallVerb(char[] b, int from, int to) {
            return INSTALL_VERBS.get(b, from, to) != 0 && ShellWords.isLowerCase(b, from, to);
        }

        private static final String[] SCRIPT_EXTENSIONS = {".sh", ".bash", ".zsh", ".py", ".pl", ".rb", ".php", ".js", ".lua"};

        /** Whether the word names a script file by its extension: {@code x.sh}, {@code a/b.py}. */
        private static boolean isScriptName(char[] b, int from, int to) {
            for (String ext : SCRIPT_EXTENSIONS) {
                int n = ext.length();
                if (to - from > n && ShellWords.indexOf(b, to - n, to, ext) == to - n) {
                    return true;
                }
            }
            return false;
        }

        private static int skipBlanks(String text, int i) {
            return skip(text, i, BLANKS_AND_BREAKS);
        }

        /** Whether the backtick substitution opened just before {@code from} closes at the value's end. */
        private static boolean closesValue(String text, int from) {
            int close = text.indexOf('`', from);
            if (close < 0) {
                return false;
            }
            for (int i = close + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!ShellTokenizer.isBlank(c) && c != '\'' && c != '"') {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether the word glued to the separator at {@code at} is a path of its own, absolute or
         * from the working or home directory: the separator then joins the items of a list of paths
         * ({@code /var/cache;/tmp/cache}, {@code ./docs;./README.md}). Reads back over that one word.
         */
        private boolean pathBefore(int at) {
            int end = Math.min(at, source.length());
            int start = wordStartBefore(end);
            if (end - start < 2) {
                return false;
            }
            char first = source.charAt(start);
            return first == '/' || source.startsWith("./", start) || source.startsWith("../", start)
                    || source.startsWith("~/", start);
        }

        /**
         * Where the word ending at {@code end} starts: after the last blank, {@code ;}, {@code &} or
         * {@code |} before it. Separators are read in order, so the read back stops at the previous
         * answer's end, which keeps a value of separators and no blanks ({@code '((((...}) linear.
         */
        private int wordStartBefore(int end) {
            int floor = wordStartKnownAt >= 0 && wordStartKnownAt <= end ? wordStartKnownAt : 0;
            int start = end;
            while (start > floor) {
                char c = source.charAt(start - 1);
                if (ShellTokenizer.isBlank(c) || c == ';' || c == '&' || c == '|') {
                    break;
                }
                start--;
            }
            if (start == floor && floor > 0) {
                start = wordStartKnown;
            }
            wordStartKnownAt = end;
            wordStartKnown = start;
            return start;
        }

        /**
         * Whether the text before the separator just read is one lone token ({@link #isLoneToken}),
         * with the blanks before the separator ({@code \r} of a CRLF line break, spaces) and, in a
         * quoted reading, the quote the token closes left out: {@code 127.0.0.1\r\n}, {@code 1' ;}.
         */
        private boolean opensWithLoneToken() {
            int to = sepStart;
            if (to >= source.length()) {
                return false;
            }
            char sep = source.charAt(to);
            if (sep != '\n' && sep != ';' && sep != '&') {
                // An unbalanced ")" ends a command too, but "1) ls" is a list item.
                return false;
            }
            while (to > leadEnd && ShellTokenizer.isBlank(source.charAt(to - 1))) {
                to--;
            }
            if (readingQuote != ShellTokenizer.START_UNQUOTED && to > leadEnd && source.charAt(to - 1) == readingQuote) {
                to--;
            }
            return isLoneToken(source, leadEnd, to);
        }

        /**
         * Whether {@code text[from, to)} is one short token of letters, digits and dots with a
         * digit in it, as an address, a number or an id is: no prose.
         */
        private static boolean isLoneToken(String text, int from, int to) {
            if (to - from < 1 || to - from > 64) {
                return false;
            }
            boolean digit = false;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (Ascii.isDigit(c)) {
                    digit = true;
                } else if (!Ascii.isLetter(c) && c != '.' && c != '-' && c != '_' && c != ':') {
                    return false;
                }
            }
            return digit;
        }

        private static boolean isNumber(char[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                if (!Ascii.isDigit(b[i]) && b[i] != '.' && b[i] != ':') {
                    return false;
                }
            }
            return to > from;
        }

        private int sepStart;
        private boolean sepSpaceBefore;
        /** End of the separator that ends the command being judged, when {@link #endingSep} is set. */
        private int endingSepEnd;

        private void separator(ShellTokenizer t, int d) {
            tokensInLevel[d]++;
            if (pendingSep[d] == 0 || !expect[d]) {
                sepStart = t.tokenStart;
                sepSpaceBefore = t.spaceBefore;
            }
            if (funcNameLength > 0 && (t.kind == ShellTokenizer.PIPE || t.kind == ShellTokenizer.AMP)) {
                funcPipe = true;
            }
            endingSep = t.kind;
            endingSepEnd = t.tokenEnd;
            knownBeforePipe[d] = t.kind == ShellTokenizer.PIPE && hasCmd[d] && cmdLower[d]
                    && (cmdFlags[d] & STRENGTH) != 0;
            finishCommand(d, true);
            expect[d] = true;
            pendingSep[d] = t.kind;
            lastWasCmdWord[d] = false;
            redirectTarget[d] = false;
        }

        private void open(ShellTokenizer t, int parent) {
            tokensInLevel[parent]++;
            int d = Math.min(t.depth, MAX_LEVELS - 1);
            boolean atCommand = expect[parent];
            boolean funcDef = t.kind == ShellTokenizer.PAREN && !atCommand && hasCmd[parent]
                    && lastWasCmdWord[parent] && argCount[parent] == 0;
            if (hasCmd[parent] && !atCommand && t.kind != ShellTokenizer.PAREN) {
                args[parent] |= ShellWords.SUBSTITUTION;
            }
            if (hasCmd[parent] && !atCommand && t.kind == ShellTokenizer.PAREN && !t.spaceBefore
                    && argCount[parent] == 1 && firstOperand[parent] == ProseOperands.VERSION) {
                versionBanner[parent] = true;
            }
            lastWasCmdWord[parent] = false;
            resetLevel(d);
            funcProbe[d] = funcDef;
            openedAtCommand[d] = atCommand;
            int strength;
            int flags;
            switch (t.kind) {
                case ShellTokenizer.SUBST, ShellTokenizer.PROCESS -> {
                    strength = TIGHT;
                    flags = C_SUBST;
                }
                case ShellTokenizer.BACKTICK -> {
                    strength = TIGHT;
                    // Backticks around the whole value, or glued to the span before ("`a``b`"),
                    // are substitutions, not Markdown code spans.
                    boolean whole = parent == 0 && t.tokenStart <= leadEnd && closesValue(source, t.tokenEnd);
                    boolean glued = t.tokenStart > 0 && source.charAt(t.tokenStart - 1) == '`';
                    flags = whole || glued ? C_SUBST : C_SUBST | C_BACKTICK;
                }
                default -> {
                    if (atCommand) {
                        int sep = pendingSep[parent];
                        strength = sep == 0 ? levelStrength[parent] : (t.spaceBefore ? SPACED : TIGHT);
                        flags = levelFlags[parent];
                    } else {
                        strength = START;
                        flags = C_ARG_GROUP;
                    }
                }
            }
            levelStrength[d] = strength;
            levelFlags[d] = flags;
        }

        private void close(ShellTokenizer t, int d) {
            if (t.kind == 0) {
                // Unbalanced: acts like a separator at this level.
                if (pendingSep[d] == 0 || !expect[d]) {
                    sepStart = t.tokenStart;
                    sepSpaceBefore = t.spaceBefore;
                }
                endingSep = ShellTokenizer.SEMI;
                endingSepEnd = t.tokenEnd;
                finishCommand(d, true);
                expect[d] = true;
                pendingSep[d] = ShellTokenizer.SEMI;
                queryish[d] = true;
                return;
            }
            int inner = Math.min(t.depth + 1, MAX_LEVELS - 1);
            boolean emptyParens = tokensInLevel[inner] == 0;
            boolean wasFuncProbe = funcProbe[inner];
            finishCommand(inner, true);
            int parent = Math.min(t.depth, MAX_LEVELS - 1);
            if (wasFuncProbe && emptyParens && hasCmd[parent]) {
                // NAME() { ... }: a function definition.
                funcNameLength = Math.min(probeLength, funcName.length);
                System.arraycopy(probeChars, 0, funcName, 0, funcNameLength);
                funcStart = cmdStart[parent];
                hasCmd[parent] = false;
                expect[parent] = true;
                pendingSep[parent] = 0;
                levelStrength[parent] = TIGHT;
                return;
            }
            if (expect[parent] && !resumesWord(t)) {
                // $(...) or (...) as the command itself: arguments follow.
                expect[parent] = false;
                hasCmd[parent] = false;
            }
        }

        private static boolean resumesWord(ShellTokenizer t) {
            return t.resumingWord();
        }

        private void redirect(ShellTokenizer t, int d) {
            tokensInLevel[d]++;
            redirectTarget[d] = true;
            hereString[d] = t.kind == ShellTokenizer.REDIR_HERE_STRING;
            leadingWrite = d == 0 && !hasCmd[d] && t.kind == ShellTokenizer.REDIR_OUT && t.tokenStart <= leadEnd + 1;
            if (hasCmd[d]) {
                args[d] |= ShellWords.REDIRECT;
            }
        }

        /** Whether the arguments read as a sentence: two or more plain words and no option. */
        private boolean sentenceArgs(int d) {
            return proseArgs[d] >= 2 && (args[d] & (ShellWords.OPTION | ShellWords.LONG_OPTION)) == 0;
        }

        /** Whether {@code source[from, to)} is a literal path: letters, digits, {@code / . _ -}. */
        private boolean plainPath(int from, int to) {
            for (int i = from; i < to; i++) {
                char c = source.charAt(i);
                if (!Ascii.isLetter(c) && !Ascii.isDigit(c) && c != '/' && c != '.' && c != '_' && c != '-') {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether the command's name opens the value and its first operand makes a sentence of it
         * ({@link ProseOperands}): a literal name, no prefix that would run the operand, no other
         * argument but plain words and numbers (no host), and nothing after a separator that may run.
         */
        private boolean opensSentence(int d, boolean bySeparator) {
            int reading = firstOperand[d];
            if (reading == ProseOperands.NONE || d != 0 || cmdStart[d] > leadEnd || cmdMatch[d] != 0
                    || handedOver[d] || (cmdContext[d] & C_PREFIXED) != 0
                    || (cmdFlags[d] & PREFIX) != 0 || scriptArg[d] || installs[d] || globArg[d]
                    || (args[d] & ~(ShellWords.PLAIN | bannerSuffix(d))) != 0) {
            // a host makes a callback of it whatever words come first: curl to attacker.example
                return false;
            }
            if (bySeparator && (endingSep == 0
                    || !ProseOperands.proseFollows(source, endingSepEnd, ShellCommands.UNIX))) {
                return false;
            }
            if (reading == ProseOperands.VERSION) {
                // "ping 1.2" and "ssh 10.1" name hosts.
                return (cmdFlags[d] & NETWORK) == 0;
            }
            return reading == ProseOperands.PROSE
                    || ProseOperands.UNIX_NO_OPERANDS.get(source, cmdStart[d], commandNameEnd(d)) != 0;
        }

        /** The signals a version banner's suffix may add: {@code -release} in {@code 5.2.15(1)-release}. */
        private int bannerSuffix(int d) {
            return versionBanner[d] ? ShellWords.OPTION : 0;
        }

        /** End of the command's name in {@link #source}: the first blank or line break after its start. */
        private int commandNameEnd(int d) {
            return wordEnd(source, cmdStart[d], BLANKS_AND_BREAKS);
        }

        /** Whether the command's name is written {@code Title}: an upper-case letter, then lower case. */
        private boolean isTitleCase(int d) {
            int end = commandNameEnd(d);
            int start = cmdStart[d];
            if (end - start < 2 || source.charAt(start) < 'A' || source.charAt(start) > 'Z') {
                return false;
            }
            for (int i = start + 1; i < end; i++) {
                char c = source.charAt(i);
                if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
                    return false;
                }
            }
            return true;
        }

        /** Judges the command that ends at level {@code d}. */
        private void finishCommand(int d, boolean bySeparator) {
            if (!hasCmd[d]) {
                return;
            }
            hasCmd[d] = false;
            if (sourcesFile[d] && ((args[d] & ShellWords.PATH) == 0 || proseArgs[d] > 0)) {
                // "." sources a file named by a path; otherwise it is a full stop: "a;.", "(it's a
                // present). Please leave it".
                return;
            }
            RuleDefinition rule = judge(d, bySeparator);
            if (rule == WEAK && (nameComponent || cmdEnd[d] - cmdStart[d] < 4)) {
                // Parameter names and two-letter values such as "sh" or "cc" are too common.
                return;
            }
            if (rule != null) {
                find(rule, cmdStart[d], cmdEnd[d]);
            }
        }

        /**
         * Plain words after a command at the start of the value from which it reads as a sentence:
         * arguments of a real command line are options, paths, hosts or code, or few.
         */
        private static final int PROSE_WORDS = 4;

        /**
         * The rule for the command that ends at level {@code d}: the command line's, lowered to
         * WEAK when its name only opens a sentence or a version banner ({@link #opensSentence}),
         * as in {@code whoami says root}, {@code ifconfig vs ip addr}, {@code bash 5.2.15(1)-release}.
         */
        private RuleDefinition judge(int d, boolean bySeparator) {
            RuleDefinition rule = judgeCommandLine(d, bySeparator);
            return rule != null && rule != WEAK && opensSentence(d, bySeparator) ? WEAK : rule;
        }

        private RuleDefinition judgeCommandLine(int d, boolean bySeparator) {
            int f = cmdFlags[d];
            int a = args[d];
            if ((a & ShellWords.DEV_TCP) != 0 && (a & ShellWords.REDIRECT) != 0) {
                return REVERSE_SHELL;
            }
            int strength = f & STRENGTH;
            if (strength == 0) {
                return null;
            }
            int match = cmdMatch[d];
            int s = cmdStrength[d];
            int context = cmdContext[d];
            int n = argCount[d];
            boolean shellish = (a & (ShellWords.OPTION | ShellWords.LONG_OPTION | ShellWords.PATH | ShellWords.URL
                    | ShellWords.REDIRECT | ShellWords.SUBSTITUTION | ShellWords.CODE_OPTION)) != 0
                    || ((f & NETWORK) != 0 && (a & ShellWords.HOST) != 0);
            boolean strongArgs = (a & (ShellWords.SYSTEM_PATH | ShellWords.URL | ShellWords.CODE_OPTION
                    | ShellWords.SUBSTITUTION | ShellWords.REDIRECT)) != 0
                    || ((f & NETWORK) != 0 && (a & ShellWords.HOST) != 0);
            boolean handed = handedOver[d];
            if ((f & ALIAS) != 0) {
                return aliasAssigns[d] && cmdLower[d] ? COMMAND : null;
            }
            if ((match & (M_EVASION | M_GLOB)) != 0 && (cmdLower[d] || (f & DISTINCT) != 0)) {
                return s == TIGHT && shellish ? CHAIN : EVASION;
            }
            if ((match & M_DROPPED) != 0) {
                // "x;./x.sh", "1 && /tmp/p": a program of the attacker's, run after a tight separator
                // or one that ends the expected value; "see docs; ./docs/a.md" is a link in prose and
                // "/var/log;/tmp/app" a list of paths.
                if ((context & C_AFTER_PATH) != 0) {
                    return null;
                }
                return s == TIGHT || (context & (C_LEADING | C_LOGIC | C_AFTER_TOKEN | C_SUBST)) != 0 ? COMMAND : null;
            }
            if ((match & M_PATH) != 0) {
                if (s == START && n == 0 && !bySeparator && (context & C_PREFIXED) == 0 && (f & SHELL) != 0
                        && plainPath(cmdStart[d], cmdEnd[d])) {
                    // "/bin/zsh" as the whole value: a user's login shell, a setting that names
                    // the shell without running it.
                    return WEAK;
                }
                return s >= SPACED && shellish ? CHAIN : COMMAND;
            }
            boolean lower = cmdLower[d];
            if (strength == DISTINCT || (f & DISTINCT) != 0) {
                if (d == 0 && cmdStart[d] <= leadEnd && !shellish && !handed && isTitleCase(d)) {
                    // "Bash & Co. party supplies": a capitalised name is a name in a sentence;
                    // programs on a case-sensitive system are found in lower case only.
                    return WEAK;
                }
                if (s >= SPACED) {
                    return shellish || s == TIGHT || handed ? CHAIN : COMMAND;
                }
                if (n >= PROSE_WORDS && !shellish && !handed && (context & C_PREFIXED) == 0) {
                    // "bash completion: show branch colors": a command's name opening a sentence.
                    return WEAK;
                }
                return n == 0 && !bySeparator && (context & C_PREFIXED) == 0 ? WEAK : COMMAND;
            }
            if ((f & SHELL) != 0 && (a & ShellWords.CODE_OPTION) != 0 && handed) {
                // "Sh -c whoami": a shell handed a command string, whatever the spelling of its
                // name (case-insensitive file systems run "Sh" too); no sentence reads like that.
                return COMMAND;
            }
            if (!lower) {
                return null;
            }
            if (scriptArg[d] && proseArgs[d] == 0) {
                return COMMAND;
            }
            boolean backtick = (context & C_BACKTICK) != 0;
            // "; id" as the whole value: appended to the application's command line. A Markdown
            // row "| id | name |" goes on after the name and is judged as before.
            // A Markdown row "| id | name |" goes on after a pipe; no row opens by closing a quote.
            boolean lastInLine = !bySeparator || (endingSep != 0 && (endingSep != ShellTokenizer.PIPE || quoteLed));
            // "127.0.0.1 ; sleep 5" needs an argument: "2; yes" and "10:30; date" are answers.
            boolean appended = ((context & C_LEADING) != 0 || ((context & C_AFTER_TOKEN) != 0 && n >= 1))
                    && proseArgs[d] == 0 && lastInLine
                    && (n == 0 || (a & ~(ShellWords.PLAIN | ShellWords.OPTION | ShellWords.HOST)) == 0);
            // "x && id", "x || sleep 5": a logical chain ending the value, or another chain after it.
            boolean chained = (context & C_LOGIC) != 0 && proseArgs[d] == 0 && lastInLine;
            // "x | sleep 5": numbers for a command in a pipe that ends the value; a Markdown row
            // goes on with another cell.
            boolean piped = (context & C_PIPE) != 0 && proseArgs[d] == 0 && n >= 1 && !bySeparator;
            if ((f & NAMED) != 0) {
                if ((context & C_PIPE) != 0 && (f & SHELL) != 0) {
                    return CHAIN;
                }
                if (!backtick && ((context & C_PIPED) != 0 || installs[d]
                        || ((match & M_VERSION) != 0 && n >= 1 && proseArgs[d] <= 1))) {
                    // "echo | gcc", "pip install x", "python3.10 x": no product name in prose
                    // (nor in a Markdown code span, "`cargo install`", a name quoted in prose).
                    return COMMAND;
                }
                if (s == TIGHT && !backtick) {
                    if (shellish || handed) {
                        return CHAIN;
                    }
                    return n == 0 ? COMMAND : WEAK;
                }
                if (s >= SPACED) {
                    return shellish || handed || appended || chained ? COMMAND : WEAK;
                }
                if (strongArgs || handed || ((a & ShellWords.OPTION) != 0 && n >= 2)
                        || (a & ShellWords.LONG_OPTION) != 0) {
                    return COMMAND;
                }
                return n == 0 ? WEAK : null;
            }
            // An everyday word.
            if ((appended || chained || piped) && s >= SPACED) {
                return COMMAND;
            }
            if ((f & NETWORK) != 0 && (a & ShellWords.HOST) != 0 && proseArgs[d] == 0 && s >= SPACED) {
                // "x; dig evil.example": a lookup of a host after a separator.
                return COMMAND;
            }
            boolean systemPath = (a & ShellWords.SYSTEM_PATH) != 0;
            if ((context & C_SUBST) != 0 && !backtick && s == TIGHT) {
                return COMMAND;
            }
            if (s == TIGHT && (context & C_GLUED) != 0 && (context & C_AMP) == 0) {
                return COMMAND;
            }
            if (s == TIGHT && !backtick && (context & C_AMP) == 0) {
                if (n == 0 || systemPath || shellish || proseArgs[d] == 0) {
                    return COMMAND;
                }
                return WEAK;
            }
            if (s == TIGHT && !backtick && proseArgs[d] == 0
                    && (a & (ShellWords.OPTION | ShellWords.LONG_OPTION)) != 0) {
                // "a&ls -la&": options are no query string.
                return COMMAND;
            }
            if (systemPath && s >= SPACED) {
                return CHAIN;
            }
            if (handed || systemPath && !sentenceArgs(d)) {
                // Not "set $HOME/bin on your PATH": an everyday word opening a sentence that
                // names a system directory.
                return COMMAND;
            }
            if ((a & ShellWords.LONG_OPTION) != 0 && n == 1) {
                return COMMAND;
            }
            if (proseArgs[d] == 0 && (globArg[d] || (deepPathArg[d] && n == 1
                    && (!bySeparator || endingSep == ShellTokenizer.NEWLINE)))) {
                // "cat /et*/*wd", "ls /a[b]c", "cat /path/file.gz": a command line, not a sentence.
                return COMMAND;
            }
            if (s >= SPACED && (a & ShellWords.OPTION) != 0 && (a & ShellWords.PATH) != 0) {
                return COMMAND;
            }
            if ((context & C_PREFIXED) != 0 && proseArgs[d] == 0 && !bySeparator) {
                // "time who", "nice id": a prefix command running another; two words of prose may
                // read the same, so only STRICT blocks it.
                return WEAK;
            }
            return null;
        }
    }
}
