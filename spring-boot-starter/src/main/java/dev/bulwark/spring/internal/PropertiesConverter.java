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
 * matcher is expected means {@code exact}, and sizes marked {@link BinaryDataSize} take the file's
 * units. Registered for configuration-properties binding only; it converts nothing else.
 */
public final class PropertiesConverter implements ConditionalGenericConverter {

    private static final Pattern SIZE = Pattern.compile("([+-]?\\d{1,18})\\s*([a-zA-Z]*)");

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(String.class, DataSize.class),
                new ConvertiblePair(String.class, BulwarkProperties.Matcher.class));
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
        return dataSize(text);
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
