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
 * response, so their values are encoded once, here, and handed to Tomcat as bytes
 * ({@link TomcatResponseHeaders}); other containers get them through the servlet API. Immutable
 * and thread-safe.
 */
public final class ResponseHeaderWriter {

    private final ResponseHeaderPolicy policy;
    /** The bytes of each value of {@code policy.securityHeaders(false)}, by index; null where not plain ASCII. */
    private final byte[][] plainValues;
    /** The same for {@code policy.securityHeaders(true)}. */
    private final byte[][] secureValues;

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
        for (int i = 0, count = headers.size(); i < count; i++) {
            SecurityHeader header = headers.get(i);
            if (response.containsHeader(header.name())) {
                continue;
            }
            if (values[i] == null || !TomcatResponseHeaders.add(response, header.name(), values[i])) {
                response.addHeader(header.name(), header.value());
            }
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
