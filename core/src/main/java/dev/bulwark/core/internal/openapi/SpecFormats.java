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
                new NodeFormat("uri", SpecFormats::isUriReference));
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
