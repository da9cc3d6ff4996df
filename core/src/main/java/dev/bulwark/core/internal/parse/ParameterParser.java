package dev.bulwark.core.internal.parse;

import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.Limits;
import dev.bulwark.core.internal.decode.DecodedText;
import dev.bulwark.core.internal.decode.PercentDecoder;
import dev.bulwark.core.internal.rules.FormPairs;
import java.util.Objects;

/**
 * Parses {@code application/x-www-form-urlencoded} data: query strings ({@link Source#QUERY}) and
 * form bodies ({@link Source#FORM}).
 *
 * <p>Pairs are split as {@link FormPairs} says: by {@code &} only (not {@code ;}), empty pairs
 * skipped, the first {@code =} splitting name from value; a pair without {@code =} is a name with
 * the empty value. Name and value are percent-decoded with plus-as-space. For each pair the parser
 * emits the name ({@code NAME}) and then the value ({@code VALUE}), both located by the decoded
 * name, with the raw (still encoded) text, the decoded text and the decoding flags.
 *
 * <p>Enforces {@code parameters.name-length} and {@code parameters.value-length} on the decoded
 * lengths (400). The number of parameters is counted by the sink, across query and form; this
 * parser streams and holds no more than one pair at a time. Immutable and thread-safe.
 */
public final class ParameterParser {

    private final Limits limits;
    private final PercentDecoder decoder;

    public ParameterParser(Limits limits, PercentDecoder decoder) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    /**
     * Parses {@code text} (without a leading {@code ?}) and emits its parameters to {@code sink}.
     * Works on a string (every caller has one; other text is copied once), split into pairs by
     * {@link FormPairs}: linear in all.
     *
     * @param source {@link Source#QUERY} or {@link Source#FORM}
     */
    public void parse(CharSequence text, Source source, ValueSink sink) throws LimitExceededException {
        Objects.requireNonNull(source, "source");
        String raw = text.toString();
        FormPairs pairs = new FormPairs(raw);
        while (pairs.next()) {
            // A plain name seen before is taken from PlainNames, neither cut out nor decoded again.
            PlainNames.Entry plain = PlainNames.find(source, raw, pairs.start(), pairs.nameEnd());
            String rawName = plain != null ? plain.name : raw.substring(pairs.start(), pairs.nameEnd());
            String rawValue = raw.substring(pairs.valueStart(), pairs.end());
            emit(plain, rawName, rawValue, source, sink);
        }
    }

    /** Emits one pair; {@code plain} is the name's entry in {@link PlainNames}, or {@code null}. */
    private void emit(PlainNames.Entry plain, String rawName, String rawValue, Source source, ValueSink sink)
            throws LimitExceededException {
        DecodedText name = plain != null ? null : decoder.decode(rawName, true);
        String nameText = plain != null ? plain.name : name.text();
        if (nameText.length() > limits.parameterNameLength()) {
            throw new LimitExceededException("parameters.name-length",
                    Location.name(source, Names.shorten(nameText)), limits.parameterNameLength(), 400);
        }
        PlainNames.Entry entry = Names.plainEntry(source, plain, rawName, name);
        Location valueLocation = Names.valueLocation(source, entry, nameText);
        RequestValue value = decoder.decodeValue(valueLocation, rawValue, true);
        if (value.decoded().length() > limits.parameterValueLength()) {
            throw new LimitExceededException("parameters.value-length", valueLocation, limits.parameterValueLength(),
                    400);
        }
        Names.emitName(sink, source, entry, rawName, name);
        sink.accept(value);
    }
}
