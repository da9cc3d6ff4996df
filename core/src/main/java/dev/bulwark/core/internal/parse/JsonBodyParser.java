package dev.bulwark.core.internal.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.bulwark.core.DecodingFlag;
import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.Limits;
import dev.bulwark.core.internal.ClearingBufferPool;
import dev.bulwark.core.internal.decode.DecodedText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Parses a JSON body (RFC 8259) with Jackson's streaming parser, one token at a time, and emits
 * every object key ({@code NAME}) and every string value ({@code VALUE}) as a {@link Source#JSON}
 * value named by its JSON Pointer (RFC 6901, {@code ~0} and {@code ~1} escaped), e.g.
 * {@code /items/0/name}. Numbers, booleans and {@code null} are counted but not emitted.
 *
 * <p>Limits, all 400, each checked here so that the exception names the exact place:
 * {@code json.depth} (objects and arrays), {@code json.keys-per-object}, {@code json.elements}
 * (every value: scalars, objects and arrays), {@code json.key-length} and
 * {@code json.string-length} (numbers are bounded by the string length too). Jackson's own
 * {@link StreamReadConstraints} are set from the same limits as a backstop, and {@code body-size}
 * (413) bounds the document.
 *
 * <p>Strict where parsers disagree: a key repeated in one object is malformed
 * ({@code json.duplicate-key}), because some parsers keep the first and others the last value;
 * content after the root value is malformed ({@code json.trailing}); the body must be UTF-8 (an
 * optional byte order mark is skipped), and bytes that are not UTF-8, including overlong forms and
 * encoded surrogates, are malformed ({@code json.encoding}) rather than read in some other way; so
 * is a string whose escapes leave a UTF-16 surrogate that pairs with nothing
 * (<code>"&#92;uD800"</code>, {@link #UNPAIRED_SURROGATE}), which parsers read in different ways
 * ({@link DecodedText#jsonTextFlags}). Jackson refuses such a key itself ({@code json.syntax}).
 * Anything else Jackson rejects is {@code json.syntax}. An empty body holds nothing to inspect and
 * is accepted.
 *
 * <p>Nesting is tracked in arrays that grow up to the depth limit, never by recursion. Thread-safe.
 */
public final class JsonBodyParser {

    private final Limits limits;
    private final JsonFactory factory;

    public JsonBodyParser(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(saturatedAdd(limits.jsonDepth(), 1))
                .maxStringLength(limits.jsonStringLength())
                .maxNumberLength(limits.jsonStringLength())
                // Longer than our own limit, so that our check (which knows the key) usually
                // fires first; Jackson's only stops absurdly long keys early.
                .maxNameLength((int) Math.min(Integer.MAX_VALUE, 4L * limits.jsonKeyLength()))
                .maxDocumentLength(limits.bodySize())
                .build();
        this.factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .recyclerPool(ClearingBufferPool.INSTANCE)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .build();
    }

    /** Parses {@code body} (not closed) and emits its keys and string values to {@code sink}. */
    public void parse(InputStream body, ValueSink sink) throws LimitExceededException, MalformedRequestException {
        byte[] bytes;
        try {
            bytes = body.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw new MalformedRequestException("json.read", Location.value(Source.JSON, ""), String.valueOf(e));
        }
        parse(ByteBuffer.wrap(bytes), sink);
    }

    /**
     * Parses the remaining bytes of {@code body} (its position is left unchanged) and emits its
     * keys and string values to {@code sink}; the body is read in place, not copied.
     */
    public void parse(ByteBuffer body, ValueSink sink) throws LimitExceededException, MalformedRequestException {
        new Run(sink).parse(body);
    }

    /**
     * Parses {@code length} characters of text already decoded, from {@code offset} (after one
     * byte order mark there, as a byte order mark is skipped in bytes): for documents cut from a
     * larger text, such as the lines of NDJSON, without copying each one.
     */
    public void parse(char[] text, int offset, int length, ValueSink sink)
            throws LimitExceededException, MalformedRequestException {
        int start = length > 0 && text[offset] == '\uFEFF' ? offset + 1 : offset;
        new Run(sink).parse(text, start, offset + length - start);
    }

    private static int saturatedAdd(int a, int b) {
        long sum = (long) a + b;
        return sum > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) sum;
    }

    /** Escapes a key for a JSON Pointer: {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    public static void appendPointerToken(StringBuilder pointer, String key) {
        pointer.append('/');
        if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
            pointer.append(key);
            return;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '~') {
                pointer.append("~0");
            } else if (c == '/') {
                pointer.append("~1");
            } else {
                pointer.append(c);
            }
        }
    }

    /** Each thread's buffer for the text of small bodies. */
    private static final ThreadLocal<DecodeBuffer> DECODE_BUFFERS = ThreadLocal.withInitial(DecodeBuffer::new);

    /**
     * A thread's buffer for the decoded text of a body of at most {@value #MAX_CHARS} bytes, reused
     * from request to request instead of a new array per body: a typical API body is decoded into
     * memory the thread has just used, and allocates nothing. Holds no body after its parse: the
     * characters written are cleared when the buffer is given back (Jackson reads the array in
     * place and keeps no reference to it; keys and values are strings of their own). While taken,
     * a nested parse on the same thread gets an array of its own.
     *
     * <p>Also the thread's decoders, and an array for the bytes of a body whose buffer hides
     * its array (or for each chunk of a larger body), both used only while one body is decoded,
     * which nothing on the thread interrupts; the bytes are cleared once decoded (a larger body's
     * when its parse ends). At most 24 KiB a thread.
     */
    private static final class DecodeBuffer {
        /** Longest body decoded into the reused buffer, in bytes (and so at most characters). */
        static final int MAX_CHARS = 8192;

        /** Reports, rather than replaces, what RFC 3629 refuses. */
        final StrictUtf8Decoder utf8 = new StrictUtf8Decoder();
        /** The bytes of a body whose buffer hides its array, or each chunk of a large body. */
        final byte[] bytes = new byte[MAX_CHARS];
        private char[] chars;

        /** {@code body}'s remaining bytes in an array, this buffer's when they fit; the body is not moved. */
        ByteBuffer copy(ByteBuffer body) {
            int length = body.remaining();
            byte[] copy = length <= bytes.length ? bytes : new byte[length];
            body.duplicate().get(copy, 0, length);
            return ByteBuffer.wrap(copy, 0, length);
        }

        /** Clears what {@link #copy} wrote into this buffer's bytes, once they are decoded. */
        void clearCopy(ByteBuffer copied) {
            if (copied.array() == bytes) {
                Arrays.fill(bytes, 0, copied.limit(), (byte) 0);
            }
        }

        /** An array of at least {@code length} characters, all zero; this buffer's when it is free and large enough. */
        char[] take(int length) {
            char[] free = chars;
            if (free == null || free.length < length) {
                return new char[length];
            }
            chars = null;
            return free;
        }

        /** Clears the first {@code written} characters of {@code text} and keeps it when it is the larger array. */
        void giveBack(char[] text, int written) {
            Arrays.fill(text, 0, written, '\0');
            if (chars == null || chars.length < text.length) {
                chars = text;
            }
        }
    }

    /**
     * The reason given for a string whose escapes leave a UTF-16 surrogate unpaired: the document
     * is JSON, but parsers read it in different ways, so a guess that a body is JSON does not just
     * turn out wrong on it, and the engine refuses a body that only looks like JSON for it too.
     */
    public static final String UNPAIRED_SURROGATE = "json.unpaired-surrogate";

    /** Keys of an object compared one by one before a hash set is worth its cost. */
    private static final int SMALL_OBJECT = 16;

    /**
     * The state of one parse: the stack of open containers and the current pointer. Pointers come
     * from {@link JsonPointers}: a key and its value share one, with its locations.
     */
    private final class Run {
        private final ValueSink sink;
        /** The pointer of the current key or value, or of the container just opened or closed. */
        private JsonPointers.Node current = JsonPointers.ROOT;
        private final int maxStack;
        private boolean[] isObject;
        private int[] memberCount;
        /** The pointer of each open container. */
        private JsonPointers.Node[] containers;
        /** Pointers looked up in {@link JsonPointers} so far, up to {@link JsonPointers#PER_DOCUMENT}. */
        private int lookups;
        /** The pointer of the last key or array element; null before the first. */
        private JsonPointers.Node lookedUp;
        private String[][] firstKeys;
        private Set<String>[] keys;
        private int depth;
        private int elements;

        Run(ValueSink sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
            this.maxStack = saturatedAdd(limits.jsonDepth(), 1);
            allocate(Math.min(maxStack, 16));
        }

        @SuppressWarnings("unchecked")
        private void allocate(int size) {
            isObject = isObject == null ? new boolean[size] : Arrays.copyOf(isObject, size);
            memberCount = memberCount == null ? new int[size] : Arrays.copyOf(memberCount, size);
            containers = containers == null ? new JsonPointers.Node[size] : Arrays.copyOf(containers, size);
            firstKeys = firstKeys == null ? new String[size][] : Arrays.copyOf(firstKeys, size);
            keys = keys == null ? new Set[size] : Arrays.copyOf(keys, size);
        }

        void parse(ByteBuffer body) throws LimitExceededException, MalformedRequestException {
            ByteBuffer in = body.duplicate();
            if (in.remaining() >= 3 && (in.get(in.position()) & 0xFF) == 0xEF
                    && (in.get(in.position() + 1) & 0xFF) == 0xBB && (in.get(in.position() + 2) & 0xFF) == 0xBF) {
                in.position(in.position() + 3);
            }
            int skipped = in.position() - body.position();
            DecodeBuffer buffer = DECODE_BUFFERS.get();
            if (in.remaining() > DecodeBuffer.MAX_CHARS) {
                parseLarge(in, buffer, skipped);
                return;
            }
            // A read-only buffer (HttpRequest.body()) hides its array, and the decoder then goes
            // character by character; one bulk copy lets it take its array loop, which passes
            // ASCII runs at once.
            ByteBuffer copied = in.hasArray() ? null : buffer.copy(in);
            if (copied != null) {
                in = copied;
            }
            // Where the body starts in the decoder's coordinates, for the offset of a malformed sequence.
            int start = in.position() - skipped;
            // One pass checks and decodes: the JDK's UTF-8 decoder, set to report rather than
            // replace, refuses what RFC 3629 refuses (StrictUtf8Decoder). Characters, not bytes, for
            // Jackson: its byte parser needs the shared symbol table, which field-name
            // canonicalisation (disabled) would fill with the keys clients send. UTF-8 never gives
            // more characters than bytes, and Jackson reads the array in place.
            int length = in.remaining();
            DecodeBuffer reused = length <= DecodeBuffer.MAX_CHARS ? buffer : null;
            char[] text = reused != null ? reused.take(length) : new char[length];
            CharBuffer out = CharBuffer.wrap(text);
            try {
                CoderResult result;
                try {
                    result = buffer.utf8.decode(in, out);
                } finally {
                    if (copied != null) {
                        buffer.clearCopy(copied);
                    }
                }
                if (result.isError()) {
                    throw new MalformedRequestException("json.encoding", here(),
                            "body is not UTF-8: malformed sequence at byte " + (in.position() - start));
                }
                parse(text, 0, out.position());
            } finally {
                if (reused != null) {
                    reused.giveBack(text, out.position());
                }
            }
        }

        /**
         * A body too large for the thread's buffer, decoded as Jackson reads it: neither its bytes
         * nor its characters are copied whole. A sequence that is not UTF-8 is found where the
         * parse reaches it, so what comes before it may already have been refused for something else.
         */
        private void parseLarge(ByteBuffer in, DecodeBuffer buffer, int skipped)
                throws LimitExceededException, MalformedRequestException {
            StrictUtf8Reader reader = new StrictUtf8Reader(in, skipped, buffer.utf8, buffer.bytes);
            try (reader; JsonParser parser = open(reader)) {
                parse(parser);
            } catch (IOException e) {
                // Only closing the parser can get here; it holds no resource worth failing for.
            }
        }

        private JsonParser open(StrictUtf8Reader reader) throws LimitExceededException, MalformedRequestException {
            try {
                return factory.createParser(reader);
            } catch (IOException | RuntimeException e) {
                throw translate(e);
            }
        }

        void parse(char[] text, int offset, int length) throws LimitExceededException, MalformedRequestException {
            try (JsonParser parser = open(text, offset, length)) {
                parse(parser);
            } catch (IOException e) {
                // Only closing the parser can get here; it holds no resource worth failing for.
            }
        }

        private void parse(JsonParser parser) throws LimitExceededException, MalformedRequestException {
            JsonToken token;
            while ((token = next(parser)) != null) {
                handle(parser, token);
                if (depth == 0) {
                    expectEnd(parser);
                    return;
                }
            }
            if (depth > 0) {
                throw new MalformedRequestException("json.syntax", here(), "unexpected end of input");
            }
        }

        private JsonParser open(char[] text, int offset, int length)
                throws LimitExceededException, MalformedRequestException {
            try {
                return factory.createParser(text, offset, length);
            } catch (IOException | RuntimeException e) {
                // A parser over an array checks the document length at once.
                throw translate(e);
            }
        }

        private void handle(JsonParser parser, JsonToken token)
                throws LimitExceededException, MalformedRequestException {
            switch (token) {
                case FIELD_NAME -> member(parser);
                case START_OBJECT, START_ARRAY -> open(token == JsonToken.START_OBJECT);
                case END_OBJECT, END_ARRAY -> {
                    current = containers[depth];
                    containers[depth] = null;
                    keys[depth] = null;
                    depth--;
                }
                case VALUE_STRING -> string(parser);
                default -> beforeValue();
            }
        }

        private void member(JsonParser parser) throws LimitExceededException, MalformedRequestException {
            String key = text(parser);
            int count = ++memberCount[depth];
            current = containers[depth];
            if (count > limits.jsonKeysPerObject()) {
                throw new LimitExceededException("json.keys-per-object", here(), limits.jsonKeysPerObject(), 400);
            }
            if (key.length() > limits.jsonKeyLength()) {
                StringBuilder pointer = new StringBuilder(current.pointer);
                appendPointerToken(pointer, Names.shorten(key));
                throw new LimitExceededException("json.key-length",
                        Location.name(Source.JSON, pointer.toString()), limits.jsonKeyLength(), 400);
            }
            current = JsonPointers.member(current, key, JsonPointers.mayKeep(current, key.length()) && lookUp(), lookedUp);
            lookedUp = current;
            // The pointer's key equals the one read, and is the same string in every document of this shape.
            String kept = current.key;
            if (isDuplicate(kept, count)) {
                throw new MalformedRequestException("json.duplicate-key", current.nameLocation,
                        "key repeated in one object");
            }
            sink.accept(new RequestValue(current.nameLocation, kept, kept, current.keyFlags));
        }

        /**
         * Whether {@code key}, the {@code count}th of the open object, was one of its keys before.
         * The first sixteen keys are compared one by one, in an array kept per depth
         * for the objects that follow; only a larger object gets a hash set.
         */
        private boolean isDuplicate(String key, int count) {
            if (count <= SMALL_OBJECT) {
                String[] first = firstKeys[depth];
                if (first == null) {
                    first = new String[SMALL_OBJECT];
                    firstKeys[depth] = first;
                }
                for (int i = 0; i < count - 1; i++) {
                    if (first[i].equals(key)) {
                        return true;
                    }
                }
                first[count - 1] = key;
                return false;
            }
            Set<String> seen = keys[depth];
            if (seen == null) {
                seen = new HashSet<>(Arrays.asList(firstKeys[depth]));
                keys[depth] = seen;
            }
            return !seen.add(key);
        }

        private void open(boolean object) throws LimitExceededException {
            beforeValue();
            if (depth + 1 > limits.jsonDepth()) {
                throw new LimitExceededException("json.depth", here(), limits.jsonDepth(), 400);
            }
            depth++;
            if (depth >= isObject.length) {
                allocate((int) Math.min(maxStack, 2L * isObject.length));
            }
            isObject[depth] = object;
            memberCount[depth] = 0;
            containers[depth] = current;
            keys[depth] = null;
        }

        private void string(JsonParser parser) throws LimitExceededException, MalformedRequestException {
            beforeValue();
            String value = text(parser);
            if (value.length() > limits.jsonStringLength()) {
                throw new LimitExceededException("json.string-length", here(), limits.jsonStringLength(), 400);
            }
            Set<DecodingFlag> flags = DecodedText.jsonTextFlags(value);
            if (flags == null) {
                throw new MalformedRequestException(UNPAIRED_SURROGATE, here(),
                        "escape of a UTF-16 surrogate that pairs with nothing");
            }
            sink.accept(new RequestValue(here(), value, value, flags));
        }

        /** Counts a value and, inside an array, points at its index. */
        private void beforeValue() throws LimitExceededException {
            if (depth > 0 && !isObject[depth]) {
                JsonPointers.Node array = containers[depth];
                current = JsonPointers.element(array, memberCount[depth]++, JsonPointers.mayKeep(array, 1) && lookUp(),
                        lookedUp);
                lookedUp = current;
            }
            if (++elements > limits.jsonElements()) {
                throw new LimitExceededException("json.elements", here(), limits.jsonElements(), 400);
            }
        }

        /** Whether the next pointer is looked up in {@link JsonPointers} rather than built. */
        private boolean lookUp() {
            if (lookups == JsonPointers.PER_DOCUMENT) {
                return false;
            }
            lookups++;
            return true;
        }

        private Location here() {
            return current.valueLocation;
        }

        private void expectEnd(JsonParser parser) throws MalformedRequestException {
            JsonToken extra;
            try {
                extra = parser.nextToken();
            } catch (StrictUtf8Reader.MalformedInput e) {
                throw notUtf8(e);
            } catch (IOException | RuntimeException e) {
                throw new MalformedRequestException("json.trailing", Location.value(Source.JSON, ""),
                        "content after the root value: " + describe(e));
            }
            if (extra != null) {
                throw new MalformedRequestException("json.trailing", Location.value(Source.JSON, ""),
                        "content after the root value");
            }
        }

        /** A sequence that is not UTF-8, found while Jackson read a large body. */
        private MalformedRequestException notUtf8(StrictUtf8Reader.MalformedInput malformed) {
            return new MalformedRequestException("json.encoding", JsonPointers.ROOT.valueLocation,
                    "body is not UTF-8: " + malformed.getMessage());
        }

        private JsonToken next(JsonParser parser) throws LimitExceededException, MalformedRequestException {
            try {
                return parser.nextToken();
            } catch (IOException | RuntimeException e) {
                throw translate(e);
            }
        }

        private String text(JsonParser parser) throws LimitExceededException, MalformedRequestException {
            try {
                return parser.getText();
            } catch (IOException | RuntimeException e) {
                throw translate(e);
            }
        }

        /**
         * Throws what Jackson threw as our exception; declared to return one
         * so that callers can write {@code throw translate(e)}.
         */
        private RuntimeException translate(Exception e) throws LimitExceededException, MalformedRequestException {
            Location location = here();
            if (e instanceof StrictUtf8Reader.MalformedInput malformed) {
                throw notUtf8(malformed);
            }
            if (e instanceof StreamConstraintsException constraint) {
                String message = String.valueOf(constraint.getOriginalMessage());
                if (message.startsWith("Document nesting depth")) {
                    throw new LimitExceededException("json.depth", location, limits.jsonDepth(), 400);
                }
                if (message.startsWith("Document length")) {
                    throw new LimitExceededException("body-size", Location.value(Source.JSON, ""),
                            limits.bodySize(), 413);
                }
                if (message.startsWith("Name length")) {
                    throw new LimitExceededException("json.key-length", Location.name(Source.JSON, current.pointer),
                            limits.jsonKeyLength(), 400);
                }
                if (message.startsWith("String value length") || message.startsWith("Number value length")) {
                    throw new LimitExceededException("json.string-length", location, limits.jsonStringLength(), 400);
                }
                throw new MalformedRequestException("json.syntax", location, message);
            }
            throw new MalformedRequestException("json.syntax", location, describe(e));
        }
    }

    private static String describe(Exception e) {
        if (e instanceof JsonProcessingException json) {
            return json.getOriginalMessage() + " at " + json.getLocation();
        }
        return String.valueOf(e);
    }
}
