package dev.bulwark.spring.internal;

import dev.bulwark.spring.BulwarkProperties;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.ConditionalGenericConverter;
import org.springframework.util.unit.DataSize;

/**
 * Lets {@code bulwark.*} properties be written as in Bulwark's YAML file: a plain string where a
 * matcher is expected means {@code exact}, {@code security-headers: true} or {@code false} means
 * its {@code enabled}, and sizes marked {@link BinaryDataSize} take the file's units. Registered
 * for configuration-properties binding only; it converts nothing else.
 */
public final class PropertiesConverter implements ConditionalGenericConverter {

    private static final Pattern SIZE = Pattern.compile("([+-]?\\d{1,18})\\s*([a-zA-Z]*)");

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(String.class, DataSize.class),
                new ConvertiblePair(String.class, BulwarkProperties.Matcher.class),
                new ConvertiblePair(String.class, BulwarkProperties.SecurityHeaders.class),
                new ConvertiblePair(Boolean.class, BulwarkProperties.SecurityHeaders.class));
    }

    @Override
    public boolean matches(TypeDescriptor sourceType, TypeDescriptor targetType) {
        return targetType.getType() != DataSize.class || targetType.hasAnnotation(BinaryDataSize.class);
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null) {
            return null;
        }
        String text = source.toString();
        if (targetType.getType() == BulwarkProperties.Matcher.class) {
            return BulwarkProperties.Matcher.exact(text);
        }
        if (targetType.getType() == BulwarkProperties.SecurityHeaders.class) {
            return securityHeaders(text);
        }
        return dataSize(text);
    }

    /** {@code security-headers: true} or {@code false}: all default headers, or none. */
    static BulwarkProperties.SecurityHeaders securityHeaders(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("'" + text + "' is not true or false; set single headers as "
                    + "security-headers.<header-name>, e.g. security-headers.x-frame-options");
        }
        BulwarkProperties.SecurityHeaders headers = new BulwarkProperties.SecurityHeaders();
        headers.setEnabled(value.equals("true"));
        return headers;
    }

    /** Parses a size: a number of bytes, or a number with B, K, KB, KiB, M, MB, MiB, G, GB, GiB, TB. */
    static DataSize dataSize(String text) {
        Matcher matcher = SIZE.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size such as 1MiB or 512KB");
        }
        long number = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2).toUpperCase(Locale.ROOT);
        return switch (unit) {
            case "", "B" -> DataSize.ofBytes(number);
            case "K", "KB", "KIB" -> DataSize.ofKilobytes(number);
            case "M", "MB", "MIB" -> DataSize.ofMegabytes(number);
            case "G", "GB", "GIB" -> DataSize.ofGigabytes(number);
            case "T", "TB", "TIB" -> DataSize.ofTerabytes(number);
            default -> throw new IllegalArgumentException("unknown size unit '" + matcher.group(2)
                    + "' in '" + text + "' (use B, KiB, MiB or GiB)");
        };
    }
}
