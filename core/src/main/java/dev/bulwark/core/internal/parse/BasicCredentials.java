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
        int colon = userEnd(decoded);
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        if (!user.isEmpty()) {
            values.add(new RequestValue(USER, user, user, Set.of()));
        }
        if (!password.isEmpty()) {
            values.add(new RequestValue(PASSWORD, password, password, Set.of()));
        }
    }

    /**
     * Where the user ends: at the first colon (RFC 7617), unless that colon is inside a
     * {@code ${...}} lookup opened in the user part ({@code ${env:SECRET}:pw}); then at the first
     * colon after the lookup closes (none: all of it is the user). A Log4j lookup needs its colon,
     * and a user that ended at it ({@code ${env}) would hide the lookup from the rules that the
     * password is not held to. A lookup left open ends the user at the first colon. Returns -1
     * for no colon. One pass.
     */
    static int userEnd(String credentials) {
        int depth = 0;
        int firstColon = -1;
        for (int i = 0; i < credentials.length(); i++) {
            char c = credentials.charAt(i);
            if (c == '$' && i + 1 < credentials.length() && credentials.charAt(i + 1) == '{') {
                depth++;
                i++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == ':') {
                if (depth == 0) {
                    return i;
                }
                if (firstColon < 0) {
                    firstColon = i;
                }
            }
        }
        return depth > 0 ? firstColon : -1;
    }

    /** Whether values at {@code location} are Basic passwords, on which only BASIC rules count. */
    public static boolean isPassword(Location location) {
        return PASSWORD.equals(location);
    }
}
