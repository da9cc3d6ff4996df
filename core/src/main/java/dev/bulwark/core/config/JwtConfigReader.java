package dev.bulwark.core.config;

import dev.bulwark.core.internal.jwt.JwksFile;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code jwt:} section and the {@code jwt:} part of routes. */
final class JwtConfigReader {


    private JwtConfigReader() {
    }

    static JwtConfig read(ConfigNode node) {
        node.object();
        List<JwtIssuer> issuers = new ArrayList<>();
        ConfigNode item;
        if ((item = node.get("issuers")) != null) {
            for (ConfigNode entry : item.list()) {
                issuers.add(issuer(entry));
            }
        }
        boolean required = node.has("required") ? node.get("required").bool() : !issuers.isEmpty();
        String header = node.has("header") ? node.get("header").text().trim() : null;
        String cookie = node.has("cookie") ? node.get("cookie").text().trim() : null;
        String query = node.has("query-parameter") ? node.get("query-parameter").text().trim() : null;
        JwtConfig defaults = JwtConfig.disabled();
        Duration skew = node.has("clock-skew") ? node.get("clock-skew").duration() : defaults.clockSkew();
        Duration maxLifetime = node.has("max-lifetime") ? node.get("max-lifetime").duration() : null;
        boolean requireExp = node.has("require-expiration") ? node.get("require-expiration").bool()
                : defaults.requireExpiration();
        Set<String> types = node.has("types") ? new LinkedHashSet<>(node.get("types").stringList()) : Set.of();
        int maxSize = node.has("max-token-size") ? (int) Math.min(Integer.MAX_VALUE, node.get("max-token-size").dataSize())
                : defaults.maxTokenSize();
        int cacheSize = node.has("cache-size") ? node.get("cache-size").positiveInt() : defaults.cacheSize();
        JwtRequirement requirement = requirement(node, false);
        Map<String, String> propagate = new LinkedHashMap<>();
        if ((item = node.get("propagate")) != null) {
            if (!item.isObject()) {
                throw item.error("expected claim: header pairs, e.g. {sub: X-User-Id}");
            }
            for (String claim : item.fieldNames()) {
                String headerName = item.get(claim).text().trim();
                if (headerName.isEmpty() || !headerName.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
                    throw item.get(claim).error("invalid header name '" + headerName + "'");
                }
                propagate.put(claim, headerName);
            }
        }
        return node.convert(n -> new JwtConfig(required, issuers, header, cookie, query, skew, maxLifetime, requireExp,
                types, maxSize, cacheSize, requirement, propagate));
    }

    /** Reads the file now, so that a missing or unreadable one is reported at its own key path. */
    private static void checkJwksFile(ConfigNode node, String location) {
        try {
            JwksFile.load(location);
        } catch (ConfigurationException e) {
            String message = e.getMessage();
            String detail = message.startsWith(e.path() + ": ") ? message.substring(e.path().length() + 2) : message;
            // Not chained: the message names the file and the failure, and the last cause is what a start-up log shows.
            throw node.error(detail);
        }
    }

    private static JwtIssuer issuer(ConfigNode entry) {
        entry.object();
        String issuer = entry.required("issuer", "an issuer needs 'issuer'").text();
        URI jwksUri = null;
        if (entry.has("jwks-uri")) {
            ConfigNode uriNode = entry.get("jwks-uri");
            try {
                jwksUri = new URI(uriNode.text().trim());
            } catch (URISyntaxException e) {
                throw uriNode.error("invalid URI: " + e.getMessage());
            }
        }
        String jwksFile = entry.has("jwks-file") ? entry.get("jwks-file").text().trim() : null;
        if (jwksFile != null) {
            checkJwksFile(entry.get("jwks-file"), jwksFile);
        }
        String secret = entry.has("hmac-secret") ? entry.get("hmac-secret").text() : null;
        Set<String> audiences = entry.has("audiences") ? new LinkedHashSet<>(entry.get("audiences").stringList()) : Set.of();
        Set<String> algorithms = entry.has("algorithms") ? new LinkedHashSet<>(entry.get("algorithms").stringList()) : null;
        JwtIssuer.JwksSettings jwks = entry.has("jwks") ? jwks(entry.get("jwks")) : null;
        URI finalUri = jwksUri;
        return entry.convert(n -> new JwtIssuer(issuer, finalUri, jwksFile, secret, audiences, algorithms, jwks));
    }

    private static JwtIssuer.JwksSettings jwks(ConfigNode node) {
        node.object();
        JwtIssuer.JwksSettings d = JwtIssuer.JwksSettings.defaults();
        Duration ttl = node.has("cache-ttl") ? node.get("cache-ttl").duration() : d.cacheTtl();
        Duration ahead = node.has("refresh-ahead") ? node.get("refresh-ahead").duration() : d.refreshAhead();
        Duration rate = node.has("rate-limit") ? node.get("rate-limit").duration() : d.rateLimit();
        Duration outage = node.has("outage-tolerance") ? node.get("outage-tolerance").duration() : d.outageTolerance();
        Duration connect = node.has("connect-timeout") ? node.get("connect-timeout").duration() : d.connectTimeout();
        Duration read = node.has("read-timeout") ? node.get("read-timeout").duration() : d.readTimeout();
        int size = node.has("size-limit") ? (int) Math.min(Integer.MAX_VALUE, node.get("size-limit").dataSize()) : d.sizeLimit();
        return node.convert(n -> new JwtIssuer.JwksSettings(ttl, ahead, rate, outage, connect, read, size));
    }

    /** Scopes and claims (and, in a route, {@code required}). */
    static JwtRequirement requirement(ConfigNode node, boolean route) {
        if (route) {
            node.object();
        }
        Boolean required = route && node.has("required") ? node.get("required").bool() : null;
        Set<String> scopes = node.has("scopes") ? new LinkedHashSet<>(node.get("scopes").stringList()) : Set.of();
        List<ClaimRequirement> claims = new ArrayList<>();
        ConfigNode item;
        if ((item = node.get("claims")) != null) {
            for (ConfigNode entry : item.list()) {
                entry.object();
                String claim = entry.required("claim", "a claim condition needs 'claim'").text();
                List<String> oneOf = entry.has("one-of") ? entry.get("one-of").stringList() : List.of();
                // The claim condition's own keys are a matcher's, read where one-of is not given.
                StringMatcher matcher = entry.has("one-of") ? null : ConfigLoader.matcher(entry);
                claims.add(entry.convert(n -> new ClaimRequirement(claim, oneOf, matcher)));
            }
        }
        return new JwtRequirement(required, scopes, claims);
    }

}
