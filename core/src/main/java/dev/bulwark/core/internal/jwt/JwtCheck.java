package dev.bulwark.core.internal.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.core.BlockType;
import dev.bulwark.core.Check;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Headers;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.ClaimRequirement;
import dev.bulwark.core.config.JwtConfig;
import dev.bulwark.core.config.JwtIssuer;
import dev.bulwark.core.config.JwtRequirement;
import dev.bulwark.core.config.Route;
import dev.bulwark.core.internal.Caches;
import dev.bulwark.core.internal.policy.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates the internal token ({@code jwt:}): finds it, verifies it against the issuer it names,
 * checks time claims and audience, then the route's scope and claim requirements; publishes the
 * verified claims to the application and propagates chosen claims as headers.
 *
 * <p>Verified tokens are cached by the SHA-256 of the token, never beyond {@code exp} (and at most
 * 10 minutes), so a repeated token costs a hash and a lookup, not a signature check. Only what the
 * token itself proves is cached (signature, issuer, time claims, audience); the route's scopes and
 * claims are checked on every request. A cached token of a {@code jwks-uri} issuer stops passing
 * once its key leaves the fetched key set.
 */
public final class JwtCheck implements Check {

    /** Request attribute with the verified claims as a map. */
    public static final String CLAIMS_ATTRIBUTE = Decision.CLAIMS_ATTRIBUTE;
    /** Request attribute with the verified subject ({@code sub}). */
    public static final String SUBJECT_ATTRIBUTE = Decision.SUBJECT_ATTRIBUTE;
    /** Request attribute with the verified issuer. */
    public static final String ISSUER_ATTRIBUTE = "bulwark.jwt.issuer";

    private static final Logger LOG = LoggerFactory.getLogger(JwtCheck.class);
    private static final Duration MAX_CACHE_TIME = Duration.ofMinutes(10);
    /** Never used itself: {@link #hash} digests with copies of it. */
    private static final MessageDigest SHA_256 = sha256();

    private final JwtConfig config;
    private final Map<String, IssuerVerifier> verifiers = new HashMap<>();
    private final Cache<String, VerifiedToken> cache;
    private final Clock clock;
    private final Set<String> propagatedHeaders;

    public JwtCheck(JwtConfig config) {
        this(config, Clock.systemUTC());
    }

