package dev.bulwark.core.internal.rules;

/**
 * Sees through the encodings attackers wrap code in after the engine's percent-decoding: residual
 * {@code %XX} and {@code %uXXXX} (JSON and header values are not percent-decoded), HTML character
 * references with or without the closing semicolon ({@code &#36;}, {@code &#x7B;}, {@code &lbrace;},
 * {@code &lcub}), and JavaScript / PHP string escapes (backslash-u with four hex digits or in braces, backslash-x with two).
 *
 * <p>Decoding repeats while it changes the text, at most {@value #MAX_ROUNDS} rounds, so each round
 * is linear and the whole is linear too. Values without {@code %}, {@code &} or {@code \} are returned
 * as they are, without allocating.
 */
public final class Unescaper {

    public static final int MAX_ROUNDS = 3;

    /**
     * Named character references that spell code punctuation; the flag is the character. Code
     * decoders are lenient, so every name also reads without a semicolon.
     */
    private static final Lexicon ENTITIES = Lexicon.builder()
            .add('{', "lbrace", "lcub").add('}', "rbrace", "rcub")
            .add('[', "lsqb", "lbrack").add(']', "rsqb", "rbrack")
            .add('(', "lpar").add(')', "rpar").add('$', "dollar").add('"', "quot")
            .add('\'', "apos").add('<', "lt").add('>', "gt").add('&', "amp")
            .add(':', "colon").add('/', "sol").add('\\', "bsol").add('#', "num")
            .add('%', "percnt").add('.', "period").add(',', "comma").add(';', "semi")
            .add('!', "excl").add('=', "equals").add('+', "plus").add('`', "grave")
            .add('^', "hat").add('|', "vert", "verbar").add('_', "lowbar").add('*', "ast", "midast")
            .add('?', "quest").add('@', "commat").add('\t', "tab").add('\n', "newline")
            .add('-', "dash", "hyphen").add(' ', "nbsp")
            .build();

    private Unescaper() {}

    /** Whether the text holds a character that may start an escape. */
    public static boolean mayContainEscapes(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '%' || c == '&' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    /** Decodes {@code s}; the result maps back to offsets in {@code s}. */
    public static UnescapedText decode(String s) {
        if (!mayContainEscapes(s)) {
            return new UnescapedText(s, null);
        }
        String text = s;
        int[] origin = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int[][] mapHolder = new int[1][];
            String next = decodeOnce(text, mapHolder);
            if (next == null) {
                break;
            }
            int[] map = mapHolder[0];
            int[] composed = new int[next.length()];
            for (int i = 0; i < composed.length; i++) {
                composed[i] = origin == null ? map[i] : origin[map[i]];
            }
            origin = composed;
            text = next;
            if (!mayContainEscapes(text)) {
                break;
            }
        }
        return new UnescapedText(text, origin);
    }

    /** One decoding round; null when nothing changed. {@code map[0][i]} receives the source index. */
    private static String decodeOnce(String s, int[][] mapHolder) {
        int n = s.length();
        StringBuilder out = null;
        int[] map = null;
        int written = 0;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            int consumed = 0;
            int decoded = -1;
            if (c == '%') {
                if (hex2At(s, i + 1, n) >= 0) {
                    decoded = hex2At(s, i + 1, n);
                    consumed = 3;
                } else if (i + 5 < n && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')
                        && hex4(s, i + 2) >= 0) {
                    decoded = hex4(s, i + 2);
                    consumed = 6;
                }
            } else if (c == '\\' && i + 1 < n) {
                char k = s.charAt(i + 1);
                if ((k == 'u' || k == 'U') && i + 5 < n && hex4(s, i + 2) >= 0) {
                    decoded = hex4(s, i + 2);
                    consumed = 6;
                } else if ((k == 'u' || k == 'U') && i + 3 < n && s.charAt(i + 2) == '{') {
                    int j = i + 3;
                    int v = 0;
                    while (j < n && j < i + 12 && Ascii.isHexDigit(s.charAt(j))) {
                        v = v * 16 + Ascii.hexValue(s.charAt(j));
                        j++;
                    }
                    if (j > i + 3 && j < n && s.charAt(j) == '}' && v <= 0xFFFF) {
                        decoded = v;
                        consumed = j + 1 - i;
                    }
                } else if ((k == 'x' || k == 'X') && hex2At(s, i + 2, n) >= 0) {
                    decoded = hex2At(s, i + 2, n);
                    consumed = 4;
                }
            } else if (c == '&' && i + 2 < n) {
                HtmlEntities.Reference reference = HtmlEntities.read(s, i, ENTITIES, ENTITIES);
                if (reference != null) {
                    decoded = reference.character();
                    consumed = reference.length();
                }
            }
            if (consumed == 0) {
                if (out != null) {
                    out.append(c);
                    map[written] = i;
                }
                written++;
                i++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n);
                out.append(s, 0, i);
                map = new int[n];
                mapHolder[0] = map;
                for (int k = 0; k < i; k++) {
                    map[k] = k;
                }
            }
            out.append((char) decoded);
            map[written++] = i;
            i += consumed;
        }
        return out == null ? null : out.toString();
    }

    private static int hex2At(String s, int at, int n) {
        if (at + 1 >= n) {
            return -1;
        }
        int a = Ascii.hexValue(s.charAt(at));
        int b = Ascii.hexValue(s.charAt(at + 1));
        return a < 0 || b < 0 ? -1 : a * 16 + b;
    }

    private static int hex4(String s, int at) {
        int hi = hex2At(s, at, s.length());
        int lo = hex2At(s, at + 2, s.length());
        return hi < 0 || lo < 0 ? -1 : hi * 256 + lo;
    }
}
