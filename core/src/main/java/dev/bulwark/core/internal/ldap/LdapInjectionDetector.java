package dev.bulwark.core.internal.ldap;

import dev.bulwark.core.Component;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.parse.BasicCredentials;
import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Text;
import java.util.List;

/**
 * LDAP filter injection (key {@code LDAP}).
 *
 * <p>An application builds a filter such as {@code (uid=VALUE)}. To change its meaning the value
 * must close that parenthesis and open a new filter component: {@code *)(uid=*))(|(uid=*},
 * {@code admin)(|}, {@code x)&(cn=admin}. The detector tracks parenthesis depth from the start of
 * the value; a {@code )} that takes the depth below zero, followed by {@code (} and either a
 * filter operator ({@code & | !}) or an attribute with a filter type ({@code =}, {@code ~=},
 * {@code >=}, {@code <=}, {@code :=}), is a breakout. Balanced text in parentheses ("(see
 * note)", "(a+b)*c") never goes below zero. A complete compound filter in a value
 * ({@code (&(objectClass=*))}) is reported when it tests presence with {@code =*}, and at STRICT
 * level otherwise. A value made only of filter metacharacters with a wildcard, a parenthesis
 * and an operator ({@code *()|&'}) is a probe for the filter syntax and is reported too. The user
 * name of Basic credentials, which directory-backed servers bind or search with, and the user
 * headers of authenticating proxies are held to the characters of an account name
 * ({@link #unfitForAccountName}).
 *
 * @see <a href="https://owasp.org/www-community/attacks/LDAP_Injection">OWASP: LDAP Injection</a>
 * @see <a href="https://cwe.mitre.org/data/definitions/90.html">CWE-90</a>
 */
public final class LdapInjectionDetector extends RuleFamily {

