package dev.bulwark.core.internal.parse;

import dev.bulwark.core.Component;
import dev.bulwark.core.DecodingFlag;
import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.Limits;
import dev.bulwark.core.internal.decode.DecodedText;
import dev.bulwark.core.internal.decode.PercentDecoder;
import dev.bulwark.core.internal.decode.Utf8;
import dev.bulwark.core.internal.rules.Ascii;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Parses a {@code multipart/form-data} body (RFC 7578, RFC 2046 section 5.1) directly over its
 * bytes and emits, as {@link Source#MULTIPART} values, for each part in order:
 * <ol>
 *   <li>the field name ({@code NAME}, located by the field name as sent);</li>
 *   <li>the file name from {@code filename} and from {@code filename*} (RFC 5987), when present
 *       ({@code FILENAME});</li>
 *   <li>every part header other than {@code Content-Disposition} ({@code VALUE}, located by
 *       {@code field:header-name} in lower case, e.g. {@code avatar:content-type});</li>
 *   <li>the content of a field ({@code VALUE}), in every charset a container may decode it with
 *       (see below), and of a file, decoded with the part's charset, else the charset its byte
 *       order mark names (a UTF-16 CSV), else UTF-8 (strictly: invalid bytes become U+FFFD flagged
 *       {@code INVALID_UTF8}), unless the file's bytes do not read as text in that charset
 *       ({@link ContentSniffer#looksTextual}). The declared type decides nothing: text is
 *       inspected whatever type it declares (a PHP script sent as
 *       {@code application/octet-stream}, or a script behind the eight bytes of a PNG signature,
 *       is text), and bytes that are not text are binary even when declared {@code text/plain}
 *       (returned as such; what text they hold is still emitted, without decoding flags, so that
 *       a script padded with binary junk is still found).
 *       A file read in a charset that does not read ASCII as ASCII (UTF-16) is also inspected as
 *       UTF-8 when its bytes are UTF-8 text, the reading of an application that ignores the
 *       label.</li>
 * </ol>
 * Binary files are not emitted; {@link #parse} returns them, named by their {@link BinaryFormat}
 * where it is known, so that the engine can apply the {@code uninspectable} policy or a route's
 * declared binary uploads to each.
 *
 * <p>A part is a file only if every supported servlet container (Jetty 12 ee10, Tomcat 11) and the
 * filter's replay of the parts treat it as one; when in doubt it is a field, whose content is a
 * parameter value under the field's name. That takes a non-empty {@code filename} parameter:
 * {@code filename*} alone does not make a file (Jetty ignores one it cannot decode, such as
 * {@code UTF-8'en'a}, and hands the part to {@code getParameter}), nor does {@code filename=""}.
 *
 * <p>A field is read in the part's own charset, or UTF-8 when it has none; then, when they differ,
 * also in the charset of the first {@code _charset_} field (Jetty, for fields without own
 * charset; fields before it are read again once the body is parsed), in the request's charset
 * (Jetty, Tomcat and the replay) and in UTF-8 (the replay's default). Each reading that yields
 * other text is emitted as another value at the same location.
 * Field and file names are percent-decoded for inspection ({@code decoded}; browsers encode
 * {@code "} as {@code %22}) and kept as sent in {@code raw}.
 *
 * <p>Limits: {@code multipart.parts} (400), {@code multipart.part-size} (413, headers and content
 * of one part), and, because multipart fields are parameters like form fields,
 * {@code parameters.name-length} on field names and {@code parameters.value-length} on the values
 * of fields that are not files (400).
 *
 * <p>Strict wherever parsers disagree, so that nothing can be smuggled past inspection:
 * <ul>
 *   <li>The boundary comes from the {@code boundary} parameter of a {@code multipart/form-data}
 *       content type (quoted or not, 1 to 70 characters of RFC 2046's {@code bchars}); anything
 *       else is {@code multipart.content-type} or {@code multipart.boundary}.</li>
 *   <li>Delimiters must be {@code CRLF--boundary} followed directly by CRLF, or by {@code --} for
 *       the closing one. Bare LF line ends and transport padding are refused: HTTP clients never
 *       send them, and parsers that accept them split the body differently from those that do
 *       not. Every occurrence of {@code --boundary} in the body must be such a delimiter: the
 *       boundary inside a part, in the preamble or in the epilogue is {@code multipart.delimiter}.
 *   </li>
 *   <li>The closing delimiter is required ({@code multipart.truncated}).</li>
 *   <li>Part headers end with CRLF; folded headers ({@code multipart.header-folding}), bare LF or
 *       CR, names that are not tokens, more than {@value #MAX_HEADERS_PER_PART} headers and a repeated
 *       {@code Content-Disposition}, {@code Content-Type} or {@code Content-Transfer-Encoding} are
 *       {@code multipart.header}.</li>
 *   <li>{@code Content-Disposition} must be {@code form-data} with a {@code name}; a repeated
 *       parameter, whitespace before a parameter's {@code =}, a backslash before a quote, starred
 *       parameters other than {@code filename*} (RFC 2231 continuations such as
 *       {@code filename*0}, and {@code name*}, which Tomcat reads), a name with leading or trailing
 *       whitespace (which both containers trim) and an RFC 2047 encoded word in a name or file
 *       name (which Tomcat decodes) are {@code multipart.disposition}: the name inspected must be
 *       the name the application gets. An undecodable {@code filename*} is
 *       {@code multipart.filename}.</li>
 *   <li>Nested multipart parts ({@code multipart.nested}) and transfer encodings other than
 *       {@code 7bit}, {@code 8bit} and {@code binary} ({@code multipart.transfer-encoding}) are
 *       refused: some applications decode them, and base64 would hide a payload.</li>
 *   <li>An unknown charset on a field or text file, in a {@code _charset_} field or on the request,
 *       a request charset that does not read ASCII as ASCII (UTF-16, UTF-32), and a
 *       {@code Content-Disposition} that is not ASCII under a request charset other than UTF-8
 *       (Tomcat decodes part headers with the request's charset, Jetty with UTF-8) are
 *       {@code multipart.charset}.</li>
 * </ul>
 *
 * <p>Time is linear in the body: delimiters are found in one forward scan with the
 * Knuth-Morris-Pratt automaton, so no input makes the scan revisit bytes. Immutable and
 * thread-safe.
 */
public final class MultipartParser {

    /** Most header fields one part may carry. */
    static final int MAX_HEADERS_PER_PART = 32;

    private static final int MAX_BOUNDARY_LENGTH = 70;
    /** Bytes of the body read at once while looking for delimiters. */
    private static final int CHUNK = 8192;
    private static final String BOUNDARY_CHARS = "'()+_,-./:=? ";
    /** The field whose value Jetty takes as the charset of the other fields (HTML 5, section 4.10.22.7). */
    private static final String FORM_CHARSET_FIELD = "_charset_";

    private final Limits limits;
    private final PercentDecoder decoder;

    public MultipartParser(Limits limits, PercentDecoder decoder) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    /**
     * Parses the remaining bytes of {@code body} (its position is left unchanged) as multipart data
     * framed by the boundary in {@code contentType}, and emits the parts' values to {@code sink}.
     *
     * @return the file parts of binary content, which were not inspected, in request order
     */
    public List<UninspectedContent> parse(ByteBuffer body, String contentType, ValueSink sink)
            throws LimitExceededException, MalformedRequestException {
        Objects.requireNonNull(sink, "sink");
        HeaderParameters.Parsed type = contentType(contentType);
        byte[] delimiter = ("--" + boundary(type)).getBytes(StandardCharsets.US_ASCII);
        FieldCharsets charsets = new FieldCharsets(requestCharset(type));
        List<UninspectedContent> binaryFiles = new ArrayList<>();
        int[] failure = failureFunction(delimiter);
        int base = body.position();
        int end = body.limit();
        int partStart = -1;
        int parts = 0;
        boolean closed = false;
        int matched = 0;
        int i = base;
        // The body is read in chunks, and between candidate delimiters only the first delimiter byte
        // is looked for: most of a file's bytes are passed over by a tight loop.
        byte[] chunk = new byte[Math.min(CHUNK, Math.max(1, end - base))];
        int chunkStart = base;
        int chunkEnd = base;
        byte first = delimiter[0];
        while (i < end) {
            if (i >= chunkEnd) {
                chunkStart = i;
                int length = Math.min(chunk.length, end - i);
                body.get(i, chunk, 0, length);
                chunkEnd = i + length;
            }
            if (matched == 0) {
                int k = i - chunkStart;
                int limit = chunkEnd - chunkStart;
                while (k < limit && chunk[k] != first) {
                    k++;
                }
                i = chunkStart + k;
                if (i >= chunkEnd) {
                    continue;
                }
            }
            byte b = chunk[i - chunkStart];
            i++;
            while (matched > 0 && b != delimiter[matched]) {
                matched = failure[matched - 1];
            }
            if (b == delimiter[matched]) {
                matched++;
            }
            if (matched < delimiter.length) {
                continue;
            }
            matched = 0;
            int at = i - delimiter.length;
            if (closed) {
                throw malformed("multipart.delimiter", "the boundary appears after the closing delimiter");
            }
            boolean atLineStart = (at == base && partStart < 0)
                    || (at - base >= 2 && body.get(at - 2) == '\r' && body.get(at - 1) == '\n');
            if (!atLineStart) {
                throw malformed("multipart.delimiter", "the boundary appears inside content at byte " + (at - base));
            }
            int next = i;
            boolean closing = next + 1 < end && body.get(next) == '-' && body.get(next + 1) == '-';
            if (closing) {
                next += 2;
                if (next < end && !(next + 1 < end && body.get(next) == '\r' && body.get(next + 1) == '\n')) {
                    throw malformed("multipart.delimiter", "the closing delimiter is not followed by CRLF");
                }
            } else {
                if (next + 1 >= end) {
                    throw malformed("multipart.truncated", "the body ends in a delimiter");
                }
                if (body.get(next) != '\r' || body.get(next + 1) != '\n') {
                    throw malformed("multipart.delimiter", "a delimiter is not followed by CRLF");
                }
                next += 2;
            }
            if (partStart >= 0) {
                if (at - 2 < partStart) {
                    throw malformed("multipart.header", "a part is empty, without even headers");
                }
                part(body, partStart, at - 2, sink, charsets, binaryFiles);
            }
            if (closing) {
                closed = true;
            } else {
                if (++parts > limits.multipartParts()) {
                    throw new LimitExceededException("multipart.parts", Location.value(Source.MULTIPART, ""),
                            limits.multipartParts(), 400);
                }
                partStart = next;
            }
            i = next;
        }
        if (!closed) {
            throw malformed("multipart.truncated", partStart < 0 ? "no delimiter found" : "no closing delimiter");
        }
        readEarlierFieldsInFormCharset(body, charsets, sink);
        return binaryFiles;
    }

    /**
     * Reads the fields without own charset that came before the {@code _charset_} field in its
     * charset too, as Jetty does once it has seen every part.
     */
    private void readEarlierFieldsInFormCharset(ByteBuffer body, FieldCharsets charsets, ValueSink sink)
            throws LimitExceededException {
        if (charsets.form == null) {
            return;
        }
        for (FieldCharsets.Unlabelled field : charsets.beforeForm) {
            byte[] bytes = bytes(body, field.start(), field.end());
            DecodedText inForm = decode(bytes, charsets.form);
            boolean seen = false;
            for (Charset reading : charsets.readingsBeforeForm()) {
                seen |= decode(bytes, reading).text().equals(inForm.text());
            }
            if (!seen) {
                acceptField(field.fieldName(), inForm, sink);
            }
        }
    }

    /** The request's {@code Content-Type}, which must be {@code multipart/form-data}. */
    private static HeaderParameters.Parsed contentType(String contentType) throws MalformedRequestException {
        if (contentType == null) {
            throw malformed("multipart.content-type", "no Content-Type");
        }
        HeaderParameters.Parsed parsed = HeaderParameters.parse(contentType, "multipart.content-type", body());
        if (!parsed.value().equalsIgnoreCase("multipart/form-data")) {
            throw malformed("multipart.content-type", "not multipart/form-data: " + parsed.value());
        }
        return parsed;
    }

    /**
     * The {@code charset} of the request's content type, or {@code null}. Containers decode part
     * headers and fields with it, so it must read ASCII as ASCII (not UTF-16, for example).
     */
    private static Charset requestCharset(HeaderParameters.Parsed contentType) throws MalformedRequestException {
        String name = contentType.parameters().get("charset");
        if (name == null) {
            return null;
        }
        Charset charset = charset(name, body());
        if (!ContentSniffer.readsAsciiAsAscii(charset)) {
            throw malformed("multipart.charset", "request charset " + name + " does not read ASCII as ASCII");
        }
        return charset;
    }

    /** The boundary from the {@code Content-Type}, validated. */
    private static String boundary(HeaderParameters.Parsed contentType) throws MalformedRequestException {
        String boundary = contentType.parameters().get("boundary");
        if (boundary == null) {
            throw malformed("multipart.boundary", "no boundary parameter");
        }
        if (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY_LENGTH || boundary.endsWith(" ")) {
            throw malformed("multipart.boundary", "boundary must be 1 to 70 characters not ending in a space");
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || BOUNDARY_CHARS.indexOf(c) >= 0;
            if (!allowed) {
                throw malformed("multipart.boundary", "character not allowed in a boundary at " + i);
            }
        }
        return boundary;
    }

    /** The Knuth-Morris-Pratt failure function: longest proper border of each prefix. */
    private static int[] failureFunction(byte[] pattern) {
        int[] failure = new int[pattern.length];
        int k = 0;
        for (int i = 1; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = failure[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            failure[i] = k;
        }
        return failure;
    }

    /** One header line of a part. */
    private record PartHeader(String name, DecodedText value) {
    }

    /** Parses and emits the part in {@code [start, end)}. */
    private void part(ByteBuffer body, int start, int end, ValueSink sink, FieldCharsets charsets,
            List<UninspectedContent> binaryFiles)
            throws LimitExceededException, MalformedRequestException {
        List<PartHeader> headers = new ArrayList<>(4);
        int contentStart = headers(body, start, end, headers);

        PartHeader disposition = single(headers, "content-disposition");
        PartHeader type = single(headers, "content-type");
        PartHeader transferEncoding = single(headers, "content-transfer-encoding");
        if (disposition == null) {
            throw malformed("multipart.disposition", "a part has no Content-Disposition");
        }
        if (charsets.request != null && !charsets.request.equals(StandardCharsets.UTF_8)
                && !Ascii.isAscii(disposition.value().text())) {
            throw malformed("multipart.charset", "a part name or file name that is not ASCII, with request charset "
                    + charsets.request.name() + " (Tomcat decodes part headers with it, Jetty with UTF-8)");
        }
        HeaderParameters.Parsed parsedDisposition = HeaderParameters.parse(disposition.value().text(),
                "multipart.disposition", body());
        if (!parsedDisposition.value().equalsIgnoreCase("form-data")) {
            throw malformed("multipart.disposition", "disposition is not form-data: " + parsedDisposition.value());
        }
        Map<String, String> parameters = parsedDisposition.parameters();
        for (String parameter : parameters.keySet()) {
            if (parameter.indexOf('*') >= 0 && !parameter.equals("filename*")) {
                throw malformed("multipart.disposition", "parameter " + parameter + " is not allowed");
            }
        }
        String fieldName = parameters.get("name");
        if (fieldName == null) {
            throw malformed("multipart.disposition", "a part has no name");
        }
        if (!fieldName.isEmpty() && (fieldName.charAt(0) <= ' ' || fieldName.charAt(fieldName.length() - 1) <= ' ')) {
            throw malformed("multipart.disposition", "a part name starts or ends with whitespace, which containers trim");
        }
        String fileName = parameters.get("filename");
        String extendedFileName = parameters.get("filename*");
        if (hasEncodedWord(fieldName) || (fileName != null && hasEncodedWord(fileName))) {
            throw malformed("multipart.disposition", "an RFC 2047 encoded word in a part name or file name");
        }
        // A file only when every container sees one: not for filename* alone (Jetty ignores one it
        // cannot decode) nor for an empty file name.
        boolean file = fileName != null && !fileName.isEmpty();

        String mediaType = null;
        String charsetName = null;
        if (type != null) {
            HeaderParameters.Parsed parsedType = HeaderParameters.parse(type.value().text(), "multipart.header",
                    Location.value(Source.MULTIPART, fieldName + ":content-type"));
            mediaType = parsedType.value().toLowerCase(Locale.ROOT);
            charsetName = parsedType.parameters().get("charset");
            if (mediaType.startsWith("multipart/")) {
                throw malformed("multipart.nested", "nested multipart in " + fieldName);
            }
        }
        if (transferEncoding != null) {
            String encoding = transferEncoding.value().text().trim().toLowerCase(Locale.ROOT);
            if (!encoding.equals("7bit") && !encoding.equals("8bit") && !encoding.equals("binary")) {
                throw malformed("multipart.transfer-encoding", "transfer encoding " + encoding + " in " + fieldName);
            }
        }
        if (end - start > limits.multipartPartSize()) {
            throw new LimitExceededException("multipart.part-size",
                    Location.value(Source.MULTIPART, Names.shorten(fieldName)), limits.multipartPartSize(), 413);
        }

        DecodedText name = withFlags(decoder.decode(fieldName, false), disposition.value());
        if (name.text().length() > limits.parameterNameLength()) {
            throw new LimitExceededException("parameters.name-length",
                    Location.name(Source.MULTIPART, Names.shorten(fieldName)), limits.parameterNameLength(), 400);
        }
        sink.accept(Names.value(Location.name(Source.MULTIPART, fieldName), fieldName, name));
        Location fileLocation = new Location(Source.MULTIPART, fieldName, Component.FILENAME);
        if (fileName != null) {
            sink.accept(Names.value(fileLocation, fileName, withFlags(decoder.decode(fileName, false), disposition.value())));
        }
        if (extendedFileName != null) {
            sink.accept(Names.value(fileLocation, extendedFileName, extendedFileName(extendedFileName, fieldName)));
        }
        for (PartHeader header : headers) {
            if (!header.name().equals("content-disposition")) {
                Location location = Location.value(Source.MULTIPART, fieldName + ':' + header.name());
                sink.accept(Names.value(location, header.value().text(), header.value()));
            }
        }

        Location valueLocation = Location.value(Source.MULTIPART, fieldName);
        if (fieldName.equals(FORM_CHARSET_FIELD)) {
            charsets.formCharset(charset(new String(bytes(body, contentStart, end), StandardCharsets.UTF_8),
                    valueLocation));
        }
        if (!file) {
            Charset charset = charsetName == null ? null : charset(charsetName, valueLocation);
            List<Charset> readings = charsets.readingsOf(charset);
            byte[] bytes = bytes(body, contentStart, end);
            List<String> emitted = new ArrayList<>(readings.size());
            for (Charset reading : readings) {
                DecodedText content = decode(bytes, reading);
                if (!emitted.contains(content.text())) {
                    emitted.add(content.text());
                    acceptField(fieldName, content, sink);
                }
            }
            if (charset == null) {
                charsets.rememberUnlabelled(fieldName, contentStart, end);
            }
        } else {
            ByteBuffer content = body.slice(contentStart, end - contentStart);
            Charset charset = charsetName != null ? charset(charsetName, valueLocation) : fileCharset(content);
            boolean startsBinary = ContentSniffer.startsBinary(content, charset);
            byte[] bytes = startsBinary ? null : bytes(body, contentStart, end);
            DecodedText text = startsBinary ? null : decode(bytes, charset);
            if (startsBinary || !ContentSniffer.looksTextual(text.text())) {
                BinaryFormat format = BinaryFormat.detect(content);
                binaryFiles.add(new UninspectedContent(valueLocation, mediaType,
                        format == null ? "binary content" : format.description(), true));
                if (isTextType(mediaType)) {
                    acceptTextOfBinary(valueLocation, text != null ? text.text()
                            : new String(bytes(body, contentStart, end), charset), sink);
                }
                return;
            }
            sink.accept(Names.value(valueLocation, text.text(), text));
            if (!ContentSniffer.readsAsciiAsAscii(charset)) {
                acceptUtf8Reading(valueLocation, bytes, sink);
            }
        }
    }

    /**
     * Emits what text a file declared as text holds although its bytes are binary, without the
     * decoding flags: the attack detectors still see a script padded with binary junk, while the
     * bytes that do not decode are the {@code uninspectable} policy's to judge, not a
     * {@code PROTOCOL} finding.
     */
    private static void acceptTextOfBinary(Location location, String text, ValueSink sink)
            throws LimitExceededException {
        sink.accept(Names.value(location, text, new DecodedText(text, EnumSet.noneOf(DecodingFlag.class))));
    }

    /** Whether a media type declares text: {@code text/*}, JSON and XML. */
    private static boolean isTextType(String mediaType) {
        if (mediaType == null) {
            return false;
        }
        return mediaType.startsWith("text/") || mediaType.equals("application/json")
                || mediaType.equals("application/xml") || mediaType.endsWith("+json") || mediaType.endsWith("+xml");
    }

    /**
     * The charset of a file part without one: the one its byte order mark names (a UTF-16 CSV from
     * a spreadsheet), else UTF-8.
     */
    private static Charset fileCharset(ByteBuffer content) {
        Charset marked = ContentSniffer.byteOrderMark(content);
        return marked != null ? marked : StandardCharsets.UTF_8;
    }

    /**
     * Emits the UTF-8 reading of a file read in a charset that does not read ASCII as ASCII, when
     * that reading is text too: an application that ignores the label or the byte order mark
     * reads those bytes, and a UTF-8 payload behind a UTF-16 label must not pass as the CJK text
     * the label makes of it. Real UTF-16 text is half NUL bytes in UTF-8, not text, and is not
     * read again. The reading is lenient (no UTF-8 flags): it is a second opinion, not what the
     * client declared.
     */
    private static void acceptUtf8Reading(Location location, byte[] bytes, ValueSink sink)
            throws LimitExceededException {
        String utf8 = new String(bytes, StandardCharsets.UTF_8);
        if (ContentSniffer.looksTextual(utf8)) {
            sink.accept(Names.value(location, utf8, DecodedText.scanned(utf8)));
        }
    }

    /** Emits one reading of a field's content, a parameter value held to the parameter limits. */
    private void acceptField(String fieldName, DecodedText content, ValueSink sink) throws LimitExceededException {
        if (content.text().length() > limits.parameterValueLength()) {
            throw new LimitExceededException("parameters.value-length",
                    Location.value(Source.MULTIPART, fieldName), limits.parameterValueLength(), 400);
        }
        sink.accept(Names.value(Location.value(Source.MULTIPART, fieldName), content.text(), content));
    }

    /**
     * Whether {@code value} holds an RFC 2047 encoded word ({@code =?charset?B?...?=}), which
     * Tomcat decodes in part names and file names and Jetty does not.
     */
    private static boolean hasEncodedWord(String value) {
        int start = value.indexOf("=?");
        return start >= 0 && value.indexOf("?=", start + 2) >= 0;
    }

    /**
     * The charsets that decode the fields (parts without file name) of one body. The containers
     * differ: Jetty uses the part's own charset, else the value of the first {@code _charset_}
     * field, else the request's charset, else UTF-8; Tomcat and the filter's replay use the
     * request's charset (UTF-8 when there is none). Each field is inspected in every one of these
     * readings that differs, so that no charset hides a payload.
     */
    private static final class FieldCharsets {
        private static final List<Charset> UTF_8_ONLY = List.of(StandardCharsets.UTF_8);
        private final Charset request;
        private Charset form;
        /** Fields without own charset seen before the {@code _charset_} field: read again at the end. */
        private final List<Unlabelled> beforeForm = new ArrayList<>();

        private record Unlabelled(String fieldName, int start, int end) {
        }

        FieldCharsets(Charset request) {
            this.request = request;
        }

        void formCharset(Charset charset) {
            if (form == null) {
                form = charset;
            }
        }

        /**
         * The distinct charsets a field with this own charset ({@code null} when none) is read in,
         * first the parser's own; without any charset in the request, just UTF-8.
         */
        List<Charset> readingsOf(Charset own) {
            if (own == null && form == null && request == null) {
                return UTF_8_ONLY;
            }
            List<Charset> readings = new ArrayList<>(4);
            addDistinct(readings, own == null ? StandardCharsets.UTF_8 : own);
            if (own == null && form != null) {
                addDistinct(readings, form);
            }
            if (request != null) {
                addDistinct(readings, request);
            }
            addDistinct(readings, StandardCharsets.UTF_8);
            return readings;
        }

        private static void addDistinct(List<Charset> readings, Charset charset) {
            if (!readings.contains(charset)) {
                readings.add(charset);
            }
        }

        /** The charsets fields without own charset were read in before {@code _charset_} was seen. */
        List<Charset> readingsBeforeForm() {
            return request == null ? List.of(StandardCharsets.UTF_8) : List.of(StandardCharsets.UTF_8, request);
        }

        void rememberUnlabelled(String fieldName, int start, int end) {
            if (form == null) {
                beforeForm.add(new Unlabelled(fieldName, start, end));
            }
        }
    }

    /**
     * Reads the header lines of a part starting at {@code start} into {@code headers} and returns
     * where the content begins (after the empty line).
     */
    private static int headers(ByteBuffer body, int start, int end, List<PartHeader> headers)
            throws MalformedRequestException {
        int lineStart = start;
        while (true) {
            int cr = lineStart;
            while (cr < end && body.get(cr) != '\r' && body.get(cr) != '\n') {
                cr++;
            }
            if (cr >= end) {
                throw malformed("multipart.header", "part headers are not terminated by an empty line");
            }
            if (body.get(cr) == '\n' || cr + 1 >= end || body.get(cr + 1) != '\n') {
                throw malformed("multipart.header", "part header lines must end in CRLF");
            }
            if (cr == lineStart) {
                return cr + 2;
            }
            if (headers.size() >= MAX_HEADERS_PER_PART) {
                throw malformed("multipart.header", "more than " + MAX_HEADERS_PER_PART + " headers in a part");
            }
            byte first = body.get(lineStart);
            if (first == ' ' || first == '\t') {
                throw malformed("multipart.header-folding", "folded part header");
            }
            int colon = lineStart;
            while (colon < cr && body.get(colon) != ':') {
                if (!HeaderParameters.isTokenChar(body.get(colon) & 0xFF)) {
                    throw malformed("multipart.header", "part header name is not a token");
                }
                colon++;
            }
            if (colon == lineStart || colon >= cr) {
                throw malformed("multipart.header", "part header without name or colon");
            }
            String name = ascii(body, lineStart, colon).toLowerCase(Locale.ROOT);
            int valueStart = colon + 1;
            int valueEnd = cr;
            while (valueStart < valueEnd && isWhitespace(body.get(valueStart))) {
                valueStart++;
            }
            while (valueEnd > valueStart && isWhitespace(body.get(valueEnd - 1))) {
                valueEnd--;
            }
            headers.add(new PartHeader(name, Utf8.decode(bytes(body, valueStart, valueEnd), 0, valueEnd - valueStart)));
            lineStart = cr + 2;
        }
    }

    /** The only header of this name, or {@code null}; a repeated one is malformed. */
    private static PartHeader single(List<PartHeader> headers, String name) throws MalformedRequestException {
        PartHeader found = null;
        for (PartHeader header : headers) {
            if (header.name().equals(name)) {
                if (found != null) {
                    throw malformed("multipart.header", name + " repeated in a part");
                }
                found = header;
            }
        }
        return found;
    }

    /** Decodes an RFC 5987 {@code charset'language'percent-encoded} value. */
    private DecodedText extendedFileName(String value, String fieldName) throws MalformedRequestException {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            throw new MalformedRequestException("multipart.filename", Location.value(Source.MULTIPART, fieldName),
                    "filename* is not charset'language'value");
        }
        String charset = value.substring(0, first).toUpperCase(Locale.ROOT);
        String encoded = value.substring(second + 1);
        if (charset.equals("UTF-8")) {
            return decoder.decode(encoded, false);
        }
        if (charset.equals("ISO-8859-1")) {
            return DecodedText.scanned(latin1PercentDecode(encoded));
        }
        throw new MalformedRequestException("multipart.filename", Location.value(Source.MULTIPART, fieldName),
                "filename* charset must be UTF-8 or ISO-8859-1");
    }

    private static String latin1PercentDecode(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' && i + 2 < encoded.length()) {
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high >= 0 && low >= 0) {
                    out.append((char) (high << 4 | low));
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The content of a part decoded with {@code charset}: strictly when UTF-8. */
    private static DecodedText decode(byte[] bytes, Charset charset) {
        if (charset.equals(StandardCharsets.UTF_8)) {
            return Utf8.decode(bytes, 0, bytes.length);
        }
        return DecodedText.scanned(new String(bytes, charset));
    }

    /** The charset of this name; an unknown one is {@code multipart.charset}. */
    private static Charset charset(String name, Location location) throws MalformedRequestException {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new MalformedRequestException("multipart.charset", location, "unknown charset " + name);
        }
    }

    /** {@code decoded} with the flags of the header it came from added. */
    private static DecodedText withFlags(DecodedText decoded, DecodedText header) {
        if (header.flags().isEmpty()) {
            return decoded;
        }
        EnumSet<DecodingFlag> flags = EnumSet.copyOf(header.flags());
        flags.addAll(decoded.flags());
        return new DecodedText(decoded.text(), flags);
    }

    private static byte[] bytes(ByteBuffer body, int start, int end) {
        byte[] bytes = new byte[end - start];
        body.get(start, bytes, 0, bytes.length);
        return bytes;
    }

    private static String ascii(ByteBuffer body, int start, int end) {
        return new String(bytes(body, start, end), StandardCharsets.US_ASCII);
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }

    private static Location body() {
        return Location.value(Source.MULTIPART, "");
    }

    private static MalformedRequestException malformed(String reason, String detail) {
        return new MalformedRequestException(reason, body(), detail);
    }
}
