package dev.bulwark.core.internal.nosql;

import dev.bulwark.core.Component;
import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.AsciiSet;
import dev.bulwark.core.internal.rules.CharPositions;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Lexicon;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Text;
import dev.bulwark.core.internal.rules.TextProfile;

/**
 * NoSQL (MongoDB) injection (key {@code NOSQL}).
 *
 * <p>Query operators smuggled in where the application expects a plain value: as a parameter name
 * that body parsers turn into an object ({@code password[$ne]=}), as a JSON key
 * ({@code {"$where": ...}}), or as JSON text inside a value that the application parses
 * ({@code {"$gt": ""}}). Operators come from a data table; {@code $} in other places (prices,
 * JSON Schema {@code $ref}, Extended JSON {@code $oid}, OData {@code $filter}) is left alone.
 * An update operator object inside longer text ({@code use { $set: {...} } to}) selects nothing
 * and is how people write about MongoDB: it counts at STRICT only; as the whole value
 * ({@code {"$set":{"role":"admin"}}}) it is an update document and counts at STANDARD.
 * Server-side JavaScript ({@code $where}, {@code $function}, {@code $accumulator}) is reported at
 * BASIC level, as is JavaScript that breaks out of a {@code $where} string: a quote followed by
 * {@code ;return ...}, {@code this.field.match(}, or {@code '||'a'=='a}.
 *
 * @see <a href="https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/05.6-Testing_for_NoSQL_Injection">OWASP WSTG: NoSQL Injection</a>
 * @see <a href="https://cwe.mitre.org/data/definitions/943.html">CWE-943</a>
 */
public final class NoSqlInjectionDetector extends RuleFamily {

    /** Flag of every entry of {@link #OPERATORS}. */
    private static final int OPERATOR = 1;
    /** An operator that runs JavaScript on the server. */
    private static final int JAVASCRIPT = 2;
    /**
     * An operator that is also a JSON Schema keyword ({@code $comment}, draft 7 on): as a whole JSON
     * key or parameter name it is a schema's, and alone it changes no query. Inside a value, after a
     * breakout ({@code '}], $comment:'...'}), or in brackets ({@code [$comment]}), it still counts.
     */
    private static final int SCHEMA_KEYWORD = 4;
    /**
     * An update operator ({@code $set}, {@code $inc}, ...): it rewrites fields but selects nothing.
     * As a key or name it is mass assignment and counts at STANDARD, as it does when the value as a
     * whole is an object whose first key it is ({@code {"$set":{"role":"admin"}}}); as an object
     * inside longer text ({@code "update": { $set: { status: "active" } }}) it is how people write
     * about MongoDB, so it counts only at STRICT ({@link NoSqlRules#UPDATE_IN_VALUE}). The bracket form ({@code [$set]=})
     * in a value is a form body, not prose, and counts at STANDARD.
     */
    private static final int UPDATE = 8;

    /** MongoDB query, expression and aggregation operators, without the {@code $}. */
    private static final Lexicon OPERATORS = Lexicon.builder()
            .add(OPERATOR | JAVASCRIPT, "where", "function", "accumulator")
            .add(OPERATOR | SCHEMA_KEYWORD, "comment")
            .add(OPERATOR, "ne", "eq", "gt", "gte", "lt", "lte", "in", "nin", "and", "or", "nor",
                    "not", "exists", "type", "regex", "options", "expr", "lookup", "elemmatch", "all", "size", "mod",
                    "text", "jsonschema", "unionwith", "merge", "out", "graphlookup", "facet", "match", "group",
                    "search", "geowithin", "geointersects", "near", "nearsphere", "slice", "bitsallset", "bitsanyset",
                    "bitsallclear", "bitsanyclear", "project", "sort", "limit", "skip", "sample", "unwind",
                    "replaceroot", "currentop", "listsessions")
            .add(OPERATOR | UPDATE, "set", "unset", "inc", "push", "pull", "rename", "addtoset", "setoninsert", "mul",
                    "min", "max", "currentdate", "pop", "pullall", "bit")
            .build();

    /** Flag of every entry of {@link #SHELL_METHODS}. */
    private static final int METHOD = 1;
    /**
     * A collection method that writes or destroys data or structure: {@code db.users.drop()},
     * {@code db.users.updateMany({}, ...)}.
     */
    private static final int WRITE = 2;