    public LdapInjectionDetector() {
        super(LdapRules.KEY, LdapRules.ALL);
    }

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        if (!isAccountName(target)) {
            scanFilter(target, sink);
            return;
        }
        // The filter rules first, as they name the attack more precisely.
        if (scanFilter(target, sink)) {
            return;
        }
        int unfit = unfitForAccountName(target.text());
        if (unfit >= 0) {
            sink.report(LdapRules.ACCOUNT_NAME, unfit, 1);
        }
    }

    /** Scans {@code target} as (part of) an LDAP filter; returns whether it reported. */
    private boolean scanFilter(ScanTarget target, DetectionSink sink) {
        if (!target.profile().has(')') && !target.profile().has('%')) {
            return false;
        }
        String text = Text.decodedText(target);
        if (text.length() < 4 || text.indexOf(')') < 0) {
            return false;
        }
        sink = Text.sinkFor(target, text, sink);
        if (isMetacharacterProbe(text)) {
            sink.report(LdapRules.METACHARACTER_PROBE, 0, text.length());
            return true;
        }
        int depth = 0;
        int weak = -1;
        int length = text.length();
        // Only parentheses count: go from one to the next by String.indexOf.
        int nextOpen = text.indexOf('(');
        int nextClose = text.indexOf(')');
        while (nextOpen >= 0 || nextClose >= 0) {
            int i = nextOpen < 0 ? nextClose : nextClose < 0 ? nextOpen : Math.min(nextOpen, nextClose);
            char c = text.charAt(i);
            if (c == '(') {
                nextOpen = text.indexOf('(', i + 1);
                depth++;
                if (weak < 0 && i + 1 < length && isOperator(text.charAt(i + 1)) && opensComponent(text, i + 1, false)) {
                    weak = i;
                    if (hasPresenceTest(text, i)) {
                        sink.report(LdapRules.PRESENCE_FILTER, i, length - i);
                        return true;
                    }
                }
            } else {
                nextClose = text.indexOf(')', i + 1);
                depth--;
                if (depth < 0 && opensComponent(text, i + 1, true)) {
                    sink.report(LdapRules.FILTER_BREAKOUT, i, Math.min(length - i, 32));
                    return true;
                }
                if (weak < 0 && opensComponent(text, i + 1, false)) {
                    weak = i;
                }
                if (depth < 0) {
                    depth = 0;
                }
            }
        }
        if (weak >= 0) {
            sink.report(LdapRules.FILTER_SYNTAX, weak, Math.min(length - weak, 32));
            return true;
        }
        return false;
    }

    /**
     * Headers in which an authenticating proxy passes the user name on, lower case: a client that
     * sends one itself hopes the application trusts it.
     */
    private static final List<String> USER_HEADERS = List.of("x-forwarded-user", "x-remote-user", "remote-user",
            "x-auth-user", "x-authenticated-user", "x-webauth-user", "x-forwarded-preferred-username", "x-user");

    private static boolean isAccountName(ScanTarget target) {
        return target.source() == Source.HEADER && target.component() == Component.VALUE
                && (target.name().equals(BasicCredentials.USER.name()) || USER_HEADERS.contains(target.name()));
    }

    /**
     * Where the user name of Basic credentials holds what no account name does and an LDAP bind
     * or search filter built from it reads as syntax: a wildcard ({@code admin*} matches every
     * admin account), a control character ({@code admin\0} ends the name in C libraries) or a
     * {@code )} before any {@code (} ({@code admin)(}). Balanced parentheses pass, and so does a
     * backslash ({@code DOMAIN\\user}); -1 when none is there.
     */
    static int unfitForAccountName(String user) {
        boolean opened = false;
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c == '*' || c < 0x20 || c == 0x7f || (c == ')' && !opened)) {
                return i;
            }
            opened |= c == '(';
        }
        return -1;
    }

    /**
     * Whether a filter component starts at {@code from}: {@code (} followed by an operator or an
     * attribute assertion, or an operator followed by {@code (}. Blanks between the tokens are
     * skipped only for a breakout, where attackers add them to evade; balanced text must follow
     * strict filter syntax.
     */
    private static boolean opensComponent(String text, int from, boolean blanks) {
        int i = skip(text, from, blanks);
        if (i >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        if (isOperator(c)) {
            int next = skip(text, i + 1, blanks);
            return next < text.length() && text.charAt(next) == '(';
        }
        if (c != '(') {
            return false;
        }
        i = skip(text, i + 1, blanks);
        for (int extra = 0; blanks && extra < MAX_EXTRA_PARENTHESES && i < text.length() && text.charAt(i) == '('; extra++) {
            // "admin*)((|userPassword=*)": surplus parentheses that lenient filter parsers skip.
            i = skip(text, i + 1, true);
        }
        if (i >= text.length()) {
            return false;
        }
        c = text.charAt(i);
        if (isOperator(c)) {
            // "(|", "(&)", "(!(": an operator followed by a component, the end, or ")"; after a
            // breakout also directly by an assertion.
            int next = skip(text, i + 1, blanks);
            return next >= text.length() || text.charAt(next) == '(' || text.charAt(next) == ')'
                    || (blanks && assertionAt(text, next));
        }
        return assertionAt(text, i);
    }

    /** Surplus opening parentheses skipped after a breakout. */
    private static final int MAX_EXTRA_PARENTHESES = 3;

    private static int skip(String text, int from, boolean blanks) {
        return blanks ? Text.skipSpaces(text, from) : from;
    }

    /** Longest value judged as a metacharacter probe; probes are short. */
    private static final int MAX_PROBE = 32;

    /**
     * {@code *()|&'}, {@code *)(|}: nothing but filter metacharacters (and quotes or blanks),
     * among them a wildcard, a parenthesis and an operator. Ordinary text has letters or digits.
     */
    private static boolean isMetacharacterProbe(String text) {
        if (text.length() > MAX_PROBE) {
            return false;
        }
        boolean wildcard = false;
        boolean parenthesis = false;
        boolean operator = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*') {
                wildcard = true;
            } else if (c == '(' || c == ')') {
                parenthesis = true;
            } else if (c == '|' || c == '&') {
                operator = true;
            } else if (c != '!' && c != '=' && c != '\\' && c != '\'' && c != '"' && c != ' ' && c != '\0') {
                return false;
            }
        }
        return wildcard && parenthesis && operator;
    }

    /**
     * {@code attr=}, {@code attr~=}, {@code attr>=}, {@code attr<=}, {@code attr:dn:=},
     * {@code attr:1.2.840.113556.1.4.803:=}; the attribute a name or a numeric OID, with options.
     */
    private static boolean assertionAt(String text, int start) {
        int length = text.length();
        int i = start;
        if (i >= length) {
            return false;
        }
        char first = text.charAt(i);
        if (Ascii.isLetter(first)) {
            while (i < length && (Ascii.isAlnum(text.charAt(i)) || text.charAt(i) == '-'
                    || text.charAt(i) == ';' || text.charAt(i) == '_')) {
                i++;
            }
        } else if (Ascii.isDigit(first)) {
            while (i < length && (Ascii.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
        } else {
            return false;
        }
        // extensible match: ":dn", ":oid" parts before ":="
        while (i + 1 < length && text.charAt(i) == ':' && text.charAt(i + 1) != '=') {
            i++;
            int partStart = i;
            while (i < length && (Ascii.isAlnum(text.charAt(i)) || text.charAt(i) == '.'
                    || text.charAt(i) == '-')) {
                i++;
            }
            if (i == partStart) {
                return false;
            }
        }
        if (i >= length) {
            return false;
        }
        char op = text.charAt(i);
        if (op == '=') {
            return true;
        }
        return (op == '~' || op == '>' || op == '<' || op == ':') && i + 1 < length && text.charAt(i + 1) == '=';
    }

    /** A presence test {@code attr=*} directly closed by {@code )} within the filter at {@code from}. */
    private static boolean hasPresenceTest(String text, int from) {
        for (int i = from; i + 2 < text.length(); i++) {
            if (text.charAt(i) == '=' && text.charAt(i + 1) == '*' && text.charAt(i + 2) == ')') {
                return true;
            }
        }
        return false;
    }

    private static boolean isOperator(char c) {
        return c == '&' || c == '|' || c == '!';
    }
}
