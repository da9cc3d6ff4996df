package dev.bulwark.servlet.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code application/x-www-form-urlencoded} data (query strings and form bodies) the way
 * servlet containers do: pairs split on raw {@code &}, name and value on the first raw {@code =},
 * {@code +} read as a space, {@code %XX} as a byte, and the bytes decoded in the given charset.
 *
 * <p>Lenient like a browser, not like a validator: a {@code %} without two hex digits stays as it
 * is and bytes that are not valid in the charset become U+FFFD. Judging such input is the engine's
 * job; this class only has to give the application what the container would have.
 */
public final class FormDecoder {

    private FormDecoder() {
    }

    /** Adds the pairs of a raw query string (percent-encoded UTF-8) to {@code into}. */
    public static void decodeQuery(String query, Map<String, List<String>> into) {
        if (query == null || query.isEmpty()) {
            return;
        }
        byte[] bytes = query.getBytes(StandardCharsets.UTF_8);
        decode(bytes, 0, bytes.length, StandardCharsets.UTF_8, into);
    }

    /** Adds the pairs of a form body to {@code into}. */
    public static void decode(byte[] body, int offset, int length, Charset charset, Map<String, List<String>> into) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i <= end; i++) {
            if (i == end || body[i] == '&') {
                pair(body, start, i, charset, into);
                start = i + 1;
            }
        }
    }

    /** Adds the pairs of a form body read from {@code in} to {@code into}, one pair in memory at a time. */
    public static void decode(InputStream in, Charset charset, Map<String, List<String>> into) throws IOException {
        ByteArrayOutputStream pair = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '&') {
                pair(pair.toByteArray(), 0, pair.size(), charset, into);
                pair.reset();
            } else {
                pair.write(b);
            }
        }
        pair(pair.toByteArray(), 0, pair.size(), charset, into);
    }

    /** Freezes decoded pairs into the shape of {@code ServletRequest.getParameterMap()}. */
    public static Map<String, String[]> toParameterMap(Map<String, List<String>> pairs) {
        Map<String, String[]> map = new LinkedHashMap<>(Math.max(4, pairs.size() * 2));
        pairs.forEach((name, values) -> map.put(name, values.toArray(new String[0])));
        return Collections.unmodifiableMap(map);
    }

    private static void pair(byte[] bytes, int start, int end, Charset charset, Map<String, List<String>> into) {
        if (start >= end) {
            return;
        }
        int equals = -1;
        for (int i = start; i < end; i++) {
            if (bytes[i] == '=') {
                equals = i;
                break;
            }
        }
        String name;
        String value;
        if (equals < 0) {
            name = unescape(bytes, start, end, charset);
            value = "";
        } else {
            name = unescape(bytes, start, equals, charset);
            value = unescape(bytes, equals + 1, end, charset);
        }
        into.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
    }

    private static String unescape(byte[] bytes, int start, int end, Charset charset) {
        byte[] out = null;
        int length = 0;
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            if (b == '+' || b == '%') {
                if (out == null) {
                    out = new byte[end - start];
                    System.arraycopy(bytes, start, out, 0, i - start);
                    length = i - start;
                }
                if (b == '+') {
                    out[length++] = ' ';
                    continue;
                }
                int high = i + 2 < end ? hex(bytes[i + 1]) : -1;
                int low = high >= 0 ? hex(bytes[i + 2]) : -1;
                if (low >= 0) {
                    out[length++] = (byte) (high << 4 | low);
                    i += 2;
                } else {
                    out[length++] = b;
                }
            } else if (out != null) {
                out[length++] = b;
            }
        }
        return out == null ? new String(bytes, start, end - start, charset) : new String(out, 0, length, charset);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
