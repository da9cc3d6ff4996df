package dev.bulwark.core.internal.parse;

import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.Limits;
import dev.bulwark.core.internal.decode.DecodedText;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses an XML body with the JDK's StAX parser and emits, as {@link Source#XML} values named by a
 * simple element path such as {@code /order/item/name}:
 * <ul>
 *   <li>each element name ({@code NAME}, at the element's path);</li>
 *   <li>each attribute, including namespace declarations, as its name ({@code NAME}) and value
 *       ({@code VALUE}) at {@code path/@name} (e.g. {@code /order/@id}, {@code /order/@xmlns:p});</li>
 *   <li>the text of each element ({@code VALUE}, at the element's path), with CDATA sections and
 *       the text around comments and processing instructions joined, because the application sees
 *       it joined ({@code uni<!---->on} is {@code union}); whitespace-only text is skipped;</li>
 *   <li>each processing instruction: the target ({@code NAME}) and the data ({@code VALUE}) at
 *       {@code path/?target}, because payloads hide there too.</li>
 * </ul>
 * Element and attribute names keep their prefix as written ({@code p:item}).
 *
 * <p>A DOCTYPE of any kind is rejected as malformed ({@code xml.doctype}): no entity is ever
 * declared, so entity expansion ("billion laughs") and external entities (XXE) cannot happen. On
 * top of that the factory supports no DTDs and no external entities, replaces no entity
 * references, may access no external DTD or schema, and resolves nothing.
 *
 * <p>Limits (400): {@code xml.depth}, {@code xml.elements}, and the length of one text or attribute
 * value, for which the JSON string limit {@code json.string-length} is reused (XML text plays the
 * role of a JSON string, and the parameter value limit is too small for documents).
 *
 * <p>The encoding is found from a byte order mark or the XML declaration (UTF-8 when neither says
 * otherwise) and the bytes are decoded strictly: bytes not valid in that encoding, overlong UTF-8
 * among them, and encodings the JDK does not know are {@code xml.encoding}. Anything else the
 * parser rejects is {@code xml.syntax}. Nesting is tracked in arrays, not by recursion.
 * Thread-safe.
 */
public final class XmlBodyParser {

    /** How many bytes are examined to find the encoding of the document. */
    private static final int SNIFF_LENGTH = 512;

    private final Limits limits;
    private final XMLInputFactory factory;

    public XmlBodyParser(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        XMLInputFactory xml = XMLInputFactory.newDefaultFactory();
        xml.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xml.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        xml.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        xml.setProperty(XMLInputFactory.IS_COALESCING, true);
        xml.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        xml.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        xml.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        xml.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not resolved");
        });
        // The JDK's own depth limit stays just above ours, so that ours reports the place.
        trySetProperty(xml, "jdk.xml.maxElementDepth", String.valueOf(Math.min(Integer.MAX_VALUE - 1L, limits.xmlDepth() + 1L)));
        this.factory = xml;
    }

    private static void trySetProperty(XMLInputFactory factory, String name, Object value) {
        try {
            factory.setProperty(name, value);
        } catch (IllegalArgumentException e) {
            // Not this JDK's parser; our own limit still applies.
        }
    }

    /** Parses {@code body} (not closed) and emits its names, texts and values to {@code sink}. */
    public void parse(InputStream body, ValueSink sink) throws LimitExceededException, MalformedRequestException {
        XMLStreamReader reader;
        try {
            reader = factory.createXMLStreamReader(decoding(body));
        } catch (XMLStreamException | RuntimeException e) {
            throw new MalformedRequestException(reasonFor(e), Location.value(Source.XML, ""), describe(e));
        }
        try {
            new Run(reader, sink).parse();
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException | RuntimeException e) {
                // Nothing to release beyond the reader itself.
            }
        }
    }

    /** The state of one parse: the element path and the text gathered for the current element. */
    private final class Run {
        private final XMLStreamReader reader;
        private final ValueSink sink;
        private final StringBuilder path = new StringBuilder();
        private final StringBuilder text = new StringBuilder();
        private int[] pathLength = new int[16];
        private int depth;
        private int elements;

        Run(XMLStreamReader reader, ValueSink sink) {
            this.reader = reader;
            this.sink = Objects.requireNonNull(sink, "sink");
        }

        void parse() throws LimitExceededException, MalformedRequestException {
            while (true) {
                int event = next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> startElement();
                    case XMLStreamConstants.END_ELEMENT -> {
                        flushText();
                        depth--;
                        path.setLength(pathLength[depth]);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (depth > 0) {
                            appendText();
                        }
                    }
                    case XMLStreamConstants.PROCESSING_INSTRUCTION -> processingInstruction();
                    case XMLStreamConstants.DTD -> throw new MalformedRequestException("xml.doctype", here(),
                            "a DOCTYPE is not allowed");
                    case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION,
                            XMLStreamConstants.NOTATION_DECLARATION -> throw new MalformedRequestException(
                                    "xml.doctype", here(), "entities are not allowed");
                    case XMLStreamConstants.END_DOCUMENT -> {
                        return;
                    }
                    default -> {
                        // Comments, the XML declaration: nothing the application reads as data.
                    }
                }
            }
        }

        private int next() throws MalformedRequestException {
            try {
                if (!reader.hasNext()) {
                    return XMLStreamConstants.END_DOCUMENT;
                }
                return reader.next();
            } catch (XMLStreamException | RuntimeException e) {
                throw new MalformedRequestException(reasonFor(e), here(), describe(e));
            }
        }

        private void startElement() throws LimitExceededException, MalformedRequestException {
            flushText();
            if (++elements > limits.xmlElements()) {
                throw new LimitExceededException("xml.elements", here(), limits.xmlElements(), 400);
            }
            if (depth + 1 > limits.xmlDepth()) {
                throw new LimitExceededException("xml.depth", here(), limits.xmlDepth(), 400);
            }
            depth++;
            if (depth >= pathLength.length) {
                pathLength = Arrays.copyOf(pathLength, (int) Math.min(limits.xmlDepth() + 1L, 2L * pathLength.length));
            }
            pathLength[depth - 1] = path.length();
            String name = qualified(reader.getPrefix(), reader.getLocalName());
            path.append('/').append(name);
            String elementPath = path.toString();
            sink.accept(RequestValue.plain(Location.name(Source.XML, elementPath), name));

            for (int i = 0, n = reader.getNamespaceCount(); i < n; i++) {
                String prefix = reader.getNamespacePrefix(i);
                String uri = reader.getNamespaceURI(i);
                attribute(elementPath, prefix == null || prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix,
                        uri == null ? "" : uri);
            }
            for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
                attribute(elementPath, qualified(reader.getAttributePrefix(i), reader.getAttributeLocalName(i)),
                        reader.getAttributeValue(i));
            }
        }

        private void attribute(String elementPath, String name, String value) throws LimitExceededException {
            String attributePath = elementPath + "/@" + name;
            if (value.length() > limits.jsonStringLength()) {
                throw new LimitExceededException("json.string-length", Location.value(Source.XML, attributePath),
                        limits.jsonStringLength(), 400);
            }
            sink.accept(RequestValue.plain(Location.name(Source.XML, attributePath), name));
            sink.accept(scanned(Location.value(Source.XML, attributePath), value));
        }

        private void appendText() throws LimitExceededException {
            int length = reader.getTextLength();
            if ((long) text.length() + length > limits.jsonStringLength()) {
                throw new LimitExceededException("json.string-length", here(), limits.jsonStringLength(), 400);
            }
            text.append(reader.getTextCharacters(), reader.getTextStart(), length);
        }

        private void flushText() throws LimitExceededException {
            if (text.length() == 0) {
                return;
            }
            boolean blank = true;
            for (int i = 0; i < text.length() && blank; i++) {
                char c = text.charAt(i);
                blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
            }
            if (!blank) {
                sink.accept(scanned(here(), text.toString()));
            }
            text.setLength(0);
        }

        private void processingInstruction() throws LimitExceededException {
            String target = reader.getPITarget();
            String data = reader.getPIData();
            String piPath = path + "/?" + target;
            if (data != null && data.length() > limits.jsonStringLength()) {
                throw new LimitExceededException("json.string-length", Location.value(Source.XML, piPath),
                        limits.jsonStringLength(), 400);
            }
            sink.accept(RequestValue.plain(Location.name(Source.XML, piPath), target));
            sink.accept(scanned(Location.value(Source.XML, piPath), data == null ? "" : data));
        }

        private Location here() {
            return Location.value(Source.XML, path.toString());
        }
    }

    /**
     * A strict reader over {@code body} in the document's encoding, found as XML 1.0 Appendix F
     * says: a byte order mark, the pattern of {@code <?} in UTF-16, or the {@code encoding} of the
     * XML declaration; UTF-8 otherwise. Decoding here rather than in the parser makes bytes that
     * are not valid in that encoding (overlong UTF-8 among them) an {@code xml.encoding} error,
     * and keeps the JDK parser from printing its own report of them to standard error.
     */
    private static Reader decoding(InputStream body) throws MalformedRequestException {
        PushbackInputStream in = new PushbackInputStream(body, SNIFF_LENGTH);
        byte[] head = new byte[SNIFF_LENGTH];
        int read;
        try {
            read = in.readNBytes(head, 0, SNIFF_LENGTH);
        } catch (IOException e) {
            throw new MalformedRequestException("xml.read", Location.value(Source.XML, ""), String.valueOf(e));
        }
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (startsWith(head, read, 0xEF, 0xBB, 0xBF)) {
            skip = 3;
        } else if (startsWith(head, read, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (startsWith(head, read, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (startsWith(head, read, 0x00, '<', 0x00, '?')) {
            charset = StandardCharsets.UTF_16BE;
        } else if (startsWith(head, read, '<', 0x00, '?', 0x00)) {
            charset = StandardCharsets.UTF_16LE;
        } else {
            String declared = declaredEncoding(new String(head, 0, read, StandardCharsets.ISO_8859_1));
            if (declared != null) {
                try {
                    charset = Charset.forName(declared);
                } catch (IllegalArgumentException e) {
                    throw new MalformedRequestException("xml.encoding", Location.value(Source.XML, ""),
                            "unsupported encoding " + declared);
                }
            }
        }
        if (read > skip) {
            try {
                in.unread(head, skip, read - skip);
            } catch (IOException e) {
                throw new IllegalStateException("the pushback buffer holds what was read", e);
            }
        }
        return new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static boolean startsWith(byte[] head, int length, int... prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((head[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The {@code encoding} of an XML declaration at the start of {@code head}, or {@code null}. */
    static String declaredEncoding(String head) {
        if (!head.startsWith("<?xml")) {
            return null;
        }
        int end = head.indexOf("?>");
        String declaration = end < 0 ? head : head.substring(0, end);
        int at = declaration.indexOf("encoding");
        if (at < 0) {
            return null;
        }
        int i = at + "encoding".length();
        while (i < declaration.length() && isXmlSpace(declaration.charAt(i))) {
            i++;
        }
        if (i >= declaration.length() || declaration.charAt(i) != '=') {
            return null;
        }
        i++;
        while (i < declaration.length() && isXmlSpace(declaration.charAt(i))) {
            i++;
        }
        if (i >= declaration.length() || (declaration.charAt(i) != '"' && declaration.charAt(i) != '\'')) {
            return null;
        }
        int close = declaration.indexOf(declaration.charAt(i), i + 1);
        return close < 0 ? null : declaration.substring(i + 1, close);
    }

    private static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** {@code xml.encoding} when the bytes did not decode, {@code xml.syntax} otherwise. */
    private static String reasonFor(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CharacterCodingException) {
                return "xml.encoding";
            }
            if (cause instanceof XMLStreamException stream && stream.getNestedException() instanceof CharacterCodingException) {
                return "xml.encoding";
            }
        }
        return "xml.syntax";
    }

    private static String qualified(String prefix, String localName) {
        return prefix == null || prefix.isEmpty() ? localName : prefix + ':' + localName;
    }

    private static RequestValue scanned(Location location, String value) {
        return Names.value(location, value, DecodedText.scanned(value));
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.replace('\n', ' ');
    }
}
