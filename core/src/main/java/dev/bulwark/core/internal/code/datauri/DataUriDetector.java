package dev.bulwark.core.internal.code.datauri;

import dev.bulwark.core.internal.rules.Ascii;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Findings;
import dev.bulwark.core.internal.rules.Lexicon;
import dev.bulwark.core.internal.rules.RuleFamily;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.ScriptFeatures;
import dev.bulwark.core.internal.rules.ScriptPasses;
import dev.bulwark.core.internal.rules.ScriptReading;

/**
 * {@code data:} URIs as a whole value (rule key {@code CODE}, shared by the script languages):
 * one that carries a document ({@code text/*}, {@code application/*}) is a way to have an
 * include or an evaluator load attacker content; media types (image, audio, video, font) pass.
 * The default level (STANDARD) enables {@code CODE-DATA-URI}; a {@code data:} URI without a
 * media type needs STRICT. Values are read as the script families read them ({@link ScriptPasses}).
 */
public final class DataUriDetector extends RuleFamily {

    private static final Lexicon MEDIA_TYPES = Lexicon.of("image", "audio", "video", "font");

    public DataUriDetector() {
        super(DataUriRules.KEY, DataUriRules.ALL);
    }

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        ScriptPasses.scan(target, sink, rules(), DataUriDetector::scanReading);
    }

    /** {@code data:text/plain;base64,...} as the whole reading. */
    private static void scanReading(ScriptReading reading, Findings findings) {
        if ((reading.features() & ScriptFeatures.COLON) == 0) {
            return;
        }
        String s = reading.text();
        int start = Ascii.skipSpaces(s, 0, s.length());
        if (!Ascii.matchesAt(s, start, "data:")) {
            return;
        }
        int i = start + 5;
        int n = s.length();
        int typeEnd = i;
        while (typeEnd < n && (Ascii.isLetter(s.charAt(typeEnd)) || s.charAt(typeEnd) == '-')) {
            typeEnd++;
        }
        if (typeEnd > i && typeEnd < n && s.charAt(typeEnd) == '/' && typeEnd + 1 < n
                && (Ascii.isLetter(s.charAt(typeEnd + 1)) || s.charAt(typeEnd + 1) == '*')) {
            if (!MEDIA_TYPES.contains(s, i, typeEnd)) {
                findings.report(DataUriRules.DATA_URI, start, typeEnd);
            }
        } else if (typeEnd == i && i < n && (s.charAt(i) == ',' || s.charAt(i) == ';')) {
            findings.report(DataUriRules.DATA_URI_ANY, start, i + 1);
        }
    }
}
