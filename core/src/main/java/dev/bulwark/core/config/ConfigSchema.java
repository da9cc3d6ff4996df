package dev.bulwark.core.config;

import dev.bulwark.core.Level;
import dev.bulwark.core.Mode;
import dev.bulwark.core.internal.rules.Findings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Every configuration key, once: its path, type, default, description and whether it is a secret.
 * Adapters read this table instead of spelling the schema again: the Spring Boot starter binds
 * {@code bulwark.*} by walking it and generates its configuration metadata from it, and the
 * effective-configuration description masks what it marks secret.
 *
 * <p>To add a key, add one entry here (in the group it belongs to, with its description and
 * default) and read it in {@link ConfigLoader} or the reader of its section.
 */
public final class ConfigSchema {

    /** What a key holds, as the readers accept it. */
    public enum Type {
        TEXT, BOOLEAN, INTEGER,
        /** Bytes: a number, or a number with B, KiB, MiB or GiB. */
        SIZE,
        /** A number of seconds, or a number with ms, s, m, h or d. */
        DURATION,
        /** One of {@link Key#values()}, in kebab-case. */
        CHOICE,
        /** Named keys, each listed in {@link Key#children()}. */
        OBJECT,
        /** Items like {@link Key#element()}; lists of objects also accept a map keyed by name. */
        LIST,
        /** Free keys, each with a text value. */
        MAP
    }

    /**
     * One key.
     *
     * @param name the key within its parent, kebab-case; {@code []} for a list's element
     * @param scalarToo for an object or list, whether a plain value may stand for it (a matcher's
     *     text, {@code security-headers: false}, a single list entry)
     * @param defaultValue the default as written in the YAML file, or {@code null} when unset
     * @param secret whether the value must never be shown
     */
    public record Key(String name, Type type, boolean scalarToo, String defaultValue, String description,
            boolean secret, List<String> values, List<Key> children) {

        public Key {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            values = List.copyOf(values);
            children = List.copyOf(children);
        }

        /** The child named {@code name}, or {@code null}. */
        public Key child(String name) {
            for (Key child : children) {
                if (child.name.equals(name)) {
                    return child;
                }
            }
            return null;
        }

        /** A list's element. */
        public Key element() {
            return type == Type.LIST ? children.get(0) : null;
        }

        /** Whether a list of objects, which also accepts a map keyed by name. */
        public boolean isKeyedList() {
            return type == Type.LIST && element().type == Type.OBJECT && !element().scalarToo;
        }

        Key secretValue() {
            return new Key(name, type, scalarToo, defaultValue, description, true, values, children);
        }
    }

    private static final String MODE = "'block' or 'log-only'; follows the global mode when not set.";

