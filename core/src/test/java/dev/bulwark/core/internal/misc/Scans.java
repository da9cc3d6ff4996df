package dev.bulwark.core.internal.misc;

import dev.bulwark.core.Component;
import dev.bulwark.core.Level;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.Detector;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.ScanTarget;
import java.util.ArrayList;
import java.util.List;

/** Runs a detector on one value and collects the ids of the rules a level enables. */
final class Scans {

    private Scans() {
    }

    static List<String> standard(Detector detector, ScanTarget target) {
        return at(Level.STANDARD, detector, target);
    }

    static List<String> at(Level level, Detector detector, ScanTarget target) {
        List<String> ids = new ArrayList<>();
        detector.scan(target, (rule, offset, length) -> {
            checkEvidence(target, rule, offset, length);
            if (level.enables(rule.level())) {
                ids.add(rule.id());
            }
        });
        return ids;
    }

    /** Every report must point into the scanned text and name one of the detector's rules. */
    private static void checkEvidence(ScanTarget target, RuleDefinition rule, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > target.text().length()) {
            throw new AssertionError(rule.id() + " reported " + offset + "+" + length + " outside "
                    + target.text().length() + " characters");
        }
    }

    static ScanTarget query(String value) {
        return ScanTarget.queryValue(value);
    }

    static ScanTarget query(String name, String value) {
        return new ScanTarget(value, Source.QUERY, Component.VALUE, name);
    }

    static ScanTarget queryName(String name) {
        return new ScanTarget(name, Source.QUERY, Component.NAME, name);
    }

    static ScanTarget form(String name, String value) {
        return new ScanTarget(value, Source.FORM, Component.VALUE, name);
    }

    static ScanTarget json(String pointer, String value) {
        return new ScanTarget(value, Source.JSON, Component.VALUE, pointer);
    }

    static ScanTarget jsonKey(String key) {
        return new ScanTarget(key, Source.JSON, Component.NAME, "/" + key);
    }

    static ScanTarget header(String name, String value) {
        return new ScanTarget(value, Source.HEADER, Component.VALUE, name);
    }

    static ScanTarget cookie(String name, String value) {
        return new ScanTarget(value, Source.COOKIE, Component.VALUE, name);
    }

    static ScanTarget path(String path) {
        return new ScanTarget(path, Source.PATH, Component.VALUE, "");
    }

    static ScanTarget pathSegment(String segment) {
        return new ScanTarget(segment, Source.PATH_SEGMENT, Component.VALUE, "");
    }

    static ScanTarget pathParameter(String parameter) {
        return new ScanTarget(parameter, Source.PATH_PARAMETER, Component.VALUE, "0");
    }

    static ScanTarget fileName(String name) {
        return new ScanTarget(name, Source.MULTIPART, Component.FILENAME, "file");
    }

    static ScanTarget xml(String value) {
        return new ScanTarget(value, Source.XML, Component.VALUE, "a");
    }

    /** {@code unit} repeated until the text is one MiB long. */
    static String mebibyteOf(String unit) {
        StringBuilder builder = new StringBuilder(1 << 20);
        while (builder.length() < (1 << 20)) {
            builder.append(unit);
        }
        return builder.toString();
    }
}
