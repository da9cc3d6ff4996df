package dev.bulwark.core.internal.shell;

import dev.bulwark.core.Component;
import dev.bulwark.core.Level;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.Detector;
import dev.bulwark.core.internal.rules.ScanTarget;
import java.util.ArrayList;
import java.util.List;

/** Runs a detector on one value and lists the rule ids enabled at a level. */
final class DetectorAssertions {

    private DetectorAssertions() {}

    static List<String> rules(Detector detector, Level level, ScanTarget target) {
        List<String> ids = new ArrayList<>();
        detector.scan(target, (rule, offset, length) -> {
            if (offset < 0 || length < 0 || offset + length > target.text().length()) {
                throw new AssertionError("evidence out of range: " + offset + "+" + length);
            }
            if (level.enables(rule.level())) {
                ids.add(rule.id());
            }
        });
        return ids;
    }

    static List<String> standard(Detector detector, String value) {
        return rules(detector, Level.STANDARD, ScanTarget.queryValue(value));
    }

    static List<String> basic(Detector detector, String value) {
        return rules(detector, Level.BASIC, ScanTarget.queryValue(value));
    }

    static List<String> strict(Detector detector, String value) {
        return rules(detector, Level.STRICT, ScanTarget.queryValue(value));
    }

    static List<String> header(Detector detector, String name, String value) {
        return rules(detector, Level.STANDARD, new ScanTarget(value, Source.HEADER, Component.VALUE, name));
    }
}
