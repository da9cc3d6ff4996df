package dev.bulwark.core.internal.rules;

import dev.bulwark.core.Component;
import dev.bulwark.core.Level;
import dev.bulwark.core.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * The one helper for detector tests: runs a detector on one value and lists, in report order, the
 * ids of the rules a level enables; checks every report points into the scanned text; builds scan
 * targets for each source.
 */
public final class Scans {

    /** Ordinary values every code-injection detector must leave alone. */
    public static final String[] ORDINARY_VALUES = {
        "O'Brien", "select your size", "1 or 2 items", "drop-down", "a=b&c=d", "<3", "I <3 pizza",
        "https://shop.example.com/search?q=oak+table&page=2#top", "http://localhost:8080/api/orders?status=open",
        "jane.doe+news@example.org", "550e8400-e29b-41d4-a716-446655440000", "2024-02-29", "+44 (20) 7946 0958",
        "Price: $5 + tax", "only $19.99 (incl. VAT)", "Hello {{name}}", "${name}", "Total: ${5}",
        "{\"id\":7,\"tags\":[\"a\",\"b\"],\"nested\":{\"ok\":true}}", "[[1,2],[3,4]]", "[[Main Page]]",
        "quarterly report (final).pdf", "holiday photo 2.jpg",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "en-GB,en;q=0.9",
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwibmFtZSI6IkphbmUifQ.c2lnbmF0dXJlLWJ5dGVz",
        "How do I convert a java.lang.String to an int?", "Operating system (OS) requirements",
        "Use `git status` to check", "Markdown: [docs](https://example.com/docs) and **bold**",
        "Q: what is 7 times 7? A: 49", "50% off {sale}", "Fri, 02 Feb 2024 10:00:00 GMT",
    };

    private Scans() {
    }

    /** Rules a query value triggers at the default level. */
    public static List<String> value(Detector detector, String text) {
        return at(Level.STANDARD, detector, query(text));
    }

    public static List<String> value(Detector detector, String text, Level level) {
        return at(level, detector, query(text));
    }

    public static List<String> standard(Detector detector, String value) {
        return at(Level.STANDARD, detector, query(value));
    }

    public static List<String> basic(Detector detector, String value) {
        return at(Level.BASIC, detector, query(value));
    }

    public static List<String> strict(Detector detector, String value) {
        return at(Level.STRICT, detector, query(value));
    }

    /** Rules a query parameter name triggers at the default level. */
    public static List<String> name(Detector detector, String text) {
        return at(Level.STANDARD, detector, queryName(text));
    }

    public static List<String> json(Detector detector, String text) {
        return at(Level.STANDARD, detector, json("/field", text));
    }

    public static List<String> fileName(Detector detector, String text) {
        return at(Level.STANDARD, detector, fileName(text));
    }

    public static List<String> header(Detector detector, String headerName, String text) {
        return at(Level.STANDARD, detector, header(headerName, text));
    }

    public static List<String> pathSegment(Detector detector, String text) {
        return at(Level.STANDARD, detector, pathSegment(text));
    }

    public static List<String> standard(Detector detector, ScanTarget target) {
        return at(Level.STANDARD, detector, target);
    }

    public static List<String> at(Level level, Detector detector, ScanTarget target) {
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

    public static ScanTarget query(String value) {
        return ScanTarget.queryValue(value);
    }

    public static ScanTarget query(String name, String value) {
        return new ScanTarget(value, Source.QUERY, Component.VALUE, name);
    }

    public static ScanTarget queryName(String name) {
        return new ScanTarget(name, Source.QUERY, Component.NAME, name);
    }

    public static ScanTarget form(String name, String value) {
        return new ScanTarget(value, Source.FORM, Component.VALUE, name);
    }

    public static ScanTarget json(String pointer, String value) {
        return new ScanTarget(value, Source.JSON, Component.VALUE, pointer);
    }

    public static ScanTarget jsonKey(String key) {
        return new ScanTarget(key, Source.JSON, Component.NAME, "/" + key);
    }

    public static ScanTarget header(String name, String value) {
        return new ScanTarget(value, Source.HEADER, Component.VALUE, name);
    }

    public static ScanTarget cookie(String name, String value) {
        return new ScanTarget(value, Source.COOKIE, Component.VALUE, name);
    }

    public static ScanTarget path(String path) {
        return new ScanTarget(path, Source.PATH, Component.VALUE, "");
    }

    public static ScanTarget pathSegment(String segment) {
        return new ScanTarget(segment, Source.PATH_SEGMENT, Component.VALUE, "");
    }

    public static ScanTarget pathParameter(String parameter) {
        return new ScanTarget(parameter, Source.PATH_PARAMETER, Component.VALUE, "0");
    }

    public static ScanTarget fileName(String name) {
        return new ScanTarget(name, Source.MULTIPART, Component.FILENAME, "file");
    }

    public static ScanTarget xml(String value) {
        return new ScanTarget(value, Source.XML, Component.VALUE, "a");
    }

    /** {@code unit} repeated until the text is one MiB long. */
    public static String mebibyteOf(String unit) {
        StringBuilder builder = new StringBuilder(1 << 20);
        while (builder.length() < (1 << 20)) {
            builder.append(unit);
        }
        return builder.toString();
    }
}