    private static final Key ROOT = object("", "The Bulwark configuration.",
            choice("mode", "block", "Block or only log, for every check: 'block' or 'log-only'.", Mode.class),
            object("limits", "Size and count limits; a request over one is refused.",
                    size("body-size", "1MiB", "Largest request body."),
                    integer("path-length", "2048", "Longest raw path, in characters."),
                    size("query-length", "16KiB", "Longest raw query string, in characters."),
                    object("parameters", "Limits on query and form parameters.",
                            integer("count", "128", "Most query plus form parameters."),
                            size("name-length", "128B", "Longest parameter name after decoding."),
                            size("value-length", "8KiB", "Longest parameter value after decoding.")),
                    object("headers", "Limits on request headers.",
                            integer("count", "100", "Most header fields."),
                            size("total-size", "32KiB", "Largest sum of header name and value lengths.")),
                    object("cookies", "Limits on cookies.",
                            integer("count", "64", "Most cookies.")),
                    object("json", "Limits on JSON bodies.",
                            integer("depth", "100", "Deepest nesting of objects and arrays."),
                            integer("keys-per-object", "250", "Most keys in one object."),
                            integer("elements", "10000", "Most values (scalars, objects and arrays) in one body."),
                            size("key-length", "256B", "Longest object key."),
                            size("string-length", "64KiB", "Longest string value.")),
                    object("multipart", "Limits on multipart bodies.",
                            integer("parts", "64", "Most parts."),
                            size("part-size", "1MiB", "Largest part.")),
                    object("xml", "Limits on XML bodies.",
                            integer("depth", "100", "Deepest element nesting."),
                            integer("elements", "10000", "Most elements in one body.")),
                    object("body-read", "How long the filter waits for a request body; a slower body gets 408.",
                            duration("timeout", "2m", "Longest time for the whole body, at most 1d."),
                            size("min-rate", "1KiB", "Slowest average rate in bytes per second, counted from the start "
                                    + "once the grace period is over."),
                            duration("grace-period", "5s", "Time a body may take before the rate counts; shorter than "
                                    + "the timeout."))),
            object("decoding", "Decoding of parameters and paths.",
                    integer("passes", "3", "How many times percent-decoding is repeated on parameters and paths, 1 to 10.")),
            choice("uninspectable", "log", "What to do with content that cannot be inspected (binary bodies and files, "
                    + "compressed content encodings, unknown charsets; any other body is inspected as text at least): "
                    + "'block' answers 415, 'log' lets it pass with a finding. Routes with upload endpoints declare their "
                    + "binary media types in 'routes[].body.binary' instead of weakening this.", UninspectablePolicy.class),
            object("deny-rules", "The deny rules: attack detection.",
                    choice("level", "standard", "Which rules are on: 'off', 'basic', 'standard' or 'strict'. Higher levels "
                            + "catch more attacks and risk more false positives.", Level.class),
                    texts("log-only", null, "Rule keys or ids (e.g. XSS, SQL-UNION) that only log, never block."),
                    list("overrides", "Level and mode changes for some rules, values and requests; the first matching "
                            + "override wins.", withSelectors(
                            texts("rule-keys", null, "The rule keys it applies to (e.g. XSS); all when not set."),
                            texts("rule-ids", null, "The rule ids it applies to (e.g. SQL-UNION); all when not set."),
                            condition(),
                            choice("level", null, "The level for the rules it covers.", Level.class),
                            mode())),
                    list("exceptions", "Findings to drop; keep each as narrow as possible, as each is a hole in the "
                            + "protection.", withSelectors(
                            texts("rule-keys", null, "The rule keys it drops (e.g. XSS); all when not set."),
                            texts("rule-ids", null, "The rule ids it drops (e.g. SQL-UNION); all when not set."),
                            condition())),
                    object("restricted-extensions", "File extensions the request path's last segment and its path "
                            + "parameters may not end in (PATH-RESTRICTED-EXTENSION); the built-in list names includes, "
                            + "configuration, backups, dumps and keys.",
                            texts("only", null, "Replaces the built-in list."),
                            texts("add", null, "Added to the built-in list (or to 'only')."),
                            texts("remove", null, "Taken from the built-in list (or from 'only'), to serve such files.")),
                    object("upload-executable-extensions", "File extensions of scripts and programs that an upload's "
                            + "file name may not end in (PATH-UPLOAD-EXECUTABLE): scripts a host runs though no web "
                            + "server does; the built-in list names shell, PowerShell, batch, Windows Script Host and "
                            + "Java archive files.",
                            texts("only", null, "Replaces the built-in list."),
                            texts("add", null, "Added to the built-in list (or to 'only'), e.g. exe and msi where "
                                    + "uploads never hold a program."),
                            texts("remove", null, "Taken from the built-in list (or from 'only'), to accept such uploads.")),
                    list("custom-rules", "Deny rules of the service's own.", withSelectors(
                            text("id", null, "The rule's id, unique."),
                            text("key", "CUSTOM", "The rule key findings carry."),
                            text("description", null, "What the rule catches, for the security log."),
                            condition(),
                            mode()))),
            object("jwt", "JSON Web Token checks.",
                    bool("required", null, "Whether every request needs a valid token unless a route says otherwise. When "
                            + "not set, tokens are required as soon as an issuer is configured."),
                    list("issuers", "Trusted issuers; the token's iss claim selects one.", object("[]", "An issuer.",
                            text("issuer", null, "The iss claim it signs with."),
                            text("jwks-uri", null, "Where its JSON Web Key Set is fetched from."),
                            text("jwks-file", null, "A file holding its JSON Web Key Set."),
                            text("hmac-secret", null, "The shared secret of HMAC-signed tokens.").secretValue(),
                            texts("audiences", null, "Accepted aud values; any when empty."),
                            texts("algorithms", null, "Accepted signing algorithms; the key's own when not set."),
                            object("jwks", "Fetching of the key set.",
                                    duration("cache-ttl", "5m", "How long fetched keys are used."),
                                    duration("refresh-ahead", "30s", "How long before expiry keys are fetched again."),
                                    duration("rate-limit", "30s", "Shortest time between two fetches."),
                                    duration("outage-tolerance", "1h", "How long stale keys serve while the source is down."),
                                    duration("connect-timeout", "2s", "Connect timeout of a fetch."),
                                    duration("read-timeout", "2s", "Read timeout of a fetch."),
                                    size("size-limit", "64KiB", "Largest key set accepted.")))),
                    text("header", null, "A header to take the token from when there is no 'Authorization: Bearer'."),
                    text("cookie", null, "A cookie to take the token from."),
                    text("query-parameter", null, "A query parameter to take the token from. Discouraged: URLs end up in "
                            + "logs, browser history and Referer headers."),
                    duration("clock-skew", "60s", "Tolerance for exp, nbf and iat, at most 10 minutes."),
                    duration("max-lifetime", null, "Longest accepted exp - iat; no limit when not set."),
                    bool("require-expiration", "true", "Whether tokens must carry an exp claim."),
                    texts("types", null, "Accepted typ header values, compared ignoring case; any when empty."),
                    size("max-token-size", "8KiB", "Longest accepted token, in characters."),
                    integer("cache-size", "10000", "Most verified tokens kept in the cache."),
                    texts("scopes", null, "Scopes every token must grant (from 'scope', space-separated, or 'scp')."),
                    claims("Claim conditions every token must meet."),
                    map("propagate", "Claims to present to the application as request headers: claim name to header name.")),
            object("openapi", "Validation against OpenAPI contracts.",
                    list("specs", "The contracts. A request is validated against the first spec whose conditions and base "
                            + "path match it, and not at all when none does.", object("[]", "A contract.",
                            text("location", null, "The spec: a file path, a classpath: location or a URL."),
                            text("base-path", "", "The path the spec's paths are relative to."),
                            condition())),
                    choice("mode", null, "'block' or 'log-only' for contract violations; follows the global mode when not set.",
                            Mode.class),
                    choice("unexpected-query-parameters", "block", "Query parameters the operation does not declare: "
                            + "'block' or 'ignore'.", "block", "ignore"),
                    texts("ignore", null, "Validator message keys to ignore entirely."),
                    texts("log-only", null, "Validator message keys that are only logged."),
                    integer("max-violations", "10", "Most violations reported per request."),
                    bool("details", "true", "Whether the block response lists violation keys and locations (never values)."),
                    bool("validate-responses", "false", "Whether responses are validated too; their violations are only logged.")),
            object("graphql", "GraphQL protection: on its paths only GraphQL requests of bounded shape pass, and the "
                    + "deny rules inspect string arguments and variable values, never the GraphQL syntax.",
                    bool("enabled", "true", "Whether requests on the paths are treated as GraphQL."),
                    matchers("paths", "The GraphQL endpoints; any other request there (a form post, a GET without "
                            + "'query') is refused with 400.", "/graphql"),
                    mode(),
                    integer("max-depth", "10", "Deepest field nesting, fragments expanded; a root field is 1."),
                    integer("max-aliases", "15", "Most aliased fields in one document, fragments expanded."),
                    integer("max-root-fields", "20", "Most fields directly under one operation."),
                    integer("max-fields", "1000", "Most fields in one operation, fragments expanded."),
                    integer("max-directives", "10", "Most directives on one field, fragment spread or operation."),
                    integer("max-operations", "5", "Most operation definitions in one document."),
                    integer("max-batch", "10", "Most requests in one batch array; 1 refuses batches."),
                    size("max-query-length", "16KiB", "Longest document, in characters."),
                    integer("max-tokens", "5000", "Most tokens the parser reads from one document."),
                    integer("max-whitespace-tokens", "10000", "Most runs of white space, commas and comments the parser "
                            + "skips in one document."),
                    integer("max-parser-depth", "200", "Deepest grammar rule nesting the parser enters, 1 to 1000."),
                    bool("introspection", "false", "Whether introspection (__schema and __type fields) is allowed."),
                    bool("mutations", "true", "Whether mutations are allowed (never over GET)."),
                    bool("subscriptions", "true", "Whether subscriptions are allowed."),
                    texts("persisted-queries", null, "SHA-256 hashes (hex) of the only documents allowed, as Apollo's "
                            + "automatic persisted queries send them; any document when empty."),
                    text("schema", null, "An SDL schema (file path or classpath: location) to validate documents against; "
                            + "none when not set."),
                    bool("details", "true", "Whether the block response lists violation keys and locations (never values).")),
            allowedMethods(),
            choice("method-override", "refuse", "Method override headers (X-HTTP-Method-Override, X-HTTP-Method, "
                    + "X-Method-Override) and '_method' fields: 'refuse' answers 400 to any request carrying one; 'allow' "
                    + "judges a POST by the PUT, PATCH or DELETE it asks for, in every method-based policy.", MethodOverridePolicy.class),
            object("allow-rules", "The positive model: requests must match an allow rule.",
                    list("rules", "The rules; a request must match at least one of them or it is blocked. None (the "
                            + "default) switches the positive model off: every request passes on to the deny rules.",
                            object("[]", "An allow rule.",
                                    text("name", null, "The rule's name, for the security log."),
                                    matcher("path", "The path it allows."),
                                    texts("methods", null, "The methods it allows; any when not set."),
                                    matchers("content-types", "The content types it allows; any when not set."),
                                    matchers("parameters", "The parameter names it allows; any when not set."))),
                    choice("mode", null, "'block' or 'log-only' for requests no rule matches; follows the global mode "
                            + "when not set.", Mode.class),
                    integer("status", "404", "The status of the block response, 400 to 599; 404 makes unknown endpoints "
                            + "look absent.")),
            object("headers", "Request and response header policy.",
                    requestHeaders(false),
                    object("response", "What is done to responses.",
                            new Key("security-headers", Type.OBJECT, true, null, "Security headers added to responses; "
                                    + "true or false for all of them, or one value per header.", false, List.of(), List.of(
                                    bool("enabled", "true", "Whether security headers are added at all; false adds none, "
                                            + "and cannot be combined with header values."),
                                    text("strict-transport-security", "max-age=31536000; includeSubDomains",
                                            "Strict-Transport-Security, sent on HTTPS requests only; false leaves it out."),
                                    text("x-content-type-options", "nosniff", "X-Content-Type-Options; false leaves it out."),
                                    text("x-frame-options", "DENY", "X-Frame-Options, e.g. SAMEORIGIN; false leaves it out."),
                                    text("referrer-policy", "same-origin", "Referrer-Policy; false leaves it out. Not "
                                            + "no-referrer: browsers would then send 'Origin: null' on the service's own "
                                            + "form posts, which the CSRF check refuses."),
                                    text("permissions-policy", "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
                                            + "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), "
                                            + "payment=(), usb=(), xr-spatial-tracking=()",
                                            "Permissions-Policy; false leaves it out."),
                                    text("content-security-policy", null, "Content-Security-Policy, e.g. \"default-src "
                                            + "'self'\"; not sent when not set."))),
                            texts("remove", "Server, X-Powered-By", "Headers removed from every response, whoever sets "
                                    + "them. A container's own Server header is a connector setting."),
                            object("cors", "Policing of CORS response headers.",
                                    texts("allowed-origins", null, "The origins (scheme://host[:port]) the application may "
                                            + "name in Access-Control-Allow-Origin, or '*' (never together with credentials).")))),
            object("csrf", "Cross-site request forgery check by Origin and Referer.",
                    bool("enabled", "false", "Whether the check runs; routes may switch it on or off."),
                    texts("allowed-origins", null, "Other origins (scheme://host[:port]) whose pages may send unsafe "
                            + "requests; https://*.example.com allows every subdomain."),
                    texts("service-origins", null, "The service's own origins; taken from each request (scheme and Host) "
                            + "when empty. Set them behind a proxy that rewrites Host."),
                    bool("ambient-credentials-only", "true", "Whether only requests carrying credentials a browser adds by "
                            + "itself (a Cookie, or Basic, Digest, Negotiate or NTLM authentication) are checked. Set false "
                            + "when clients are trusted by TLS certificate or network location."),
                    mode()),
            object("client-ip", "How the client's address is found.",
                    choice("source", "connection", "'connection' (the connection's peer), 'x-forwarded-for' (from trusted "
                            + "proxies, with trusted-proxies or trusted-hops) or 'header' (a single header trusted proxies "
                            + "set).", ClientIpConfig.Source.class),
                    texts("trusted-proxies", null, "Addresses or CIDR ranges of the proxies whose forwarding headers "
                            + "count; none by default."),
                    integer("trusted-hops", null, "For x-forwarded-for instead of trusted-proxies: the number of proxies in "
                            + "front of the service, 1 to 32; the client is that many addresses from the right. Not used "
                            + "when not set."),
                    text("header", null, "For source 'header': the name of the header a trusted proxy sets, e.g. X-Client-IP."),
                    bool("required", "false", "For source 'header': whether requests without a valid value from a trusted "
                            + "proxy are refused with 400.")),
            ipRules(false),
            list("block-responses", "Custom block responses: per block type a status, or a body chosen by the request's "
                    + "Accept header. The default is an application/problem+json document.", object("[]", "A block response.",
                    texts("types", null, "The block types it answers; all when not set."),
                    integer("status", null, "The status; the block type's own when not set."),
                    text("content-type", null, "The media type of the body, matched against Accept."),
                    text("body", null, "The body."),
                    text("body-file", null, "A file or classpath: location holding the body."))),
            object("rate-limits", "Rate limiting and repeat-offender blocking, with Bucket4j buckets kept locally or in "
                    + "Redis.",
                    new Key("store", Type.OBJECT, true, "local", "Where the buckets are kept: 'local' (in this instance, "
                            + "bounded by max-keys) or {redis: {...}} to share limits and bans across instances.", false,
                            List.of(), List.of(object("redis", "A Redis server; needs com.bucket4j:bucket4j_jdk17-lettuce "
                                    + "and io.lettuce:lettuce-core on the classpath.",
                                    text("uri", null, "The server, e.g. redis://127.0.0.1:6379 or rediss://user:password@host."),
                                    duration("timeout", null, "How long one call may take before it counts as a store "
                                            + "failure; 100ms when not set, at most 10s."),
                                    text("key-prefix", null, "Put before every key; 'bulwark:' when not set."),
                                    duration("retry-interval", null, "How long the store is not asked after a failure, so "
                                            + "that a dead server does not add its timeout to every request; 5s when not "
                                            + "set.")))),
                    choice("on-store-failure", "allow", "When the store fails or its circuit is open: 'allow' lets the "
                            + "request pass unlimited (logged and counted), 'block' refuses it with 503.",
                            StoreFailurePolicy.class),
                    integer("max-keys", "100000", "Most keys one limit keeps in the local store; the least recently "
                            + "used go first."),
                    rateLimits(),
                    object("repeat-offenders", "Refuses, before any inspection and with 403, a client address whose "
                            + "requests deny rules blocked 'blocks' times within 'within', for 'ban'. Off when not set.",
                            integer("blocks", null, "Deny-rule blocks that earn a ban."),
                            duration("within", null, "The window the blocks are counted in, at most 1d."),
                            duration("ban", null, "How long the client is refused, at most 1d."))),
            list("routes", "Per-route settings, tried in order; the first route whose conditions hold applies.",
                    object("[]", "A route.",
                            condition(),
                            mode(),
                            object("deny-rules", "The route's deny rules.",
                                    choice("level", null, "The level on this route.", Level.class)),
                            choice("uninspectable", null, "What to do with uninspectable content on this route.",
                                    UninspectablePolicy.class),
                            object("body", "The route's bodies.",
                                    texts("binary", null, "Media ranges of binary bodies the route takes, e.g. image/*.")),
                            object("limits", "Limits on the body of this route's requests, e.g. a larger body-size and "
                                    + "multipart part-size on an upload endpoint only; keys not set keep the global values. "
                                    + "Path, query, header, cookie and body-read limits are always the global ones.",
                                    size("body-size", null, "Largest request body on this route."),
                                    object("parameters", "Limits on query and form parameters on this route.",
                                            integer("count", null, "Most query plus form parameters."),
                                            size("name-length", null, "Longest parameter name after decoding."),
                                            size("value-length", null, "Longest parameter value after decoding.")),
                                    object("json", "Limits on JSON bodies on this route.",
                                            integer("depth", null, "Deepest nesting of objects and arrays."),
                                            integer("keys-per-object", null, "Most keys in one object."),
                                            integer("elements", null, "Most values in one body."),
                                            size("key-length", null, "Longest object key."),
                                            size("string-length", null, "Longest string value.")),
                                    object("multipart", "Limits on multipart bodies on this route.",
                                            integer("parts", null, "Most parts."),
                                            size("part-size", null, "Largest part.")),
                                    object("xml", "Limits on XML bodies on this route.",
                                            integer("depth", null, "Deepest element nesting."),
                                            integer("elements", null, "Most elements in one body."))),
                            object("jwt", "The route's token requirements.",
                                    bool("required", null, "Whether a valid token is required on this route."),
                                    texts("scopes", null, "Scopes a token must grant on this route."),
                                    claims("Claim conditions a token must meet on this route.")),
                            routeSwitch("openapi", "validation against the contracts"),
                            allowedMethods(),
                            routeSwitch("allow-rules", "the allow rules"),
                            ipRules(true),
                            routeSwitch("csrf", "the CSRF check"),
                            object("headers", "The route's header policy.", requestHeaders(true)),
                            object("rate-limits", "The route's own rate limits, counted besides the global ones.",
                                    rateLimits()))));

