package dev.bulwark.core.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Runs the streaming body parsers (JSON, XML) over text or bytes into a {@link CollectingSink}, and
 * checks the reason a parser gives for a malformed body, so that the parser tests read alike.
 */
final class BodyParsing {

    /** What {@link JsonBodyParser} and {@link XmlBodyParser} have in common: a body in, values to a sink. */
    @FunctionalInterface
    interface StreamParser {
        void parse(InputStream body, ValueSink sink) throws LimitExceededException, MalformedRequestException;
    }

    private BodyParsing() {
    }

    static CollectingSink parse(StreamParser parser, byte[] body) throws Exception {
        CollectingSink sink = new CollectingSink();
        parser.parse(new ByteArrayInputStream(body), sink);
        return sink;
    }

    /** Parses the text as UTF-8. */
    static CollectingSink parse(StreamParser parser, String body) throws Exception {
        return parse(parser, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Parsing the text as UTF-8, for {@code assertThatThrownBy}. */
    static ThrowingCallable parsing(StreamParser parser, String body) {
        return () -> parse(parser, body);
    }

    static ThrowingCallable parsing(StreamParser parser, byte[] body) {
        return () -> parse(parser, body);
    }

    static void assertMalformed(ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(MalformedRequestException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
