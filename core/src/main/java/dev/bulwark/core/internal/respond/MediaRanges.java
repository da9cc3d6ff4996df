package dev.bulwark.core.internal.respond;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The media ranges of an {@code Accept} header (RFC 9110, section 12.5.1), for choosing among block
 * responses. Lenient: a range that cannot be read is skipped, and at most {@value #MAX_RANGES} are
 * read.
 */
public final class MediaRanges {

    public static final int MAX_RANGES = 64;

    /** One range: type and subtype in lower case ({@code *} for wildcards) and its quality. */
    public record Range(String type, String subtype, double quality) {
    }

    /** How well a media type is accepted: the quality of the most specific matching range. */
    public record Match(double quality, int specificity) {
        public static final Match NONE = new Match(0, 0);
    }

    private final List<Range> ranges;

    private MediaRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** The ranges of the joined {@code Accept} field values; empty when there is nothing usable. */
    public static MediaRanges parse(String accept) {
        List<Range> ranges = new ArrayList<>();
        if (accept == null) {
            return new MediaRanges(ranges);
        }
        for (String element : accept.split(",")) {
            if (ranges.size() == MAX_RANGES) {
                break;
            }
            String[] parts = element.split(";");
            String mediaRange = parts[0].trim().toLowerCase(Locale.ROOT);
            int slash = mediaRange.indexOf('/');
            if (slash <= 0 || slash == mediaRange.length() - 1) {
                continue;
            }
            String type = mediaRange.substring(0, slash);
            String subtype = mediaRange.substring(slash + 1);
            if (type.equals("*") && !subtype.equals("*")) {
                continue;
            }
            double quality = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                        && parameter.charAt(1) == '=') {
                    quality = quality(parameter.substring(2).trim());
                }
            }
            if (quality >= 0) {
                ranges.add(new Range(type, subtype, quality));
            }
        }
        return new MediaRanges(ranges);
    }

    /** Whether no range could be read (no preference stated). */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * How well {@code mediaType} (lower case, no parameters) is accepted. Specificity: 4 for the
     * exact type, 3 for {@code application/json} accepting a {@code +json} type, 2 for
     * {@code type/*}, 1 for {@code *}{@code /*}.
     */
    public Match match(String mediaType) {
        int slash = mediaType.indexOf('/');
        String type = mediaType.substring(0, slash);
        String subtype = mediaType.substring(slash + 1);
        Match best = Match.NONE;
        for (Range range : ranges) {
            int specificity;
            if (range.type().equals("*")) {
                specificity = 1;
            } else if (!range.type().equals(type)) {
                continue;
            } else if (range.subtype().equals(subtype)) {
                specificity = 4;
            } else if (range.subtype().equals("json") && subtype.endsWith("+json")) {
                specificity = 3;
            } else if (range.subtype().equals("*")) {
                specificity = 2;
            } else {
                continue;
            }
            if (specificity > best.specificity()) {
                best = new Match(range.quality(), specificity);
            }
        }
        return best;
    }

    private static double quality(String text) {
        if (text.isEmpty() || text.length() > 5) {
            return -1;
        }
        try {
            double value = Double.parseDouble(text);
            return value < 0 || value > 1 ? -1 : value;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