    private ConfigSchema() {
    }

    /** The root of the table. */
    public static Key root() {
        return ROOT;
    }

    /**
     * The key at a path such as {@code jwt.issuers[2].hmac-secret} or {@code routes.admin.mode},
     * or {@code null} when there is none. Indices and the names of map-keyed entries both select
     * a list's element; an index under an object with {@code rules} selects a rule, as
     * {@code allow-rules} may be written as its rules alone.
     */
    public static Key find(String path) {
        Key key = ROOT;
        for (String part : path.replace("[", ".[").split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            if (key.type() == Type.LIST) {
                if (!part.startsWith("[") && !key.isKeyedList()) {
                    return null;
                }
                key = key.element();
                continue;
            }
            if (key.type() == Type.OBJECT && part.startsWith("[") && key.child("rules") != null) {
                key = key.child("rules").element();
                continue;
            }
            if (key.type() == Type.MAP) {
                return new Key(part, Type.TEXT, false, null, key.description(), key.secret(), List.of(), List.of());
            }
            key = key.child(part);
            if (key == null) {
                return null;
            }
        }
        return key;
    }

    /** Whether the value at a path must never be shown. */
    public static boolean isSecret(String path) {
        Key key = find(path);
        return key != null && key.secret();
    }

    /**
     * Every key outside list elements, by path from the root ({@code limits.body-size}); a list or
     * map is one entry. This is what tools such as IDE completion can list.
     */
    public static Map<String, Key> properties() {
        Map<String, Key> properties = new LinkedHashMap<>();
        collect(ROOT, "", properties);
        return properties;
    }

