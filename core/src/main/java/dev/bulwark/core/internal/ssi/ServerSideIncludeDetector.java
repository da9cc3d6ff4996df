package dev.bulwark.core.internal.ssi;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.BestFinding;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Lexicon;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Text;

/**
 * Server-side includes and Edge Side Includes (key {@code SSI}).
 *
 * <p>A web server with SSI enabled, or an edge cache that processes ESI, runs directives found in
 * the pages it serves; a value echoed into such a page (a comment, a name, a logged User-Agent)
 * then runs commands ({@code <!--#exec cmd="id"-->}), reads files ({@code <!--#include
 * virtual="/etc/passwd"-->}) or, through ESI, fetches other URLs and leaks cookies
 * ({@code <esi:include src=...>}, {@code $(HTTP_COOKIE)}). Each shape is recognised by its
 * syntax: an SSI comment whose first word is a directive, an element of the ESI namespace with
 * an ESI element name, an ESI processing comment ({@code <!--esi}), or an ESI variable
 * reference. Ordinary HTML comments ({@code <!-- note -->}, {@code <!--[if IE]>}, {@code <!--
 * #region -->}) have no directive and pass.
 *
 * @see <a href="https://owasp.org/www-community/attacks/Server-Side_Includes_(SSI)_Injection">OWASP: SSI Injection</a>
 * @see <a href="https://cwe.mitre.org/data/definitions/97.html">CWE-97</a>
 */
public final class ServerSideIncludeDetector extends RuleFamily {

    /**
     * SSI directives (Apache mod_include, nginx ssi, IIS) that act only through an attribute
     * ({@code virtual=}, {@code var=}, {@code expr=}), lower case; {@code exec} is judged apart.
     */
    private static final Lexicon DIRECTIVES = Lexicon.of(
            "include", "echo", "config", "set", "fsize", "flastmod", "if", "elif", "block", "param");

    /** SSI directives that take no attribute, lower case. */
    private static final Lexicon BARE_DIRECTIVES = Lexicon.of("printenv", "else", "endif");

    /** ESI 1.0 elements and the common vendor extensions, lower case. */
    private static final Lexicon ESI_ELEMENTS = Lexicon.of(
            "include", "vars", "eval", "debug", "assign", "inline", "choose", "when", "otherwise", "try", "attempt",
            "except", "remove", "comment", "function", "foreach", "break", "text", "param");

    /** Variables an ESI processor expands in {@code $(NAME)} or {@code $(NAME{key})}, lower case. */
    private static final Lexicon ESI_VARIABLES = Lexicon.of(
            "http_cookie", "http_host", "http_referer", "http_user_agent", "http_accept_language", "query_string",
            "remote_addr", "req_header", "http_authorization");

    /** How many blanks may separate {@code <!--} from {@code #} and the directive. */
    private static final int MAX_GAP = 8;

    /** Without one of these characters no rule can match. */
    private static final AsciiSet CANDIDATES = AsciiSet.of("<$%");

    public ServerSideIncludeDetector() {
        super(SsiRules.KEY, SsiRules.ALL);
    }

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        if (!target.profile().hasAny(CANDIDATES)) {
            return;
        }
        String text = Text.decodedText(target);
        if (text.length() < 6) {
            return;
        }
        DetectionSink out = Text.sinkFor(target, text, sink);
        BestFinding best = new BestFinding();
        for (int lt = text.indexOf('<'); lt >= 0 && !best.isBasic(); lt = text.indexOf('<', lt + 1)) {
            if (Ascii.matchesAt(text, lt, "<!--")) {
                comment(text, lt, best);
            } else if (Ascii.matchesAt(text, lt, "<esi:") || Ascii.matchesAt(text, lt, "</esi:")) {
                int name = lt + (text.charAt(lt + 1) == '/' ? 6 : 5);
                if (wordIn(text, name, ESI_ELEMENTS) > 0) {
                    best.offer(SsiRules.ESI_ELEMENT, lt, Math.min(text.length() - lt, 32));
                }
            }
        }
        if (best.isEmpty()) {
            variables(text, best);
        }
        best.reportTo(out);
    }

    /** {@code <!--#directive}, {@code <!-- #exec}, {@code <!--esi ...-->} at {@code start}. */
    private static void comment(String text, int start, BestFinding best) {
        int i = skipGap(text, start + 4);
        int evidence = Math.min(text.length() - start, 40);
        if (Ascii.matchesAt(text, i, "esi") && (i + 3 >= text.length() || Ascii.isAsciiSpace(text.charAt(i + 3)))) {
            best.offer(SsiRules.ESI_ELEMENT, start, evidence);
            return;
        }
        if (i >= text.length() || text.charAt(i) != '#') {
            return;
        }
        int word = i + 1;
        if (Ascii.matchesAt(text, word, "exec") && endsWord(text, word + 4)) {
            best.offer(SsiRules.SSI_EXEC, start, evidence);
            return;
        }
        int directiveEnd = wordIn(text, word, DIRECTIVES);
        if ((directiveEnd > 0 && attributeFollows(text, directiveEnd)) || wordIn(text, word, BARE_DIRECTIVES) > 0) {
            best.offer(SsiRules.SSI_DIRECTIVE, start, evidence);
        }
    }

    /**
     * Whether an attribute ({@code virtual=}, {@code var =}) follows the directive that ends at
     * {@code from}: without one, {@code <!--#include-->} names the directive in prose and includes
     * nothing.
     */
    private static boolean attributeFollows(String text, int from) {
        int name = skipGap(text, from);
        if (name == from) {
            return false;
        }
        int end = wordIn(text, name, null);
        if (end <= 0) {
            return false;
        }
        int equals = skipGap(text, end);
        return equals < text.length() && text.charAt(equals) == '=';
    }

    /**
     * {@code $(HTTP_COOKIE)}, {@code $(QUERY_STRING{'a'})}: an ESI variable reference. Shell
     * command substitution has the same opening, but not these upper-case variable names.
     */
    private static void variables(String text, BestFinding best) {
        for (int d = text.indexOf("$("); d >= 0; d = text.indexOf("$(", d + 2)) {
            int end = wordIn(text, d + 2, ESI_VARIABLES);
            if (end > 0 && end < text.length() && (text.charAt(end) == ')' || text.charAt(end) == '{')) {
                best.offer(SsiRules.ESI_ELEMENT, d, end + 1 - d);
                return;
            }
        }
    }

    private static int skipGap(String text, int from) {
        int limit = Math.min(text.length(), from + MAX_GAP);
        int i = from;
        while (i < limit && Ascii.isAsciiSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * The end of the word at {@code from} when it is one of {@code words} (ASCII case ignored; any
     * word for null) and ends there, else -1.
     */
    private static int wordIn(String text, int from, Lexicon words) {
        int end = from;
        while (end < text.length() && end - from <= 24 && (Ascii.isLetter(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return end > from && (words == null || words.contains(text, from, end)) ? end : -1;
    }

    /** Whether a directive name ends at {@code index}: the end, a blank, or the comment's end. */
    private static boolean endsWord(String text, int index) {
        return index >= text.length() || Ascii.isAsciiSpace(text.charAt(index)) || text.charAt(index) == '-';
    }
}