    /**
     * Collection methods of the MongoDB shell, lower case. After a breakout from a {@code $where}
     * string any of them is injected code. Anywhere in a value, a {@link #WRITE} one is, as is
     * {@code aggregate} with a {@code $out} or {@code $merge} stage: a value that writes to the
     * database is a statement for an evaluator, however it is laid out. A read
     * ({@code db.users.find({ name: "alice" })}) is how people show a query, and counts only when
     * {@code ;} ends it as a statement ({@code db.users.find({});}).
     */
    private static final Lexicon SHELL_METHODS = Lexicon.builder()
            .add(METHOD, "find", "findone", "aggregate", "createindex")
            .add(METHOD | WRITE, "insert", "insertone", "insertmany", "update", "updateone", "updatemany", "replaceone",
                    "findandmodify", "findoneandupdate", "findoneandreplace", "bulkwrite", "mapreduce", "remove",
                    "deleteone", "deletemany", "drop", "findoneanddelete", "renamecollection", "dropindex", "dropindexes")
            .build();

    /** Keywords that may start a variable declaration, with the blank after them. */
    private static final String[] DECLARATIONS = {"var ", "let ", "const "};

    /** Methods of the MongoDB shell's {@code db} object, lower case: {@code db.getCollectionNames()}. */
    private static final Lexicon DATABASE_METHODS = Lexicon.of(
            "dropdatabase", "eval", "getcollection", "getcollectionnames", "getcollectioninfos", "getsiblingdb",
            "runcommand", "admincommand", "shutdownserver", "createuser", "dropuser", "getusers", "getuser", "version",
            "serverstatus", "currentop", "killop", "hostinfo", "getmongo", "stats", "copydatabase", "logout");

    /** Words that may follow {@code return} in a tautology. */
    private static final String[] RETURN_VALUES = {"true", "1", "this", "db", "sleep", "!", "(", "0", "false"};

    public NoSqlInjectionDetector() {
        super(NoSqlRules.KEY, NoSqlRules.ALL);
    }

    /** Characters without which nothing is found: an operator's dollar, or script punctuation. */
    private static final AsciiSet CANDIDATES = AsciiSet.of("$;.|");

