package dev.bulwark.core.internal.rules;

/**
 * The readings every script-language detector gives a value: as sent, with escapes decoded
 * ({@link Unescaper}; evidence is mapped back to the value), and, when the value is one base64
 * token of at least 12 characters that decodes to text, that text (evidence is the whole value).
 * Base64 is decoded one level deep, so a value is read at most four times.
 */
public final class ScriptPasses {

    private static final int MIN_BASE64_LENGTH = 12;
    private static final int MAX_DECODE_DEPTH = 1;

    /** One family's checks on one reading of a value. */
    public interface Reading {

        /** Checks {@code text}, whose {@link ScriptFeatures} are {@code features}. */
        void scan(String text, int features, boolean isName, Findings findings);

        /** Called with a reading that is not one base64 token of text: binary payloads may still be judged. */
        default void notBase64Text(String text, Findings findings) {
        }
    }

    private ScriptPasses() {
    }

    /** Runs {@code reading} on {@code value}, whose {@link ScriptFeatures} are {@code features}, and on its decodings. */
    public static void run(String value, int features, boolean isName, Findings findings, Reading reading) {
        run(value, features, isName, findings, reading, 0);
    }

    private static void run(String value, int features, boolean isName, Findings findings, Reading reading,
            int decodeDepth) {
        String s = value;
        int f = features;
        if ((f & ScriptFeatures.ESCAPE) != 0) {
            DecodedText decoded = Unescaper.decode(value);
            if (decoded.changed()) {
                if (decodeDepth == 0) {
                    findings.mapThrough(decoded);
                }
                s = decoded.text;
                f = ScriptFeatures.of(s);
            }
        }
        reading.scan(s, f, isName, findings);
        if (decodeDepth < MAX_DECODE_DEPTH && s.length() >= MIN_BASE64_LENGTH && (f & ScriptFeatures.SPACE) == 0) {
            String decoded = Base64Text.decodeWholeValueAsText(s, MIN_BASE64_LENGTH);
            if (decoded != null) {
                findings.reportWholeValue();
                run(decoded, ScriptFeatures.of(decoded), false, findings, reading, decodeDepth + 1);
            } else {
                reading.notBase64Text(s, findings);
            }
        }
    }
}