    private static void collect(Key key, String path, Map<String, Key> into) {
        if (key.type() != Type.OBJECT) {
            into.put(path, key);
            return;
        }
        for (Key child : key.children()) {
            collect(child, path.isEmpty() ? child.name() : path + "." + child.name(), into);
        }
    }

    private static Key requestHeaders(boolean route) {
        List<Key> keys = new ArrayList<>(List.of(
                matchers("allow", "Which headers may reach the application: 'all', 'standard' (the well-known headers of "
                        + "HTTP, browsers, CORS, WebSocket and trace context), or a list of header names, matchers such as "
                        + "{prefix: X-Acme-} and the word 'standard'. Framing headers always pass.", route ? null : "all"),
                texts("remove", null, "Headers that never reach the application, e.g. X-Debug."),
                choice("mode", null, "'block' (remove) or 'log-only' (remove nothing, log what would be); follows the "
                        + "global mode when not set.", Mode.class)));
        if (!route) {
            keys.add(2, texts("proxy-only", null, "Identity headers, e.g. X-Authenticated-User, that reach the application "
                    + "only from trusted proxies (see client-ip), like the forwarding headers."));
        }
        return new Key("request", Type.OBJECT, false, null, "What is done to request headers.", false, List.of(), keys);
    }

    private static Key rateLimits() {
        return list("limits", "The limits; a request must stay within every limit that covers it.",
                object("[]", "A limit.",
                        text("name", null, "The limit's name, unique in its section: in the security log and the "
                                + "RateLimit-Policy header."),
                        text("key", "client-address", "What requests are counted by: 'client-address', 'claim:NAME' (a "
                                + "claim of the verified token; 'claim' is claim:sub), 'header:NAME', 'cookie:NAME' or "
                                + "'route' (one count for all). A request without the claim, header or cookie is not "
                                + "counted by the limit."),
                        list("bandwidths", "At most capacity requests per period; a request must fit every bandwidth.",
                                object("[]", "A bandwidth.",
                                        integer("capacity", null, "The most requests in one period."),
                                        duration("period", null, "The period, at most 1d."),
                                        choice("refill", "greedy", "'greedy' returns tokens one by one over the period; "
                                                + "'interval' returns them all when the period is over.",
                                                Bandwidth.Refill.class))),
                        condition(),
                        mode()));
    }

