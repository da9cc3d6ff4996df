package dev.bulwark.core.internal.deny;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Detector;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.ScanTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in detector with one rule per level: {@link #STANDARD_RULE} for "evil" and
 * {@link #STRICT_RULE} for "bad", each reported where the word stands. It keeps every text it
 * scans, so that tests can tell which values were scanned.
 */
final class WordDetector implements Detector {

    static final RuleDefinition STANDARD_RULE =
            new RuleDefinition("TEST-EVIL", "TEST", Level.STANDARD, "value contains 'evil'", "https://owasp.org/");
    static final RuleDefinition STRICT_RULE =
            new RuleDefinition("TEST-BAD", "TEST", Level.STRICT, "value contains 'bad'", "https://owasp.org/");

    final List<String> scanned = new ArrayList<>();

    @Override
    public String key() {
        return "TEST";
    }

    @Override
    public List<RuleDefinition> rules() {
        return List.of(STANDARD_RULE, STRICT_RULE);
    }

    @Override
    public void scan(ScanTarget target, DetectionSink sink) {
        scanned.add(target.text());
        int evil = target.text().indexOf("evil");
        if (evil >= 0) {
            sink.report(STANDARD_RULE, evil, 4);
        }
        int bad = target.text().indexOf("bad");
        if (bad >= 0) {
            sink.report(STRICT_RULE, bad, 3);
        }
    }
}
