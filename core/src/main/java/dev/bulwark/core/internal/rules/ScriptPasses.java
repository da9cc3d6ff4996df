package dev.bulwark.core.internal.rules;

import dev.bulwark.core.Component;
import java.util.List;

/**
 * The readings every script-language detector gives a value: as sent, with escapes decoded
 * ({@link Unescaper}; evidence is mapped back to the value), and, when that reading is one base64
 * token of at least 12 characters that decodes to text, that text with its escapes decoded
 * (evidence is the whole value). Base64 is decoded one level deep, so a family reads a value at
 * most twice.
 *
 * <p>The readings are made once per value and shared: the first family that reads a target
 * ({@link #of}) decodes it and keeps the result on the target, and the families after it reuse
 * that work, the word pass of each reading ({@link ScriptReading#words}) and one finding
 * collector ({@link #findings}). A target is read on one thread, one family after another.
 */
public final class ScriptPasses {

    /**
     * The rule key the script-language families that share these readings (Node, Perl, Python,
     * Ruby, data URIs) report under, so that one level or exception covers all of them.
     */
    public static final String RULE_KEY = "CODE";

    private static final int MIN_BASE64_LENGTH = 12;

    /** What {@link #of} keeps on a target too small or too plain to hold script code. */
    private static final ScriptPasses TOO_PLAIN = new ScriptPasses(0, null, null, false, null);

    /** One family's checks, run on each reading of a value. */
    @FunctionalInterface
    public interface Family {

        /** Checks one reading. */
        void scan(ScriptReading reading, Findings findings);

        /**
         * Called with the first reading when it could be, but is not, one base64 token of text:
         * binary payloads may still be judged.
         */
        default void notBase64Text(String text, Findings findings) {
        }
    }

    private final int valueLength;
    // Set when decoding escapes changed the value: evidence in the first reading maps back through it.
    private final UnescapedText unescaped;
    private final ScriptReading first;
    private final boolean base64Candidate;
    private final ScriptReading decoded;
    // The collector the families of this value take turns with; made by the first.
    private Findings findings;

    private ScriptPasses(int valueLength, UnescapedText unescaped, ScriptReading first, boolean base64Candidate,
            ScriptReading decoded) {
        this.valueLength = valueLength;
        this.unescaped = unescaped;
        this.first = first;
        this.base64Candidate = base64Candidate;
        this.decoded = decoded;
    }

    /**
     * The readings of {@code target}, made on the first call for it and kept on the target; or
     * {@code null} when the value is too small or too plain to hold script code
     * ({@link ScriptFeatures#tooPlain}).
     */
    public static ScriptPasses of(ScanTarget target) {
        ScriptPasses passes = target.scriptPasses;
        if (passes == null) {
            int features = ScriptFeatures.of(target.profile());
            passes = ScriptFeatures.tooPlain(target, features)
                    ? TOO_PLAIN
                    : read(target.text(), features, target.component() == Component.NAME);
            target.scriptPasses = passes;
        }
        return passes == TOO_PLAIN ? null : passes;
    }

    /**
     * Runs {@code family} on each reading of {@code target} with a collector for {@code rules}
     * reporting to {@code sink}; nothing when the value is too plain to hold script code.
     */
    public static void scan(ScanTarget target, DetectionSink sink, List<RuleDefinition> rules, Family family) {
        ScriptPasses passes = of(target);
        if (passes != null) {
            passes.run(passes.findings(sink, rules), family);
        }
    }

    /** The readings of {@code value}, whose {@link ScriptFeatures} are {@code features}, made now. */
    public static ScriptPasses read(String value, int features, boolean isName) {
        UnescapedText unescaped = null;
        String s = value;
        int f = features;
        if ((f & ScriptFeatures.ESCAPE) != 0) {
            UnescapedText text = Unescaper.decode(value);
            if (text.changed()) {
                unescaped = text;
                s = text.text;
                f = ScriptFeatures.of(s);
            }
        }
        boolean base64Candidate = s.length() >= MIN_BASE64_LENGTH && (f & ScriptFeatures.SPACE) == 0;
        ScriptReading decoded = null;
        if (base64Candidate) {
            String text = Base64Text.decodeWholeValueAsText(s, MIN_BASE64_LENGTH);
            if (text != null) {
                decoded = unescapedReading(text);
            }
        }
        return new ScriptPasses(value.length(), unescaped, new ScriptReading(s, f, isName), base64Candidate, decoded);
    }

    /** The reading of base64-decoded text: its escapes decoded, evidence reported as the whole value. */
    private static ScriptReading unescapedReading(String text) {
        int f = ScriptFeatures.of(text);
        if ((f & ScriptFeatures.ESCAPE) != 0) {
            UnescapedText unescaped = Unescaper.decode(text);
            if (unescaped.changed()) {
                return new ScriptReading(unescaped.text, ScriptFeatures.of(unescaped.text), false);
            }
        }
        return new ScriptReading(text, f, false);
    }

    /**
     * A collector for one family's {@code rules} on this value, reporting to {@code sink}: the
     * same one for every family, started over for each, since they read a value one after another.
     */
    public Findings findings(DetectionSink sink, List<RuleDefinition> rules) {
        if (findings == null) {
            findings = new Findings(sink, rules, valueLength);
        } else {
            findings.restart(sink, rules);
        }
        return findings;
    }

    /** Runs {@code family} on each reading in turn, reporting to {@code findings} of the value. */
    public void run(Findings findings, Family family) {
        if (unescaped != null) {
            findings.mapThrough(unescaped);
        }
        family.scan(first, findings);
        if (decoded != null) {
            findings.reportWholeValue();
            family.scan(decoded, findings);
        } else if (base64Candidate) {
            family.notBase64Text(first.text(), findings);
        }
    }
}