    private static Key ipRules(boolean route) {
        return object("ip-rules", route ? "The route's client address rules." : "Client address rules.",
                texts("allow", null, "Addresses or CIDR ranges clients must lie in; no restriction when empty."),
                texts("deny", null, "Addresses or CIDR ranges that are refused."),
                mode());
    }

    private static Key allowedMethods() {
        return texts("allowed-methods", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS", "The request methods the service "
                + "answers; any other is refused with 405. Case-sensitive. The only entry 'any' allows every method.");
    }

    private static Key routeSwitch(String name, String what) {
        return object(name, "Switches " + what + " on this route.",
                bool("enabled", null, "Whether " + what + " run on this route."),
                mode());
    }

    /** A claim condition is a matcher's keys beside {@code claim} and {@code one-of}. */
    private static Key claims(String description) {
        List<Key> keys = new ArrayList<>(List.of(text("claim", null, "The claim's name."),
                texts("one-of", null, "The values it may have.")));
        keys.addAll(matcher("[]", "The value it must have.").children());
        return list("claims", description, new Key("[]", Type.OBJECT, false, null, "A claim condition: one-of, or a "
                + "matcher.", false, List.of(), keys));
    }

    /** A request condition: {@code when}. */
    private static Key condition() {
        return object("when", "Conditions on the request; all must hold.",
                matcher("path", "The request path."),
                texts("methods", null, "The request methods."),
                matchers("content-types", "The content types."),
                texts("client-ips", null, "Addresses or CIDR ranges of the client."));
    }

