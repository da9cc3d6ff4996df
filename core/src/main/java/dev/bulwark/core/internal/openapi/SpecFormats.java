package dev.bulwark.core.internal.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.format.Format;
import dev.bulwark.core.internal.rules.Ascii;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.function.Predicate;

/**
 * The formats swagger-request-validator adds to JSON Schema draft 4 for OpenAPI (its
 * {@code SwaggerV20Library}), and draft 4's {@code uri}, checked as it checks them, so that a body
 * fails where it failed before: {@code int32} and {@code int64} on integers (range),
 * {@code float} and {@code double} on other numbers (the value survives the conversion),
 * {@code byte} (base64: length a multiple of 4, the alphabet, at most two {@code =} at the end),
 * and {@code uri} (any URI reference, relative ones included). Each check is one pass over the value.
 *
 * <p>Also {@code date} as the OpenAPI 3.0 dialect already judges it ({@code DateFormat}:
 * {@code LocalDate.parse} strictly, then a year from 0 to 9999), read digit by digit instead of
 * through {@code java.time}'s parser, which cost more than the rest of a small body's check.
 */
final class SpecFormats {

    private SpecFormats() {
    }

    static List<Format> all() {
        return List.of(
                new NodeFormat("int32", value -> !value.isIntegralNumber() || value.canConvertToInt()),
                new NodeFormat("int64", value -> !value.isIntegralNumber() || value.canConvertToLong()),
                new NodeFormat("float", SpecFormats::isFloat),
                new NodeFormat("double", SpecFormats::isDouble),
                new NodeFormat("byte", SpecFormats::isBase64),
                new NodeFormat("uri", SpecFormats::isUriReference),
                new IsoDateFormat());
    }

    /**
     * The dialect's {@code date} under its own name and message, answering as it answers; the
     * dialect's builder keeps formats by name, so this one takes the place of networknt's.
     */
    private static final class IsoDateFormat implements Format {
        @Override
        public String getName() {
            return "date";
        }

        @Override
        public String getMessageKey() {
            return "format.date";
        }

        @Override
        public boolean matches(ExecutionContext context, String value) {
            return isDate(value);
        }
    }

    /**
     * What {@code LocalDate.parse} accepts with a year from 0 to 9999: {@code yyyy-MM-dd} in ASCII
     * digits, the year in four digits without a sign or in five to ten after a {@code +} (leading
     * zeros then), a month from 1 to 12 and a day that exists in that month of the proleptic
     * Gregorian year (year 0 is a leap year). A {@code -} before the year means a negative year, or
     * a negative zero, which is refused either way.
     */
    static boolean isDate(String text) {
        boolean signed = !text.isEmpty() && text.charAt(0) == '+';
        int start = signed ? 1 : 0;
        int end = start;
        while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
            end++;
        }
        int width = end - start;
        if (signed ? width < 5 || width > 10 : width != 4) {
            return false;
        }
        if (text.length() != end + 6 || text.charAt(end) != '-' || text.charAt(end + 3) != '-') {
            return false;
        }
        long year = 0;
        for (int i = start; i < end; i++) {
            year = year * 10 + (text.charAt(i) - '0');
        }
        int month = digits(text, end + 1, end + 3);
        int day = digits(text, end + 4, end + 6);
        if (year > 9999 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        return day <= daysIn(month, (int) year);
    }

    /** The number in {@code text} from {@code start} to {@code end}, all ASCII digits, or -1. */
    private static int digits(String text, int start, int end) {
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysIn(int month, int year) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** A format judged on the JSON node alone; values of other types pass, as the validator lets them. */
    private record NodeFormat(String name, Predicate<JsonNode> check) implements Format {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean matches(ExecutionContext context, SchemaContext schemaContext, JsonNode value) {
            return check.test(value);
        }
    }

    private static boolean isFloat(JsonNode value) {
        if (!value.isNumber() || value.isIntegralNumber()) {
            return true;
        }
        return String.valueOf(value.decimalValue()).equals(String.valueOf(value.floatValue()));
    }

    private static boolean isDouble(JsonNode value) {
        if (!value.isNumber() || value.isIntegralNumber()) {
            return true;
        }
        if (value.isDouble() && Double.isNaN(value.doubleValue())) {
            return false;
        }
        BigDecimal decimal = value.decimalValue();
        return decimal.compareTo(BigDecimal.valueOf(decimal.doubleValue())) == 0;
    }

    private static boolean isBase64(JsonNode value) {
        if (!value.isTextual()) {
            return true;
        }
        String text = value.textValue();
        int length = text.length();
        if (length % 4 != 0) {
            return false;
        }
        if (length > 0 && text.charAt(length - 1) == '=') {
            length -= length > 1 && text.charAt(length - 2) == '=' ? 2 : 1;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean inAlphabet = Ascii.isAlnum(c) || c == '+' || c == '/';
            if (!inAlphabet) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUriReference(JsonNode value) {
        if (!value.isTextual()) {
            return true;
        }
        try {
            new URI(value.textValue());
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