    JwtCheck(JwtConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.propagatedHeaders = config.propagate().values().stream().map(HeaderNames::fold)
                .collect(Collectors.toUnmodifiableSet());
        for (JwtIssuer issuer : config.issuers()) {
            verifiers.put(issuer.issuer(), new IssuerVerifier(issuer));
        }
        this.cache = Caches.onCallingThread()
                .maximumSize(config.cacheSize())
                .expireAfter(new Expiry<String, VerifiedToken>() {
                    @Override
                    public long expireAfterCreate(String key, VerifiedToken token, long currentTime) {
                        Duration left = token.expiresAt() == null ? MAX_CACHE_TIME
                                : Duration.between(clock.instant(), token.expiresAt());
                        if (left.isNegative()) {
                            return 0;
                        }
                        return Math.min(left.toNanos(), MAX_CACHE_TIME.toNanos());
                    }

                    @Override
                    public long expireAfterUpdate(String key, VerifiedToken token, long currentTime, long currentDuration) {
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String key, VerifiedToken token, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public String name() {
        return "jwt";
    }

    /** Whether every issuer's keys can be obtained now. */
    public boolean keysAvailable() {
        return verifiers.values().stream().allMatch(IssuerVerifier::keysAvailable);
    }

    @Override
    public void inspect(Inspection inspection) {
        HttpRequest request = inspection.request();
        hideClientPropagatedHeaders(inspection);
        Route route = inspection.route();
        JwtRequirement routeRequirement = route == null ? null : route.jwt();
        boolean required = routeRequirement != null && routeRequirement.required() != null
                ? routeRequirement.required() : config.required();

        TokenExtractor.Extracted extracted = TokenExtractor.extract(request, config);
        if (extracted.ambiguous()) {
            reject(inspection, TokenRejection.AMBIGUOUS, extracted.location(), true);
            return;
        }
        if (extracted.token() == null) {
            if (required) {
                reject(inspection, TokenRejection.MISSING, extracted.location(), true);
            }
            return;
        }
        VerifiedToken token;
        try {
            Object outcome = verify(extracted.token());
            if (outcome instanceof TokenRejection rejection) {
                reject(inspection, rejection, extracted.location(), required);
                return;
            }
            token = (VerifiedToken) outcome;
        } catch (KeySourceException e) {
            LOG.warn("Token keys unavailable: {}", e.getMessage());
            inspection.report(new Finding("JWT", "JWT-KEYS-UNAVAILABLE", "the issuer's keys could not be obtained",
                    extracted.location(), "", Level.BASIC, Mode.BLOCK, BlockType.INTERNAL, 503));
            return;
        }
        if (!authorize(inspection, token, config.requirement(), extracted.location())) {
            return;
        }
        if (routeRequirement != null && !authorize(inspection, token, routeRequirement, extracted.location())) {
            return;
        }
        inspection.attribute(CLAIMS_ATTRIBUTE, token.claimMap());
        inspection.attribute(ISSUER_ATTRIBUTE, token.issuer());
        if (token.claims().getSubject() != null) {
            inspection.attribute(SUBJECT_ATTRIBUTE, token.claims().getSubject());
        }
        for (Map.Entry<String, String> entry : config.propagate().entrySet()) {
            Object value = token.claimMap().get(entry.getKey());
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                String text = value.toString();
                if (fitsInHeader(text)) {
                    inspection.setRequestHeader(entry.getValue(), text);
                }
            }
        }
    }

    /** Whether {@code text} holds no control character, so that it can be sent as a header value. */
    private static boolean fitsInHeader(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * Hides what the client sent under a propagated header's name, in any spelling a server may read
     * as it ({@code X_User_Id}, {@code x-user_id} for {@code X-User-Id}): only a verified claim may
     * reach the application there. Only the names the request carries are hidden: a request without
     * them needs no change, so the adapter hands the application the request as it came.
     */
    private void hideClientPropagatedHeaders(Inspection inspection) {
        if (propagatedHeaders.isEmpty()) {
            return;
        }
        for (Headers.Header header : inspection.request().headers().all()) {
            if (propagatedHeaders.contains(HeaderNames.fold(header.lowerCaseName()))) {
                inspection.removeRequestHeader(header.lowerCaseName());
            }
        }
    }

    /** Returns a {@link VerifiedToken} or the {@link TokenRejection}. */
    Object verify(String token) throws KeySourceException {
        if (token.length() > config.maxTokenSize()) {
            return TokenRejection.TOO_LARGE;
        }
        String key = hash(token);
        VerifiedToken cached = cache.getIfPresent(key);
        Instant now = clock.instant();
        if (cached != null) {
            if (cached.expiresAt() == null || !now.isAfter(cached.expiresAt().plus(config.clockSkew()))) {
                TokenRejection withdrawn = verifiers.get(cached.issuer()).stillTrusts(cached.header(), cached.key());
                if (withdrawn == null) {
                    return cached;
                }
                cache.invalidate(key);
                return withdrawn;
            }
            cache.invalidate(key);
        }
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            return TokenRejection.MALFORMED;
        }
        if (!(parsed instanceof SignedJWT signed)) {
            return TokenRejection.UNSIGNED;
        }
        JWSHeader header = signed.getHeader();
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            return TokenRejection.MALFORMED;
        }
        IssuerVerifier verifier = claims.getIssuer() == null ? null : verifiers.get(claims.getIssuer());
        if (verifier == null) {
            return TokenRejection.UNKNOWN_ISSUER;
        }
        if (!verifier.accepts(header.getAlgorithm())) {
            return TokenRejection.ALGORITHM;
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return TokenRejection.CRITICAL_HEADER;
        }
        if (!config.types().isEmpty() && !typeAccepted(header.getType())) {
            return TokenRejection.TYPE;
        }
        IssuerVerifier.SignatureCheck signature = verifier.verify(signed);
        if (signature.rejection() != null) {
            return signature.rejection();
        }
        TokenRejection time = checkClaims(claims, verifier.issuer(), now);
        if (time != null) {
            return time;
        }
        Instant expiresAt = claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant();
        VerifiedToken verified = new VerifiedToken(verifier.issuer().issuer(), header, signature.key(), claims,
                claims.toJSONObject(), expiresAt);
        cache.put(key, verified);
        return verified;
    }

    private TokenRejection checkClaims(JWTClaimsSet claims, JwtIssuer issuer, Instant now) {
        Duration skew = config.clockSkew();
        Instant exp = claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant();
        Instant nbf = claims.getNotBeforeTime() == null ? null : claims.getNotBeforeTime().toInstant();
        Instant iat = claims.getIssueTime() == null ? null : claims.getIssueTime().toInstant();
        if (exp == null && config.requireExpiration()) {
            return TokenRejection.MISSING_EXPIRATION;
        }
        if (exp != null && now.isAfter(exp.plus(skew))) {
            return TokenRejection.EXPIRED;
        }
        if (nbf != null && now.isBefore(nbf.minus(skew))) {
            return TokenRejection.NOT_YET_VALID;
        }
        if (iat != null && now.isBefore(iat.minus(skew))) {
            return TokenRejection.ISSUED_IN_FUTURE;
        }
        if (config.maxLifetime() != null && exp != null) {
            Instant start = iat != null ? iat : now;
            if (Duration.between(start, exp).compareTo(config.maxLifetime().plus(skew)) > 0) {
                return TokenRejection.LIFETIME;
            }
        }
        if (!issuer.audiences().isEmpty()) {
            List<String> audience = claims.getAudience();
            if (audience == null || audience.stream().noneMatch(issuer.audiences()::contains)) {
                return TokenRejection.WRONG_AUDIENCE;
            }
        }
        return null;
    }

    private boolean typeAccepted(JOSEObjectType type) {
        if (type == null) {
            return false;
        }
        String value = type.getType().toLowerCase(Locale.ROOT);
        if (value.startsWith("application/")) {
            value = value.substring("application/".length());
        }
        for (String accepted : config.types()) {
            String normalized = accepted.toLowerCase(Locale.ROOT);
            if (normalized.startsWith("application/")) {
                normalized = normalized.substring("application/".length());
            }
            if (normalized.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private boolean authorize(Inspection inspection, VerifiedToken token, JwtRequirement requirement, Location location) {
        for (String scope : requirement.scopes()) {
            if (!token.scopes().contains(scope)) {
                inspection.responseHeader("WWW-Authenticate",
                        "Bearer error=\"insufficient_scope\", scope=\"" + String.join(" ", requirement.scopes()) + "\"");
                inspection.report(new Finding("JWT", "JWT-SCOPE", "token lacks scope " + scope, location, "",
                        Level.BASIC, Mode.BLOCK, BlockType.FORBIDDEN, 403));
                return false;
            }
        }
        for (ClaimRequirement claim : requirement.claims()) {
            if (!claimHolds(token.claimMap().get(claim.claim()), claim)) {
                inspection.report(new Finding("JWT", "JWT-CLAIM", "claim " + claim.claim() + " does not meet the route's requirement",
                        location, "", Level.BASIC, Mode.BLOCK, BlockType.FORBIDDEN, 403));
                return false;
            }
        }
        return true;
    }

    private static boolean claimHolds(Object value, ClaimRequirement requirement) {
        if (value instanceof Collection<?> values) {
            for (Object element : values) {
                if ((element instanceof String || element instanceof Number || element instanceof Boolean)
                        && requirement.accepts(element.toString())) {
                    return true;
                }
            }
            return false;
        }
        return (value instanceof String || value instanceof Number || value instanceof Boolean)
                && requirement.accepts(value.toString());
    }

    private void reject(Inspection inspection, TokenRejection rejection, Location location, boolean blocks) {
        if (blocks) {
            // RFC 6750, section 3.1: no error code when the request carried no token at all.
            inspection.responseHeader("WWW-Authenticate",
                    rejection == TokenRejection.MISSING ? "Bearer" : "Bearer error=\"invalid_token\"");
        }
        inspection.report(new Finding("JWT", rejection.ruleId(), rejection.description(), location, "", Level.BASIC,
                blocks ? Mode.BLOCK : Mode.LOG_ONLY, BlockType.TOKEN, 401));
    }

    /**
     * The cache key of {@code token}: its SHA-256, so that the cache holds no bearer token. Each
     * request digests with a copy of one instance, without looking the algorithm up among the
     * security providers every time.
     */
    private static String hash(String token) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = sha256();
        }
        return Base64.getEncoder().encodeToString(digest.digest(token.getBytes(StandardCharsets.US_ASCII)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** For tests: how many verified tokens the cache holds once pending evictions are done. */
    long cachedTokens() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** For tests: the location a token in the Authorization header is reported at. */
    static Location authorizationLocation() {
        return Location.value(Source.HEADER, "authorization");
    }
}