    /** The keys of an exception, override or custom rule, plus the blocked-data selectors. */
    private static Key withSelectors(Key... keys) {
        List<Key> all = new ArrayList<>(List.of(keys));
        all.add(object("parameter", "A parameter by name and value.", matcher("name", "The parameter's name."),
                matcher("value", "The parameter's value."),
                choice("source", "any", "Where the parameter is from.", ValueSelector.ParameterSource.class)));
        all.add(object("header", "A header by name and value.", matcher("name", "The header's name."),
                matcher("value", "The header's value.")));
        all.add(object("cookie", "A cookie by name and value.", matcher("name", "The cookie's name."),
                matcher("value", "The cookie's value.")));
        all.add(object("json", "A JSON value by pointer and value.", matcher("pointer", "The JSON pointer."),
                matcher("value", "The value.")));
        all.add(object("xml", "An XML value by path and value.", matcher("path", "The element path."),
                matcher("value", "The value.")));
        all.add(object("graphql", "A GraphQL value by name and value: variables/<JSON pointer> for a variable, "
                + "argument:<field>.<argument> for a string argument.", matcher("name", "The value's name."),
                matcher("value", "The value.")));
        all.add(matcher("path", "The request path."));
        all.add(matcher("path-segment", "A path segment."));
        all.add(matcher("path-parameter", "A path parameter."));
        all.add(matcher("value", "Any value."));
        return new Key("[]", Type.OBJECT, false, null, "An entry.", false, List.of(), all);
    }

