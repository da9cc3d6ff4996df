package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.format.DateFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpecFormatsTest {

    private static final DateFormat DIALECTS_DATE = new DateFormat();

    @Test
    void refusesDatesThatDoNotExistOrAreNotWrittenInFull() {
        assertThat(SpecFormats.isDate("2022-05-14")).isTrue();
        assertThat(SpecFormats.isDate("2000-02-29")).isTrue();
        assertThat(SpecFormats.isDate("1900-02-29")).isFalse();
        assertThat(SpecFormats.isDate("2023-04-31")).isFalse();
        assertThat(SpecFormats.isDate("2023-13-01")).isFalse();
        assertThat(SpecFormats.isDate("2023-1-01")).isFalse();
        assertThat(SpecFormats.isDate("+2023-01-01")).isFalse();
        assertThat(SpecFormats.isDate("+02023-01-01")).isTrue();
        assertThat(SpecFormats.isDate("+12023-01-01")).isFalse();
        assertThat(SpecFormats.isDate("-2023-01-01")).isFalse();
        assertThat(SpecFormats.isDate("12023-01-01")).isFalse();
        assertThat(SpecFormats.isDate("2023-01-01T00:00:00Z")).isFalse();
        assertThat(SpecFormats.isDate("２０２３-01-01")).isFalse();
    }

    @Test
    void judgesEveryDayOfTheEdgeYearsAsTheDialectDoes() {
        for (int year : new int[] {0, 1, 4, 100, 400, 1900, 1999, 2000, 2023, 2024, 9996, 9999}) {
            for (int month = 0; month <= 19; month++) {
                for (int day = 0; day <= 39; day++) {
                    String date = "%04d-%02d-%02d".formatted(year, month, day);
                    for (String sign : new String[] {"", "+", "-", "+0", "-0", "+00000", "+000000", "0"}) {
                        assertSameVerdict(sign + date);
                    }
                }
            }
        }
    }

    @Test
    void judgesRandomTextNearDatesAsTheDialectDoes() {
        Random random = new Random(12);
        String alphabet = "0123456789-+ T:Z/x\u0663\uff10";
        for (int i = 0; i < 200_000; i++) {
            assertSameVerdict(mutated(random, alphabet));
        }
    }

    /** A valid or nearly valid date with a few characters changed, inserted or removed. */
    private static String mutated(Random random, String alphabet) {
        String date = "%04d-%02d-%02d".formatted(random.nextInt(10_000), 1 + random.nextInt(12), 1 + random.nextInt(31));
        List<Character> chars = new ArrayList<>();
        String[] prefixes = {"", "", "", "", "+", "+0", "+1", "-", "+00000"};
        for (char c : (prefixes[random.nextInt(prefixes.length)] + date).toCharArray()) {
            chars.add(c);
        }
        for (int edits = random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(chars.size() + 1);
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            switch (random.nextInt(3)) {
                case 0 -> chars.add(at, c);
                case 1 -> {
                    if (at < chars.size()) {
                        chars.set(at, c);
                    }
                }
                default -> {
                    if (at < chars.size()) {
                        chars.remove(at);
                    }
                }
            }
        }
        StringBuilder text = new StringBuilder();
        chars.forEach(text::append);
        return text.toString();
    }

    private static void assertSameVerdict(String text) {
        assertThat(SpecFormats.isDate(text)).as(text).isEqualTo(DIALECTS_DATE.matches(null, text));
    }
}
