package dev.bulwark.servlet.internal;

import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parts of a {@code multipart/form-data} body the filter already read, so that
 * {@code getParts()} works for the application although the container's stream is consumed. The
 * body was inspected (and its syntax checked strictly) by the engine before this runs; this split
 * follows RFC 7578 with CRLF line ends and takes every byte of a part's content as sent.
 */
final class ReplayedParts {

    private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};
    /** Compiled once: {@code String.split} compiles a two-character separator on every call. */
    private static final Pattern LINE_END = Pattern.compile("\r\n", Pattern.LITERAL);

    private ReplayedParts() {
    }

    /** The boundary parameter of a multipart content type, or {@code null}. */
    static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : splitParameters(contentType)) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("boundary")) {
                String value = unquote(parameter.substring(equals + 1).trim());
                return value.isEmpty() || value.length() > 70 ? null : value;
            }
        }
        return null;
    }

    /**
     * Splits the body into parts.
     *
     * @throws IOException when the body is not a well-formed multipart body with this boundary
     */
    static List<Part> split(byte[] body, int length, String boundary) throws IOException {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int position = indexOf(body, length, delimiter, 0);
        if (position < 0) {
            throw new IOException("multipart body without its boundary");
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            int afterDelimiter = position + delimiter.length;
            if (afterDelimiter + 1 < length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
                return parts;
            }
            if (afterDelimiter + 1 >= length || body[afterDelimiter] != '\r' || body[afterDelimiter + 1] != '\n') {
                throw new IOException("malformed multipart delimiter line");
            }
            int headersStart = afterDelimiter + 2;
            int headersEnd = indexOf(body, length, HEADERS_END, headersStart - 2);
            if (headersEnd < 0) {
                throw new IOException("multipart part without the end of its headers");
            }
            Map<String, List<String>> headers = headers(body, headersStart, headersEnd);
            int contentStart = headersEnd + 4;
            int contentEnd = indexOf(body, length, nextDelimiter, contentStart);
            if (contentEnd < 0) {
                throw new IOException("multipart body without a closing delimiter");
            }
            parts.add(new ReplayedPart(headers, body, contentStart, contentEnd - contentStart));
            position = contentEnd + 2;
        }
    }

    private static Map<String, List<String>> headers(byte[] body, int from, int to) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String block = new String(body, from, Math.max(0, to - from), StandardCharsets.UTF_8);
        for (String line : LINE_END.split(block)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    /** The value of a parameter of a header such as Content-Disposition, unquoted; {@code null} when absent. */
    static String parameter(String header, String name) {
        if (header == null) {
            return null;
        }
        List<String> parameters = splitParameters(header);
        for (int i = 1; i < parameters.size(); i++) {
            String parameter = parameters.get(i);
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase(name)) {
                return unquote(parameter.substring(equals + 1).trim());
            }
        }
        return null;
    }

    /** Splits on semicolons outside quoted strings. */
    private static List<String> splitParameters(String header) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                parts.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().trim());
        return parts;
    }

    /**
     * An RFC 8187 {@code charset''percent-encoded} file name decoded, as Jetty and Tomcat present
     * it in preference to {@code filename}; {@code null} when absent or not decodable.
     */
    static String extendedFileName(String value) {
        if (value == null) {
            return null;
        }
        int quotes = value.indexOf("''");
        if (quotes <= 0) {
            return null;
        }
        try {
            Charset charset = Charset.forName(value.substring(0, quotes));
            return URLDecoder.decode(value.substring(quotes + 2), charset);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** Finds {@code needle} from {@code from}: at most 76 comparisons per position, as a boundary has at most 70 characters. */
    private static int indexOf(byte[] haystack, int length, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** One part, backed by the captured body bytes. */
    static final class ReplayedPart implements Part {
        private final Map<String, List<String>> headers;
        private final byte[] body;
        private final int offset;
        private final int length;
        private final String name;
        private final String fileName;

        ReplayedPart(Map<String, List<String>> headers, byte[] body, int offset, int length) {
            this.headers = headers;
            this.body = body;
            this.offset = offset;
            this.length = length;
            String disposition = getHeader("Content-Disposition");
            this.name = parameter(disposition, "name");
            String extended = extendedFileName(parameter(disposition, "filename*"));
            this.fileName = extended != null ? extended : parameter(disposition, "filename");
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(body, offset, length);
        }

        @Override
        public String getContentType() {
            return getHeader("Content-Type");
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getSubmittedFileName() {
            return fileName;
        }

        @Override
        public long getSize() {
            return length;
        }

        @Override
        public void write(String target) throws IOException {
            Path path = Path.of(target);
            if (!path.isAbsolute()) {
                path = Path.of(System.getProperty("java.io.tmpdir")).resolve(path);
            }
            try (var out = Files.newOutputStream(path)) {
                out.write(body, offset, length);
            }
        }

        @Override
        public void delete() {
            // Held in memory only; nothing to remove.
        }

        @Override
        public String getHeader(String headerName) {
            List<String> values = headers.get(headerName.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        @Override
        public Collection<String> getHeaders(String headerName) {
            List<String> values = headers.get(headerName.toLowerCase(Locale.ROOT));
            return values == null ? List.of() : List.copyOf(values);
        }

        @Override
        public Collection<String> getHeaderNames() {
            return List.copyOf(headers.keySet());
        }

        /** The content as text, for form fields. */
        String text(Charset charset) {
            return new String(body, offset, length, charset);
        }
    }
}