    private static Key matcher(String name, String description) {
        return new Key(name, Type.OBJECT, true, null, description + " A text (exact), or one of exact, prefix, "
                + "suffix, contains, regex, pattern with ignore-case.", false, List.of(), List.of(
                text("exact", null, "The exact text."),
                text("prefix", null, "A prefix."),
                text("suffix", null, "A suffix."),
                text("contains", null, "Text it contains."),
                text("regex", null, "A regular expression, matched in linear time."),
                text("pattern", null, "A path pattern such as /pets/{id}: {name} and * stand for one segment, a last "
                        + "{*name} or ** for the rest of the path."),
                bool("ignore-case", "false", "Whether case is ignored.")));
    }

    private static Key matchers(String name, String description) {
        return matchers(name, description, null);
    }

    private static Key matchers(String name, String description, String defaultValue) {
        return new Key(name, Type.LIST, true, defaultValue, description, false, List.of(),
                List.of(matcher("[]", "An entry.")));
    }

    private static Key object(String name, String description, Key... children) {
        return new Key(name, Type.OBJECT, false, null, description, false, List.of(), List.of(children));
    }

    private static Key list(String name, String description, Key element) {
        return new Key(name, Type.LIST, false, null, description, false, List.of(), List.of(element));
    }

    private static Key map(String name, String description) {
        return new Key(name, Type.MAP, false, null, description, false, List.of(), List.of());
    }

