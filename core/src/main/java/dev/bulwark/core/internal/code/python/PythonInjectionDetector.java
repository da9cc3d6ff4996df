package dev.bulwark.core.internal.code.python;

import dev.bulwark.core.Component;
import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Findings;
import dev.bulwark.core.internal.rules.Lexicon;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.ScriptFeatures;
import dev.bulwark.core.internal.rules.ScriptPasses;
import dev.bulwark.core.internal.rules.ScriptReading;
import dev.bulwark.core.internal.rules.ScriptWords;

/**
 * Python code injection (rule key {@code CODE}, shared by the script languages; the OWASP CRS
 * counterpart is the 934xxx group): {@code __import__('os')}, {@code os.system(...)},
 * {@code subprocess.Popen(...)} (see {@link PythonCallScan}), object-graph traversal
 * ({@code __class__.__mro__}), serialized objects ({@link Pickles pickle} opcodes, also base64
 * encoded, and YAML tags that instantiate objects), and Django ORM lookups that filter on secrets
 * or walk relations (ORM leak).
 *
 * <p>The default level (STANDARD) enables every rule except {@code CODE-ORM-LOOKUP-ANY} (any
 * Django-style lookup in a name), which needs STRICT: django-filter and Django REST Framework
 * document {@code price__gte}, {@code name__icontains} and {@code tags__contained_by} as their
 * query syntax, so such names are ordinary API traffic. At STANDARD a lookup counts when it serves
 * a leak: a filter on a secret field, a regex, a relation walk of four or more parts
 * ({@code a__b__c__gte}), or a key lookup whose value names a secret field
 * ({@code data__has_key=is_admin}). Values are read as the other script families read them
 * ({@link ScriptPasses}): as sent, unescaped, and base64-decoded one level.
 *
 * @see <a href="https://owasp.org/www-community/attacks/Code_Injection">OWASP: Code Injection</a>
 */
public final class PythonInjectionDetector extends RuleFamily {

    private static final Lexicon PYTHON_DUNDERS = Lexicon.of("__class__", "__mro__", "__subclasses__",
            "__globals__", "__builtins__", "__bases__", "__base__", "__getattribute__", "__dict__",
            "__code__", "__closure__", "func_globals", "f_globals", "__loader__", "__spec__", "__reduce__",
            "__reduce_ex__", "__init_subclass__");

    /** Django lookups, and the field names an ORM leak goes after. */
    private static final Lexicon DJANGO_LOOKUPS = Lexicon.of("exact", "iexact", "contains", "icontains", "in",
            "gt", "gte", "lt", "lte", "startswith", "istartswith", "endswith", "iendswith", "range", "isnull",
            "regex", "iregex", "search", "has_key", "has_keys", "has_any_keys", "contained_by", "overlap",
            "trigram_similar", "unaccent", "year", "month", "day", "date", "len");
    private static final Lexicon SECRET_FIELDS = Lexicon.of("password", "passwd", "pwd", "secret", "token",
            "api_key", "apikey", "hash", "salt", "otp", "private_key", "session_key", "reset_token",
            "is_superuser", "is_staff", "is_admin", "totp", "mfa_secret", "access_token", "refresh_token");

    private static final ScriptPasses.Family CHECKS = new ScriptPasses.Family() {
        @Override
        public void scan(ScriptReading reading, Findings findings) {
            scanReading(reading, findings);
        }

        @Override
        public void notBase64Text(String text, Findings findings) {
            if (Pickles.isEncodedCommandPickle(text)) {
                findings.reportWholeValue();
                findings.report(PythonRules.SERIALIZED_CODE, 0, text.length());
            }
        }
    };

