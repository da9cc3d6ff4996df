package dev.bulwark.servlet.internal;

import dev.bulwark.core.ResponseHeaderPolicy;
import dev.bulwark.core.ResponseHeaderPolicy.SecurityHeader;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Writes a {@link ResponseHeaderPolicy} onto servlet responses: removes the headers it removes and
 * adds the security headers a response does not have yet. The security headers go on every
 * response, so they are encoded once and handed to the container that way: to Tomcat as bytes
 * ({@link TomcatResponseHeaders}), to Jetty as pre-encoded fields ({@link JettyResponseHeaders});
 * other containers, and values that are not plain ASCII, get them through the servlet API.
 * Thread-safe.
 */
public final class ResponseHeaderWriter {

    private final ResponseHeaderPolicy policy;
    /** The bytes of each value of {@code policy.securityHeaders(false)}, by index; null where not plain ASCII. */
    private final byte[][] plainValues;
    /** The same for {@code policy.securityHeaders(true)}. */
    private final byte[][] secureValues;
    /** The security headers as fields of the Jetty last seen; {@code null} until a Jetty response comes. */
    private volatile JettyFields jettyFields;

    public ResponseHeaderWriter(ResponseHeaderPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.plainValues = encoded(policy.securityHeaders(false));
        this.secureValues = encoded(policy.securityHeaders(true));
    }

    /** The policy this writer applies. */
    public ResponseHeaderPolicy policy() {
        return policy;
    }

    /**
     * Applies the removals and adds the missing security headers to {@code response}, unless it is
     * committed.
     *
     * @param secure whether the client spoke HTTPS (for {@code Strict-Transport-Security})
     */
    void applyTo(HttpServletResponse response, boolean secure) {
        if (response.isCommitted()) {
            return;
        }
        for (String name : policy.removals()) {
            if (response.containsHeader(name)) {
                response.setHeader(name, null);
            }
        }
        // Added only where absent, so an append does what a set would without the container
        // looking for fields of the name to replace.
        List<SecurityHeader> headers = policy.securityHeaders(secure);
        byte[][] values = secure ? secureValues : plainValues;
        JettyResponseHeaders jetty = JettyResponseHeaders.of(response);
        Object[] fields = jetty == null ? null : jettyFields(jetty).forScheme(secure);
        for (int i = 0, count = headers.size(); i < count; i++) {
            SecurityHeader header = headers.get(i);
            if (response.containsHeader(header.name())) {
                continue;
            }
            if (values[i] == null) {
                response.addHeader(header.name(), header.value());
            } else if (fields != null) {
                jetty.add(response, fields[i]);
            } else if (!TomcatResponseHeaders.add(response, header.name(), values[i])) {
                response.addHeader(header.name(), header.value());
            }
        }
    }

    private JettyFields jettyFields(JettyResponseHeaders jetty) {
        JettyFields fields = jettyFields;
        if (fields == null || fields.jetty() != jetty) {
            fields = new JettyFields(jetty, encode(jetty, policy.securityHeaders(false), plainValues),
                    encode(jetty, policy.securityHeaders(true), secureValues));
            jettyFields = fields;
        }
        return fields;
    }

    /** The headers as Jetty fields, by index; null where the value is not plain ASCII. */
    private static Object[] encode(JettyResponseHeaders jetty, List<SecurityHeader> headers, byte[][] values) {
        Object[] fields = new Object[headers.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = values[i] == null ? null : jetty.encode(headers.get(i).name(), headers.get(i).value());
        }
        return fields;
    }

    /** The security headers encoded as fields of one Jetty, for plain and for HTTPS requests. */
    private record JettyFields(JettyResponseHeaders jetty, Object[] plain, Object[] secure) {

        Object[] forScheme(boolean isSecure) {
            return isSecure ? secure : plain;
        }
    }

    private static byte[][] encoded(List<SecurityHeader> headers) {
        byte[][] values = new byte[headers.size()][];
        for (int i = 0; i < values.length; i++) {
            String value = headers.get(i).value();
            values[i] = isPlainAscii(value) ? value.getBytes(StandardCharsets.US_ASCII) : null;
        }
        return values;
    }

    /** Printable ASCII and spaces: bytes that read the same in every charset a container might assume. */
    private static boolean isPlainAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
