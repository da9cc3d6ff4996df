package dev.bulwark.core.internal.rules;

/**
 * UTF-16 surrogates that pair with nothing: a high surrogate not followed by a low one, or a low
 * one not preceded by a high one. Only an escape can put one in a value (<code>&#92;uD800</code> in
 * JSON, <code>%uD800</code> in IIS's percent-encoding), and parsers read it in different ways: one
 * keeps it, another puts U+FFFD in its place, another refuses the text, and an encoder told to
 * drop what it cannot encode joins the text around it (<code>UN&#92;uD800ION</code> becomes
 * {@code UNION}).
 */
public final class Surrogates {

    private Surrogates() {
    }

    /** Whether {@code text[i]} is a high surrogate that the next character pairs with. */
    public static boolean startsPair(CharSequence text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    /**
     * {@code text} without the surrogates that pair with nothing, as an encoder that drops what it
     * cannot encode reads it; {@code null} when it has none. One pass.
     */
    public static String withoutUnpaired(String text) {
        StringBuilder out = null;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                if (out != null) {
                    out.append(c);
                }
            } else if (startsPair(text, i)) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (out == null) {
                out = new StringBuilder(n).append(text, 0, i);
            }
        }
        return out == null ? null : out.toString();
    }
}