    public PythonInjectionDetector() {
        super(PythonRules.KEY, PythonRules.ALL);
    }

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        if (target.component() == Component.VALUE && isKeyLookupName(target.name())) {
            int secret = secretFieldIn(target.text());
            if (secret >= 0) {
                sink.report(PythonRules.ORM_LOOKUP, secret, fieldEnd(target.text(), secret) - secret);
            }
        }
        ScriptPasses.scan(target, sink, rules(), CHECKS);
    }

    /** Django's JSON key lookups: whether a JSON field holds a key, or any or all of several. */
    private static final String[] KEY_LOOKUPS = {"__has_key", "__has_keys", "__has_any_keys"};

    /**
     * Whether the item is named by a key lookup ({@code data__has_key}, also as the last member of
     * a JSON Pointer or before an array index): its value names JSON keys to probe for.
     */
    static boolean isKeyLookupName(String name) {
        int end = name.length();
        while (end > 0 && (Ascii.isDigit(name.charAt(end - 1)) || name.charAt(end - 1) == '/')) {
            end--;
        }
        for (String lookup : KEY_LOOKUPS) {
            int from = end - lookup.length();
            if (from > 0 && Ascii.rangeEquals(name, from, end, lookup)) {
                return true;
            }
        }
        return false;
    }

    private static int fieldEnd(String text, int from) {
        int i = from;
        while (i < text.length() && Ascii.isIdentPart(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Start of the first secret or privilege field name among the words of {@code text}
     * ({@code is_admin}, {@code password}), or -1: probing which records hold such a key leaks
     * who is privileged ({@code data__has_key=is_admin}). Words are runs of letters, digits and
     * underscores; the first 4096 characters are read.
     */
    static int secretFieldIn(String text) {
        int n = Math.min(text.length(), 4096);
        int i = 0;
        while (i < n) {
            while (i < n && !Ascii.isIdentPart(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && Ascii.isIdentPart(text.charAt(i))) {
                i++;
            }
            if (i > start && SECRET_FIELDS.contains(text, start, i)) {
                return start;
            }
        }
        return -1;
    }

    /** The checks on one reading of the value. */
    private static void scanReading(ScriptReading reading, Findings findings) {
        String s = reading.text();
        int f = reading.features();
        boolean isName = reading.isName();
        if ((f & ScriptFeatures.BANG) != 0) {
            int tag = YamlTags.indexOfObjectTag(s);
            if (tag >= 0) {
                findings.report(PythonRules.SERIALIZED_CODE, tag, Math.min(s.length(), tag + 8));
            }
        }
        int words = 0;
        if ((f & (ScriptFeatures.UNDERSCORE | ScriptFeatures.SEPARATOR | ScriptFeatures.COLON
                | ScriptFeatures.CODE)) != 0) {
            words = reading.words();
            for (int k = 0, names = reading.underscoreNames(); k < names; k++) {
                judgeUnderscoreName(s, reading.underscoreNameStart(k), reading.underscoreNameEnd(k), isName, findings);
            }
        }
        if ((f & ScriptFeatures.CODE) != 0 && (words & ScriptWords.TRIGGER) != 0) {
            new PythonCallScan(s, findings).run();
        }
        if ((f & ScriptFeatures.NEWLINE) != 0 && Pickles.importsCommandModule(s)) {
            findings.report(PythonRules.SERIALIZED_CODE, 0, s.length());
        }
    }

    /** Dunders reached as attributes ({@code .__class__}); Django lookups ({@code user__password__startswith}). */
    private static void judgeUnderscoreName(String s, int from, int to, boolean isName, Findings findings) {
        if (s.charAt(from) == '_' && s.charAt(from + 1) == '_') {
            if (PYTHON_DUNDERS.contains(s, from, to) && dunderInCode(s, from, to)) {
                findings.report(PythonRules.PYTHON_INTROSPECTION, from, to);
            }
            return;
        }
        int segments = 1;
        int lastSep = -1;
        boolean secret = false;
        int segStart = from;
        for (int j = from; j + 1 < to; j++) {
            if (s.charAt(j) == '_' && s.charAt(j + 1) == '_' && j > segStart) {
                secret |= SECRET_FIELDS.contains(s, segStart, j);
                segments++;
                lastSep = j;
                segStart = j + 2;
                j++;
            }
        }
        if (lastSep < 0 || lastSep + 2 >= to || !DJANGO_LOOKUPS.contains(s, lastSep + 2, to)) {
            return;
        }
        boolean regex = Ascii.rangeEquals(s, lastSep + 2, to, "regex") || Ascii.rangeEquals(s, lastSep + 2, to, "iregex");
        if (secret || segments >= 4 || regex) {
            findings.report(PythonRules.ORM_LOOKUP, from, to);
        } else if (isName) {
            findings.report(PythonRules.ORM_LOOKUP_ANY, from, to);
        }
    }

    /** A dunder counts when it is reached through an attribute, subscript or call. */
    private static boolean dunderInCode(String s, int from, int to) {
        char before = from > 0 ? s.charAt(from - 1) : 0;
        char after = to < s.length() ? s.charAt(to) : 0;
        return before == '.' || before == '[' || before == '\'' || before == '"' || after == '.' || after == '('
                || after == '[';
    }
}
