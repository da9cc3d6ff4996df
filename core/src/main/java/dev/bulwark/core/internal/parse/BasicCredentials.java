package dev.bulwark.core.internal.parse;

import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The user and password of an {@code Authorization: Basic} header (RFC 7617) as inspectable
 * values of their own. In the header they are base64, where no deny rule can see them, while the
 * application decodes them and often passes the user name on to an LDAP or SQL lookup.
 *
 * <p>The user is inspected like any header value. A password is arbitrary text by design, so
 * only rules of level BASIC (unambiguous attack shapes such as a JNDI lookup) count on it; both
 * are masked in the security log, as the header itself is. Credentials that are not valid base64
 * are left to the application, which rejects them.
 */
public final class BasicCredentials {

    /** Where the decoded user name is reported; no real header name contains {@code :}. */
    public static final Location USER = Location.value(Source.HEADER, "authorization:basic-user");
    /** Where the decoded password is reported. */
    public static final Location PASSWORD = Location.value(Source.HEADER, "authorization:basic-password");

    private static final String SCHEME = "basic ";

    private BasicCredentials() {
    }

    /** Adds the user and password of {@code headerValue} to {@code values} when it holds Basic credentials. */
    public static void addTo(String headerValue, List<RequestValue> values) {
        String trimmed = headerValue.trim();
        if (trimmed.length() <= SCHEME.length() || !trimmed.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(trimmed.substring(SCHEME.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return;
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        if (!user.isEmpty()) {
            values.add(new RequestValue(USER, user, user, Set.of()));
        }
        if (!password.isEmpty()) {
            values.add(new RequestValue(PASSWORD, password, password, Set.of()));
        }
    }

    /** Whether values at {@code location} are Basic passwords, on which only BASIC rules count. */
    public static boolean isPassword(Location location) {
        return PASSWORD.equals(location);
    }
}
