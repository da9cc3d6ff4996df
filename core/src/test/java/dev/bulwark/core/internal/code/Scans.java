package dev.bulwark.core.internal.code;

import dev.bulwark.core.Component;
import dev.bulwark.core.Level;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.Detector;
import dev.bulwark.core.internal.rules.ScanTarget;
import java.util.LinkedHashSet;
import java.util.Set;

/** Runs a detector on one value and collects the ids of the rules a level enables. */
final class Scans {

    private Scans() {}

    static Set<String> rules(Detector detector, ScanTarget target, Level level) {
        Set<String> ids = new LinkedHashSet<>();
        detector.scan(target, (rule, offset, length) -> {
            if (offset < 0 || length < 0 || offset + length > target.text().length()) {
                throw new AssertionError("evidence outside the value: " + offset + "+" + length);
            }
            if (level.enables(rule.level())) {
                ids.add(rule.id());
            }
        });
        return ids;
    }

    /** Rules a query value triggers at the default level. */
    static Set<String> value(Detector detector, String text) {
        return rules(detector, ScanTarget.queryValue(text), Level.STANDARD);
    }

    static Set<String> value(Detector detector, String text, Level level) {
        return rules(detector, ScanTarget.queryValue(text), level);
    }

    /** Rules a parameter name triggers at the default level. */
    static Set<String> name(Detector detector, String text) {
        return rules(detector, new ScanTarget(text, Source.QUERY, Component.NAME, text), Level.STANDARD);
    }

    static Set<String> json(Detector detector, String text) {
        return rules(detector, new ScanTarget(text, Source.JSON, Component.VALUE, "/field"), Level.STANDARD);
    }

    static Set<String> fileName(Detector detector, String text) {
        return rules(detector, new ScanTarget(text, Source.MULTIPART, Component.FILENAME, "upload"), Level.STANDARD);
    }

    static Set<String> header(Detector detector, String headerName, String text) {
        return rules(detector, new ScanTarget(text, Source.HEADER, Component.VALUE, headerName), Level.STANDARD);
    }

    static Set<String> pathSegment(Detector detector, String text) {
        return rules(detector, new ScanTarget(text, Source.PATH_SEGMENT, Component.VALUE, ""), Level.STANDARD);
    }

    /** A value of about one MiB made of {@code unit} repeated. */
    static String repeated(String unit) {
        StringBuilder b = new StringBuilder(1 << 20);
        while (b.length() < (1 << 20)) {
            b.append(unit);
        }
        return b.toString();
    }

    /** Ordinary values every detector of this package must leave alone. */
    static final String[] ORDINARY_VALUES = {
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
}
