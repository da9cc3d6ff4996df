package dev.bulwark.servlet.internal;

import dev.bulwark.core.ResponseHeaderPolicy;
import dev.bulwark.core.ResponseHeaderPolicy.SecurityHeader;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link ResponseHeaderPolicy} onto servlet responses: removes the headers it removes and
 * adds the security headers a response does not have yet. The security headers go on every
 * response, so they are encoded once and handed to the container that way: to Tomcat as bytes
 * ({@link TomcatResponseHeaders}), to Jetty as pre-encoded fields ({@link JettyResponseHeaders}).
 * Other containers, a response another filter wrapped, values that are not plain ASCII, and the
 * names containers treat specially ({@code Content-Type}, {@code Content-Length}) go through the
 * servlet API.
 *
 * <p>Adding a header never fails where the servlet API's {@code addHeader} would not: if a
 * container's own fields refuse one, the writer says so once (WARN), adds it through the servlet
 * API, and uses the servlet API from then on. Thread-safe.
 */
public final class ResponseHeaderWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseHeaderWriter.class);

    private final ResponseHeaderPolicy policy;
    /**
     * The bytes of each value of {@code policy.securityHeaders(false)}, by index; null where the
     * header goes through the servlet API.
     */
    private final byte[][] plainValues;
    /** The same for {@code policy.securityHeaders(true)}. */
    private final byte[][] secureValues;
    /** The security headers as fields of the Jetty last seen; {@code null} until a Jetty response comes. */
    private volatile JettyFields jettyFields;
    /** Whether containers' own fields are used; false once one refused a header. */
    private volatile boolean containerFields = true;

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
    public void applyTo(HttpServletResponse response, boolean secure) {
        if (response.isCommitted()) {
            return;
        }
        for (String name : policy.removals()) {
            if (response.containsHeader(name)) {
                response.setHeader(name, null);
            }
        }
        List<SecurityHeader> headers = policy.securityHeaders(secure);
        byte[][] values = secure ? secureValues : plainValues;
        // Looked up at the first header that is missing: behind an application that sets them all, never.
        Fields fields = null;
        boolean looked = false;
        for (int i = 0, count = headers.size(); i < count; i++) {
            SecurityHeader header = headers.get(i);
            // Added only where absent, so an append does what a set would without the container
            // looking for fields of the name to replace.
            if (response.containsHeader(header.name())) {
                continue;
            }
            if (!looked) {
                looked = true;
                fields = containerFields ? fieldsOf(response, secure) : null;
            }
            if (fields == null || values[i] == null || !fields.add(i, header.name(), values[i])) {
                response.addHeader(header.name(), header.value());
            }
        }
    }

    /** The container's own header fields of {@code response}; {@code null} when the servlet API is to be used. */
    private Fields fieldsOf(HttpServletResponse response, boolean secure) {
        try {
            JettyResponseHeaders jetty = JettyResponseHeaders.of(response);
            if (jetty != null) {
                return new Fields(null, jetty, jetty.fields(response), jettyFields(jetty).forScheme(secure));
            }
            TomcatResponseHeaders tomcat = TomcatResponseHeaders.of(response);
            return tomcat == null ? null : new Fields(tomcat, null, null, null);
        } catch (RuntimeException e) {
            refused(e);
            return null;
        }
    }

    private void refused(RuntimeException e) {
        if (containerFields) {
            containerFields = false;
            LOG.warn("The container's response header fields refused a security header; adding them through the "
                    + "servlet API from now on", e);
        }
    }

    /** One response's header fields in its container's own form. */
    private final class Fields {
        private final TomcatResponseHeaders tomcat;
        private final JettyResponseHeaders jetty;
        private final Object jettyHeaders;
        private final Object[] jettyFields;

        Fields(TomcatResponseHeaders tomcat, JettyResponseHeaders jetty, Object jettyHeaders, Object[] jettyFields) {
            this.tomcat = tomcat;
            this.jetty = jetty;
            this.jettyHeaders = jettyHeaders;
            this.jettyFields = jettyFields;
        }

        /** Adds security header {@code index}; false, with nothing added, when the servlet API must add it. */
        boolean add(int index, String name, byte[] value) {
            try {
                if (jetty != null) {
                    jetty.add(jettyHeaders, jettyFields[index]);
                } else {
                    // A copy: Tomcat reuses a recycled field's array for the next response's values.
                    tomcat.add(name, value.clone());
                }
                return true;
            } catch (RuntimeException e) {
                refused(e);
                return false;
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

    /** The headers as Jetty fields, by index; null where the servlet API adds the header. */
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

    /** Each value's bytes, or null for a header that goes through the servlet API. */
    private static byte[][] encoded(List<SecurityHeader> headers) {
        byte[][] values = new byte[headers.size()][];
        for (int i = 0; i < values.length; i++) {
            SecurityHeader header = headers.get(i);
            boolean special = header.name().equalsIgnoreCase("Content-Type")
                    || header.name().equalsIgnoreCase("Content-Length");
            values[i] = special || !isPlainAscii(header.name()) || !isPlainAscii(header.value())
                    ? null : header.value().getBytes(StandardCharsets.US_ASCII);
        }
        return values;
    }

    /** Printable ASCII and spaces: text whose bytes read the same in every charset a container might assume. */
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