    private static Key texts(String name, String defaultValue, String description) {
        return new Key(name, Type.LIST, true, defaultValue, description, false, List.of(),
                List.of(text("[]", null, "An entry.")));
    }

    private static Key text(String name, String defaultValue, String description) {
        return scalar(name, Type.TEXT, defaultValue, description);
    }

    private static Key bool(String name, String defaultValue, String description) {
        return scalar(name, Type.BOOLEAN, defaultValue, description);
    }

    private static Key integer(String name, String defaultValue, String description) {
        return scalar(name, Type.INTEGER, defaultValue, description);
    }

    private static Key size(String name, String defaultValue, String description) {
        return scalar(name, Type.SIZE, defaultValue, description);
    }

    private static Key duration(String name, String defaultValue, String description) {
        return scalar(name, Type.DURATION, defaultValue, description);
    }

    /** A {@code mode} key that follows the global mode when not set. */
    private static Key mode() {
        return choice("mode", null, MODE, Mode.class);
    }

    /** A choice of an enum's constants, named as {@link ConfigNode#enumValue} reads them. */
    private static Key choice(String name, String defaultValue, String description, Class<? extends Enum<?>> type) {
        List<String> values = new ArrayList<>();
        for (Enum<?> constant : type.getEnumConstants()) {
            values.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return choice(name, defaultValue, description, values.toArray(String[]::new));
    }

    private static Key choice(String name, String defaultValue, String description, String... values) {
        return new Key(name, Type.CHOICE, false, defaultValue, description, false, List.of(values), List.of());
    }

    private static Key scalar(String name, Type type, String defaultValue, String description) {
        return new Key(name, type, false, defaultValue, description, false, List.of(), List.of());
    }
}
