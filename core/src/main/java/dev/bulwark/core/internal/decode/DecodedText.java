package dev.bulwark.core.internal.decode;

import dev.bulwark.core.DecodingFlag;
import dev.bulwark.core.internal.rules.Surrogates;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A decoded value and what decoding found on the way.
 *
 * @param text the decoded text
 * @param flags the layers undone and the anomalies seen; unmodifiable
 */
public record DecodedText(String text, Set<DecodingFlag> flags) {

    public DecodedText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(flags, "flags");
        flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
    }

    /** Text that needed no decoding and carries no flags. */
    public static DecodedText of(String text) {
        return new DecodedText(text, Set.of());
    }

    /**
     * Text taken as it is, flagged only for the control characters it contains ({@code NUL_BYTE},
     * {@code CONTROL_CHARACTER}). For values that a parser already decoded, such as JSON strings.
     */
    public static DecodedText scanned(String text) {
        return withBits(text, FlagBits.controlCharacters(text));
    }

    /**
     * The flags {@link #scanned} would give {@code text}, without the {@code DecodedText}: for
     * parsers that emit many values (every key and string of a JSON body) and need only the flags.
     */
    public static Set<DecodingFlag> controlCharacterFlags(String text) {
        return FlagBits.toSet(FlagBits.controlCharacters(text));
    }

    /**
     * The flags {@link #controlCharacterFlags} gives a JSON string or key, or {@code null} when it
     * holds a UTF-16 surrogate that pairs with nothing ({@link Surrogates}). RFC 8259 leaves such a
     * string's meaning open, and parsers disagree on it: Jackson, Python and JavaScript keep the
     * lone surrogate, Go puts U+FFFD in its place, PHP and Rust's {@code serde_json} refuse the
     * document. One pass finds both.
     */
    public static Set<DecodingFlag> jsonTextFlags(String text) {
        int bits = FlagBits.controlCharacters(text);
        return (bits & FlagBits.UNPAIRED_SURROGATE) != 0 ? null : FlagBits.toSet(bits);
    }

    static DecodedText withBits(String text, int bits) {
        return new DecodedText(text, FlagBits.toSet(bits));
    }

    public boolean hasFlag(DecodingFlag flag) {
        return flags.contains(flag);
    }
}
