package dev.bulwark.core.internal.decode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Decodes HTML character references the way an HTML5 browser does in text, so that rules see
 * {@code javascript:} in {@code &#106;avascript&colon;}.
 *
 * <ul>
 *   <li>Named references are case-sensitive ({@code &amp;} but not {@code &AMp;}). The table holds
 *       the HTML 4 set and the HTML5 punctuation names attackers use ({@code &colon;},
 *       {@code &lpar;}, {@code &Tab;}, {@code &NewLine;} ...).</li>
 *   <li>The legacy names that browsers accept without a semicolon ({@code &lt}, {@code &amp},
 *       {@code &copy}, the Latin-1 letters ...) are decoded without one too, longest match first,
 *       as in text content ({@code &notit;} is {@code ¬it;}).</li>
 *   <li>Numeric references, decimal ({@code &#106;}) and hex ({@code &#x6A;}), with or without the
 *       semicolon and with any number of leading zeros. NUL, surrogates and values above U+10FFFF
 *       become U+FFFD; 0x80 to 0x9F are read as Windows-1252, as browsers do.</li>
 * </ul>
 *
 * <p>One pass, linear in the input: {@code &amp;lt;} decodes to {@code &lt;}.
 */
public final class HtmlEntityDecoder {

    private static final int MAX_NAME_LENGTH = 32;
    private static final int MAX_LEGACY_NAME_LENGTH = 6;

    /** Named references that need the semicolon. */
    private static final Map<String, String> NAMED = new HashMap<>(512);
    /** Named references that browsers also recognise without the semicolon. */
    private static final Set<String> LEGACY = new HashSet<>(128);

    /** Windows-1252 characters for the references 0x80 to 0x9F (0 where the C1 control stays). */
    private static final char[] WINDOWS_1252 = {
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    };

    static {
        // The Latin-1 names, U+00A0 to U+00FF in order; all of them legacy.
        String[] latin1 = {
            "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect",
            "uml", "copy", "ordf", "laquo", "not", "shy", "reg", "macr",
            "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
            "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
            "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil",
            "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml",
            "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times",
            "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig",
            "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
            "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml",
            "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide",
            "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
        };
        for (int i = 0; i < latin1.length; i++) {
            legacy(latin1[i], 0xA0 + i);
        }
        legacy("amp", '&');
        legacy("AMP", '&');
        legacy("lt", '<');
        legacy("LT", '<');
        legacy("gt", '>');
        legacy("GT", '>');
        legacy("quot", '"');
        legacy("QUOT", '"');
        legacy("COPY", 0xA9);
        legacy("REG", 0xAE);

        named("Tab", '\t', "NewLine", '\n', "excl", '!', "num", '#', "dollar", '$', "percnt", '%',
                "apos", '\'', "lpar", '(', "rpar", ')', "ast", '*', "midast", '*', "plus", '+',
                "comma", ',', "period", '.', "sol", '/', "colon", ':', "semi", ';', "equals", '=',
                "quest", '?', "commat", '@', "lsqb", '[', "lbrack", '[', "bsol", '\\', "rsqb", ']',
                "rbrack", ']', "Hat", '^', "lowbar", '_', "UnderBar", '_', "grave", '`',
                "DiacriticalGrave", '`', "lcub", '{', "lbrace", '{', "verbar", '|', "vert", '|',
                "VerticalLine", '|', "rcub", '}', "rbrace", '}', "NonBreakingSpace", 0xA0,
                "hyphen", 0x2010, "dash", 0x2010, "ZeroWidthSpace", 0x200B);
        named("OElig", 338, "oelig", 339, "Scaron", 352, "scaron", 353, "Yuml", 376, "fnof", 402,
                "circ", 710, "tilde", 732, "ensp", 8194, "emsp", 8195, "thinsp", 8201, "zwnj", 8204,
                "zwj", 8205, "lrm", 8206, "rlm", 8207, "ndash", 8211, "mdash", 8212, "lsquo", 8216,
                "rsquo", 8217, "sbquo", 8218, "ldquo", 8220, "rdquo", 8221, "bdquo", 8222,
                "dagger", 8224, "Dagger", 8225, "bull", 8226, "hellip", 8230, "permil", 8240,
                "prime", 8242, "Prime", 8243, "lsaquo", 8249, "rsaquo", 8250, "oline", 8254,
                "frasl", 8260, "euro", 8364, "image", 8465, "weierp", 8472, "real", 8476,
                "trade", 8482, "alefsym", 8501, "larr", 8592, "uarr", 8593, "rarr", 8594,
                "darr", 8595, "harr", 8596, "crarr", 8629, "lArr", 8656, "uArr", 8657, "rArr", 8658,
                "dArr", 8659, "hArr", 8660, "forall", 8704, "part", 8706, "exist", 8707,
                "empty", 8709, "nabla", 8711, "isin", 8712, "notin", 8713, "ni", 8715, "prod", 8719,
                "sum", 8721, "minus", 8722, "lowast", 8727, "radic", 8730, "prop", 8733,
                "infin", 8734, "ang", 8736, "and", 8743, "or", 8744, "cap", 8745, "cup", 8746,
                "int", 8747, "there4", 8756, "sim", 8764, "cong", 8773, "asymp", 8776, "ne", 8800,
                "equiv", 8801, "le", 8804, "ge", 8805, "sub", 8834, "sup", 8835, "nsub", 8836,
                "sube", 8838, "supe", 8839, "oplus", 8853, "otimes", 8855, "perp", 8869,
                "sdot", 8901, "lceil", 8968, "rceil", 8969, "lfloor", 8970, "rfloor", 8971,
                "lang", 0x27E8, "rang", 0x27E9, "loz", 9674, "spades", 9824, "clubs", 9827,
                "hearts", 9829, "diams", 9830, "thetasym", 977, "upsih", 978, "piv", 982);
        String[] greek = {
            "Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa",
            "Lambda", "Mu", "Nu", "Xi", "Omicron", "Pi", "Rho", null, "Sigma", "Tau", "Upsilon",
            "Phi", "Chi", "Psi", "Omega",
        };
        for (int i = 0; i < greek.length; i++) {
            if (greek[i] != null) {
                named(greek[i], 0x391 + i);
                named(Character.toLowerCase(greek[i].charAt(0)) + greek[i].substring(1), 0x3B1 + i);
            }
        }
        named("sigmaf", 0x3C2);
    }

    private HtmlEntityDecoder() {
    }

    private static void legacy(String name, int codePoint) {
        named(name, codePoint);
        LEGACY.add(name);
    }

    private static void named(Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            int codePoint = value instanceof Character c ? c : (Integer) value;
            NAMED.put((String) pairs[i], new String(Character.toChars(codePoint)));
        }
    }

    /** Whether {@code s} may hold a character reference, that is, contains {@code &}. */
    public static boolean mayContainEntity(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) == '&') {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes the character references in {@code s}; returns {@code s} itself (when it is a
     * {@link String}) if there are none.
     */
    public static String decode(CharSequence s) {
        int n = s.length();
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < n) {
            if (s.charAt(i) != '&') {
                i++;
                continue;
            }
            int end;
            String replacement;
            if (i + 1 < n && s.charAt(i + 1) == '#') {
                long[] result = numeric(s, i + 2);
                if (result == null) {
                    i++;
                    continue;
                }
                end = (int) result[1];
                replacement = new String(Character.toChars(codePointFor(result[0])));
            } else {
                int nameEnd = i + 1;
                while (nameEnd < n && nameEnd - i - 1 < MAX_NAME_LENGTH && isAsciiAlphanumeric(s.charAt(nameEnd))) {
                    nameEnd++;
                }
                if (nameEnd == i + 1) {
                    i++;
                    continue;
                }
                String name = s.subSequence(i + 1, nameEnd).toString();
                replacement = nameEnd < n && s.charAt(nameEnd) == ';' ? NAMED.get(name) : null;
                if (replacement != null) {
                    end = nameEnd + 1;
                } else {
                    end = -1;
                    for (int length = Math.min(name.length(), MAX_LEGACY_NAME_LENGTH); length >= 2; length--) {
                        String prefix = name.substring(0, length);
                        if (LEGACY.contains(prefix)) {
                            replacement = NAMED.get(prefix);
                            end = i + 1 + length;
                            break;
                        }
                    }
                    if (end < 0) {
                        i = nameEnd;
                        continue;
                    }
                }
            }
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(s, copied, i).append(replacement);
            copied = end;
            i = end;
        }
        if (out == null) {
            return s.toString();
        }
        return out.append(s, copied, n).toString();
    }

    /**
     * Parses the digits of a numeric reference starting at {@code from} (just after {@code &#}).
     * Returns {value, end} or {@code null} when there are no digits. Values are clamped just above
     * U+10FFFF so that any number of digits cannot overflow.
     */
    private static long[] numeric(CharSequence s, int from) {
        int n = s.length();
        int j = from;
        boolean hex = j < n && (s.charAt(j) == 'x' || s.charAt(j) == 'X');
        if (hex) {
            j++;
        }
        int digitsStart = j;
        long value = 0;
        while (j < n) {
            int digit = hex ? PercentDecoder.hex(s.charAt(j)) : decimal(s.charAt(j));
            if (digit < 0) {
                break;
            }
            value = Math.min(value * (hex ? 16 : 10) + digit, 0x110000L);
            j++;
        }
        if (j == digitsStart) {
            return null;
        }
        if (j < n && s.charAt(j) == ';') {
            j++;
        }
        return new long[] {value, j};
    }

    private static int codePointFor(long value) {
        if (value == 0 || value > Character.MAX_CODE_POINT || (value >= 0xD800 && value <= 0xDFFF)) {
            return Utf8.REPLACEMENT;
        }
        if (value >= 0x80 && value <= 0x9F && WINDOWS_1252[(int) value - 0x80] != 0) {
            return WINDOWS_1252[(int) value - 0x80];
        }
        return (int) value;
    }

    private static int decimal(char c) {
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
