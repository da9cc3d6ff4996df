package dev.bulwark.core.internal.policy;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Check;
import dev.bulwark.core.Client;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Headers;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.CsrfConfig;
import dev.bulwark.core.config.RoutePolicy;
import dev.bulwark.core.internal.rules.Excerpts;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-site request forgery protection ({@code csrf:}), see {@link CsrfConfig} for the rules. A
 * forgery can only use a browser, and a browser's {@code Sec-Fetch-Site}, {@code Origin} and
 * {@code Referer} cannot be set by the page that forges the request; other clients hold their own
 * credentials and gain nothing from lying in them.
 */
final class CsrfCheck implements Check {

    static final String RULE_KEY = "CSRF";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> AMBIENT_SCHEMES = Set.of("basic", "digest", "negotiate", "ntlm");

    private final CsrfConfig config;

    CsrfCheck(CsrfConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "csrf";
    }

    @Override
    public void inspect(Inspection inspection) {
        Client client = inspection.client();
        RoutePolicy route = PolicyModes.routePolicy(inspection);
        boolean enabled = route.csrf() != null ? route.csrf() : config.enabled();
        if (!enabled || SAFE_METHODS.contains(inspection.method())) {
            return;
        }
        Headers headers = inspection.request().headers();
        if (config.ambientCredentialsOnly() && !carriesAmbientCredentials(headers)) {
            return;
        }
        Mode mode = PolicyModes.effective(route.csrfMode(), config.mode(), inspection);
        List<String> fetchSites = headers.values("sec-fetch-site");
        String fetchSite = fetchSites.size() == 1 ? fetchSites.get(0).trim().toLowerCase(Locale.ROOT) : null;
        if ("same-origin".equals(fetchSite) || "none".equals(fetchSite)) {
            return;
        }
        List<String> origins = headers.values("origin");
        if (origins.size() > 1) {
            refuse(inspection, mode, "CSRF-ORIGIN-AMBIGUOUS", "more than one Origin header", "origin", String.join(", ", origins));
            return;
        }
        if (origins.size() == 1) {
            String origin = origins.get(0).trim();
            if (origin.equals("null")) {
                refuse(inspection, mode, "CSRF-ORIGIN-NULL", "unsafe request from an opaque origin (Origin: null)", "origin", origin);
            } else if (!accepted(CsrfConfig.normalizeOrigin(origin), client)) {
                refuse(inspection, mode, "CSRF-ORIGIN-MISMATCH", "unsafe request from a foreign origin", "origin", origin);
            }
            return;
        }
        if ("same-site".equals(fetchSite) || "cross-site".equals(fetchSite)) {
            refuse(inspection, mode, "CSRF-CROSS-SITE", "unsafe " + fetchSite + " request without Origin", "sec-fetch-site", fetchSite);
            return;
        }
        List<String> referers = headers.values("referer");
        if (referers.isEmpty()) {
            refuse(inspection, mode, "CSRF-ORIGIN-MISSING", "unsafe request without Origin or Referer", "origin", "");
        } else if (referers.size() > 1) {
            refuse(inspection, mode, "CSRF-REFERER-AMBIGUOUS", "more than one Referer header", "referer", String.join(", ", referers));
        } else if (!accepted(originOf(referers.get(0)), client)) {
            refuse(inspection, mode, "CSRF-REFERER-MISMATCH", "unsafe request referred by a foreign origin", "referer",
                    referers.get(0));
        }
    }

    private boolean accepted(String origin, Client client) {
        if (origin == null) {
            return false;
        }
        if (config.allows(origin)) {
            return true;
        }
        if (!config.serviceOrigins().isEmpty()) {
            return config.serviceOrigins().contains(origin);
        }
        if (client.host() == null || client.host().isEmpty()) {
            return false;
        }
        String own = CsrfConfig.normalizeOrigin((client.secure() ? "https://" : "http://") + client.host());
        return origin.equals(own);
    }

    /** The serialised origin of a URL ({@code scheme://host[:port]} of a {@code Referer}); {@code null} when it has none. */
    static String originOf(String url) {
        String text = url.trim();
        int separator = text.indexOf("://");
        if (separator <= 0) {
            return null;
        }
        int end = text.length();
        for (int i = separator + 3; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return CsrfConfig.normalizeOrigin(text.substring(0, end));
    }

    private static boolean carriesAmbientCredentials(Headers headers) {
        for (String cookie : headers.values("cookie")) {
            if (!cookie.isBlank()) {
                return true;
            }
        }
        for (String authorization : headers.values("authorization")) {
            String trimmed = authorization.trim();
            int space = trimmed.indexOf(' ');
            String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
            if (AMBIENT_SCHEMES.contains(scheme)) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(Inspection inspection, Mode mode, String ruleId, String description, String header, String value) {
        Location location = Location.value(Source.HEADER, header);
        inspection.report(new Finding(RULE_KEY, ruleId, description, location,
                Excerpts.of(location, value, 0, Excerpts.MAX_LENGTH), Level.BASIC, mode, BlockType.CSRF,
                BlockType.CSRF.defaultStatus()));
    }
}
