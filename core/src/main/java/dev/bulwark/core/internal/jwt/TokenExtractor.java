package dev.bulwark.core.internal.jwt;

import dev.bulwark.core.Headers;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Location;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.JwtConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Finds the token: {@code Authorization: Bearer} first (scheme case-insensitive, RFC 6750 section
 * 2.1), then the configured header, cookie and, only when enabled, query parameter. The first
 * source that is present wins. Two {@code Authorization} headers, or two cookies or parameters of
 * the configured name, make the request ambiguous: parsers disagree on which one counts.
 */
final class TokenExtractor {

    record Extracted(String token, Location location, boolean ambiguous) {
    }

    private static final Location AUTHORIZATION = Location.value(Source.HEADER, "authorization");

    private TokenExtractor() {
    }

    static Extracted extract(HttpRequest request, JwtConfig config) {
        Headers headers = request.headers();
        int authorizations = headers.count("authorization");
        if (authorizations > 1) {
            return new Extracted(null, AUTHORIZATION, true);
        }
        if (authorizations == 1) {
            String value = headers.first("authorization").trim();
            if (value.length() > 7 && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return new Extracted(value.substring(7).trim(), AUTHORIZATION, false);
            }
        }
        if (config.header() != null) {
            int count = headers.count(config.header());
            Location location = Location.value(Source.HEADER, config.header().toLowerCase(Locale.ROOT));
            if (count > 1) {
                return new Extracted(null, location, true);
            }
            if (count == 1) {
                String value = headers.first(config.header()).trim();
                if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                    value = value.substring(7).trim();
                }
                return new Extracted(value, location, false);
            }
        }
        if (config.cookie() != null) {
            Location location = Location.value(Source.COOKIE, config.cookie());
            String found = null;
            for (String cookieHeader : headers.values("cookie")) {
                for (String pair : cookieHeader.split(";")) {
                    int equals = pair.indexOf('=');
                    if (equals > 0 && pair.substring(0, equals).trim().equals(config.cookie())) {
                        if (found != null) {
                            return new Extracted(null, location, true);
                        }
                        found = pair.substring(equals + 1).trim();
                    }
                }
            }
            if (found != null) {
                return new Extracted(found, location, false);
            }
        }
        if (config.queryParameter() != null && request.rawQuery() != null) {
            Location location = Location.value(Source.QUERY, config.queryParameter());
            String found = null;
            for (String pair : request.rawQuery().split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                if (name.equals(config.queryParameter()) && equals > 0) {
                    if (found != null) {
                        return new Extracted(null, location, true);
                    }
                    try {
                        found = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException e) {
                        found = pair.substring(equals + 1);
                    }
                }
            }
            if (found != null) {
                return new Extracted(found, location, false);
            }
        }
        return new Extracted(null, AUTHORIZATION, false);
    }
}