    /**
     * Scans the value as the application may read it: JSON, XML and header values keep their
     * percent-escapes ({@code %7B%22%24ne%22...}), which an application may still decode.
     */
    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        boolean escaped = target.keepsPercentEscapes() && target.profile().has('%');
        if (!escaped && !target.profile().hasAny(CANDIDATES)) {
            return;
        }
        String text = Text.decodedText(target);
        sink = Text.sinkFor(target, text, sink);
        if (target.component() == Component.NAME) {
            if (scanName(text, sink)) {
                return;
            }
        }
        if (text.length() < 4) {
            return;
        }
        // The value's profile holds for the text read unless decoding changed it.
        TextProfile profile = text == target.text() ? target.profile() : null;
        int dollar = profile == null || profile.has('$') ? text.indexOf('$') : -1;
        if (dollar >= 0 && scanOperatorsInValue(text, dollar, sink)) {
            return;
        }
        scanJavaScript(text, profile, sink);
    }

    /** {@code $where} as a key, {@code user[$ne]} as a parameter name. */
    private static boolean scanName(String name, DetectionSink sink) {
        if (name.length() > 1 && name.charAt(0) == '$') {
            int end = identifierEnd(name, 1);
            if (end == name.length()) {
                return reportOperator(name, 0, 1, end, true, sink);
            }
        }
        for (int open = name.indexOf("[$"); open >= 0; open = name.indexOf("[$", open + 2)) {
            int end = identifierEnd(name, open + 2);
            if (end < name.length() && name.charAt(end) == ']' && reportOperator(name, open, open + 2, end, false, sink)) {
                return true;
            }
        }
        return false;
    }

    /** Reports the operator at {@code [start, end)}; {@code wholeName}: it is the whole key or name. */
    private static boolean reportOperator(String text, int evidence, int start, int end, boolean wholeName,
            DetectionSink sink) {
        // the closing bracket of "[$ne]" belongs to the evidence
        int evidenceEnd = Math.min(text.length(), end + 1);
        int flags = OPERATORS.flags(text, start, end);
        if ((flags & JAVASCRIPT) != 0) {
            sink.report(NoSqlRules.JS_OPERATOR, evidence, evidenceEnd - evidence);
            return true;
        }
        if (flags != 0 && !(wholeName && (flags & SCHEMA_KEYWORD) != 0)) {
            sink.report(NoSqlRules.OPERATOR_NAME, evidence, evidenceEnd - evidence);
            return true;
        }
        return false;
    }

    /** {@code {"$gt": ""}}, {@code {$ne: 1}} or {@code [$ne]=} inside a value. */
    private static boolean scanOperatorsInValue(String text, int firstDollar, DetectionSink sink) {
        boolean updateReported = false;
        int valueStart = Text.skipSpaces(text, 0);
        for (int d = firstDollar; d >= 0; d = text.indexOf('$', d + 1)) {
            int end = identifierEnd(text, d + 1);
            int operator = end == d + 1 ? 0 : OPERATORS.flags(text, d + 1, end);
            if (operator == 0) {
                continue;
            }
            // bracket form: "[$ne]" followed by "=" or "["
            if (d > 0 && text.charAt(d - 1) == '[' && end < text.length() && text.charAt(end) == ']') {
                sink.report(NoSqlRules.OPERATOR_IN_VALUE, d - 1, end + 1 - (d - 1));
                return true;
            }
            // object form: "{" [quote] "$op" [quote] ":", or the members of an object without its
            // braces, as a value spliced into a query text receives them ("$where: '1 == 1'")
            int before = d - 1;
            if (before >= 0 && (text.charAt(before) == '"' || text.charAt(before) == '\'')) {
                before--;
            }
            while (before >= 0 && Ascii.isAsciiSpace(text.charAt(before))) {
                before--;
            }
            if (before >= 0 && text.charAt(before) != '{' && text.charAt(before) != ',') {
                continue;
            }
            int after = end;
            if (after < text.length() && (text.charAt(after) == '"' || text.charAt(after) == '\'')) {
                after++;
            }
            after = Text.skipSpaces(text, after);
            if (after < text.length() && text.charAt(after) == ':') {
                int start = Math.max(before, 0);
                // An update operator opening an object inside longer text is how prose shows one
                // ("use { $set: {...} } to ..."); opening the value, following another member
                // (a string breakout: bob", "$set": {...}) or as the whole object it is a payload.
                boolean update = (operator & UPDATE) != 0;
                if (!update || before < 0 || text.charAt(before) == ','
                        || before == valueStart && isWholeObject(text, before)) {
                    sink.report(NoSqlRules.OPERATOR_IN_VALUE, start, after + 1 - start);
                    return true;
                }
                if (!updateReported) {
                    sink.report(NoSqlRules.UPDATE_IN_VALUE, start, after + 1 - start);
                    updateReported = true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the brace at {@code open} opens the value as a whole, blanks aside: an update
     * document sent where the application takes one ({@code {"$set":{"role":"admin"}}}). The caller
     * has checked that only blanks come before {@code open}, so this runs for one brace at most.
     */
    private static boolean isWholeObject(String text, int open) {
        if (text.charAt(open) != '{') {
            return false;
        }
        int last = text.length() - 1;
        while (last > open && Ascii.isAsciiSpace(text.charAt(last))) {
            last--;
        }
        return text.charAt(last) == '}';
    }

    /** The characters a JavaScript breakout check starts at: {@code ;}, the dot of {@code this.}, {@code |}. */
    private static final AsciiSet BREAKOUT_MARKS = AsciiSet.of(";.|");

    /**
     * Breakouts from a JavaScript string in {@code $where}: a quote, then {@code ;} and
     * {@code return <value>}; {@code this.<field>} compared or matched; {@code '||'a'=='a}.
     * {@code profile} is the profile of {@code text}, or {@code null} when there is none.
     */
    private static void scanJavaScript(String text, TextProfile profile, DetectionSink sink) {
        int length = text.length();
        if (scanShellCalls(text, sink)) {
            return;
        }
        int numberEnd = leadingNumberEnd(text);
        // Each check starts at a ';', at the '.' of "this." or at a '|': go from one to the next.
        CharPositions marks = new CharPositions(text, BREAKOUT_MARKS, profile);
        for (int mark = marks.next(0); mark >= 0; ) {
            char c = text.charAt(mark);
            int next = mark + 1;
            if (c == ';') {
                if ((quoteBefore(text, mark) || numberEnd == mark) && returnsAfter(text, mark + 1)) {
                    sink.report(NoSqlRules.JS_INJECTION, mark, Math.min(length - mark, 24));
                    return;
                }
            } else if (c == '.') {
                int i = mark - 4;
                if (i >= 0 && text.charAt(i) == 't' && Ascii.matchesAt(text, i, "this.")
                        && (i == 0 || !Ascii.isAlnum(text.charAt(i - 1))) && thisComparison(text, i + 5)) {
                    sink.report(NoSqlRules.JS_INJECTION, i, Math.min(length - i, 32));
                    return;
                }
            } else if (mark + 1 < length && text.charAt(mark + 1) == '|') {
                if (quoteBefore(text, mark) && quotedEqualityAfter(text, mark + 2)) {
                    sink.report(NoSqlRules.JS_INJECTION, mark, Math.min(length - mark, 24));
                    return;
                }
                // "||" is one operator: its second '|' starts nothing.
                next = mark + 2;
            }
            mark = marks.next(next);
        }
    }

    /** A quote right before {@code index} (blanks skipped): the string the value was placed in ends. */
    private static boolean quoteBefore(String text, int index) {
        int i = index - 1;
        while (i >= 0 && Ascii.isAsciiSpace(text.charAt(i))) {
            i--;
        }
        return i >= 0 && (text.charAt(i) == '\'' || text.charAt(i) == '"');
    }

    /**
     * Where a leading number and the blanks after it end ({@code 1;return true} in a numeric
     * context), or -1 when the value does not start with a number.
     */
    private static int leadingNumberEnd(String text) {
        int i = Text.skipSpaces(text, 0);
        int start = i;
        while (i < text.length() && Ascii.isDigit(text.charAt(i))) {
            i++;
        }
        return i > start ? Text.skipSpaces(text, i) : -1;
    }

    /**
     * A statement that only makes sense as injected code: {@code return true}, {@code return 1},
     * {@code sleep(}, {@code while(true)}, {@code this.x} after optional blanks.
     */
    private static boolean returnsAfter(String text, int from) {
        int i = Text.skipSpaces(text, from);
        if (Ascii.matchesAt(text, i, "sleep(") || Ascii.matchesAt(text, i, "while(") || Ascii.matchesAt(text, i, "while (")
                || Ascii.matchesAt(text, i, "do{") || Ascii.matchesAt(text, i, "do {") || Ascii.matchesAt(text, i, "for(")
                || (Ascii.matchesAt(text, i, "this.") && thisComparison(text, i + 5)) || assignsNewObject(text, i)
                || shellCall(text, i, METHOD)) {
            return true;
        }
        if (!Ascii.matchesAt(text, i, "return")) {
            return false;
        }
        i += 6;
        int valueStart = Text.skipSpaces(text, i);
        if (valueStart == i && (valueStart >= text.length() || Ascii.isAlnum(text.charAt(valueStart)))) {
            return false;
        }
        if (valueStart < text.length() && (text.charAt(valueStart) == '\'' || text.charAt(valueStart) == '"')) {
            // "return 'a'=='a'": a string compared with another, true by construction
            return quotedEqualityAfter(text, valueStart);
        }
        for (String value : RETURN_VALUES) {
            if (Ascii.matchesAt(text, valueStart, value)) {
                return true;
            }
        }
        return false;
    }

    /** {@code it=new Date()}, {@code var d = new Date()}: a variable set to a new object, the start of a timing loop. */
    private static boolean assignsNewObject(String text, int from) {
        for (String declaration : DECLARATIONS) {
            if (Ascii.matchesAt(text, from, declaration)) {
                from = Text.skipSpaces(text, from + declaration.length());
                break;
            }
        }
        int i = identifierEnd(text, from);
        if (i == from) {
            return false;
        }
        i = Text.skipSpaces(text, i);
        if (i >= text.length() || text.charAt(i) != '=' || (i + 1 < text.length() && text.charAt(i + 1) == '=')) {
            return false;
        }
        return Ascii.matchesAt(text, Text.skipSpaces(text, i + 1), "new ");
    }

    /**
     * Every MongoDB shell call in the value ({@code db.users.find().forEach(u => db.users.deleteOne(u))}
     * holds two): one that writes ({@link #WRITE}, a database method, an {@code aggregate} with
     * {@code $out} or {@code $merge}), or a read ended by {@code ;}. Linear: each {@code db.} is read
     * once, and a read's parentheses over at most 256 characters.
     */
    private static boolean scanShellCalls(String text, DetectionSink sink) {
        int writesOut = -1;
        for (int d = text.indexOf("db."); d >= 0; d = text.indexOf("db.", d + 3)) {
            int call = d > 0 && (Ascii.isAlnum(text.charAt(d - 1)) || "_$.".indexOf(text.charAt(d - 1)) >= 0)
                    ? 0 : shellCallFlags(text, d);
            if ((call & METHOD) == 0) {
                continue;
            }
            boolean write = (call & WRITE) != 0;
            if (!write && Ascii.matchesAt(text, text.indexOf('.', d + 3) + 1, "aggregate(")) {
                if (writesOut < 0) {
                    writesOut = text.indexOf("$out", d) >= 0 || text.indexOf("$merge", d) >= 0 ? 1 : 0;
                }
                write = writesOut == 1;
            }
            if (write || endsStatement(text, d)) {
                sink.report(NoSqlRules.JS_INJECTION, d, Math.min(text.length() - d, 32));
                return true;
            }
        }
        return false;
    }

    /**
     * {@code db.users.drop(}, {@code db.dropDatabase(}: a MongoDB shell call, a call of a database
     * method or of a collection method with all of {@code methodFlags}.
     */
    private static boolean shellCall(String text, int from, int methodFlags) {
        int flags = shellCallFlags(text, from);
        return flags != 0 && (flags & methodFlags) == methodFlags;
    }

    /**
     * The flags of the shell call at {@code from}: every flag for a database method, the
     * collection method's own ({@link #METHOD}, {@link #WRITE}), or 0 for no call.
     */
    private static int shellCallFlags(String text, int from) {
        if (!Ascii.matchesAt(text, from, "db.")) {
            return 0;
        }
        int i = identifierEnd(text, from + 3);
        if (i == from + 3) {
            return 0;
        }
        if (DATABASE_METHODS.contains(text, from + 3, i)) {
            return i < text.length() && text.charAt(i) == '(' ? METHOD | WRITE : 0;
        }
        if (i >= text.length() || text.charAt(i) != '.') {
            return 0;
        }
        int method = i + 1;
        int end = identifierEnd(text, method);
        if (end >= text.length() || text.charAt(end) != '(') {
            return 0;
        }
        return SHELL_METHODS.flags(text, method, end);
    }

    /**
     * Whether the call that starts at {@code from} is followed by {@code ;}: its parentheses are
     * matched over at most 256 characters, quotes not considered.
     */
    private static boolean endsStatement(String text, int from) {
        int open = text.indexOf('(', from);
        int limit = Math.min(text.length(), open + 256);
        int depth = 0;
        for (int i = open; open >= 0 && i < limit; i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                int next = Text.skipSpaces(text, i + 1);
                return next < text.length() && text.charAt(next) == ';';
            }
        }
        return false;
    }

    /** After {@code this.}: a field name, then {@code .match(}, {@code .test(}, or a comparison. */
    private static boolean thisComparison(String text, int from) {
        int i = identifierEnd(text, from);
        if (i == from) {
            return false;
        }
        if (Ascii.matchesAt(text, i, ".match(") || Ascii.matchesAt(text, i, ".test(")
                || Ascii.matchesAt(text, i, ".indexof(") || Ascii.matchesAt(text, i, ".startswith(")
                || Ascii.matchesAt(text, i, ".constructor")) {
            return true;
        }
        i = Text.skipSpaces(text, i);
        return Ascii.matchesAt(text, i, "==") || Ascii.matchesAt(text, i, "!=");
    }

    /** {@code 'a'=='a}, {@code 1==1}: a JavaScript equality within a few characters. */
    private static boolean quotedEqualityAfter(String text, int from) {
        int i = Text.skipSpaces(text, from);
        int limit = Math.min(text.length(), i + 40);
        for (int k = i; k + 1 < limit; k++) {
            if (text.charAt(k) == '=' && text.charAt(k + 1) == '=') {
                return true;
            }
        }
        return false;
    }

    private static int identifierEnd(String text, int from) {
        int i = from;
        while (i < text.length() && (Ascii.isAlnum(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        return i;
    }
}
