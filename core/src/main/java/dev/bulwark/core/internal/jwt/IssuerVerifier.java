package dev.bulwark.core.internal.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.SignedJWT;
import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.core.config.JwtIssuer;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies signatures for one issuer, with that issuer's keys and algorithms only.
 *
 * <p>Keys come only from the configuration: the token's {@code jku}, {@code x5u}, {@code jwk} and
 * {@code x5c} headers are never used to find keys, so a token cannot bring the key that verifies it.
 */
final class IssuerVerifier {

    private final JwtIssuer issuer;
    private final Set<JWSAlgorithm> algorithms;
    private final JWSVerificationKeySelector<SecurityContext> keySelector;
    private final JWKSource<SecurityContext> keySource;
    private final DefaultJWSVerifierFactory verifierFactory = new DefaultJWSVerifierFactory();
    /** Whether the keys come from a {@code jwks-uri}, whose key set can change while running. */
    private final boolean keysCanChange;
    /**
     * Whether the last look-up found a key set (fetched or tolerated through an outage), so that a
     * refused refetch means "no such key" rather than "no keys".
     */
    private volatile boolean haveKeys;
    /** What {@link #currentKeys} converted last; {@code null} before the first cache hit. */
    private volatile ConvertedKeys converted;

    IssuerVerifier(JwtIssuer issuer) {
        this.issuer = issuer;
        Set<JWSAlgorithm> parsed = new LinkedHashSet<>();
        for (String name : issuer.algorithms()) {
            parsed.add(JWSAlgorithm.parse(name));
        }
        this.algorithms = Set.copyOf(parsed);
        this.keySource = keySource(issuer);
        this.keysCanChange = issuer.hmacSecret() == null && issuer.jwksFile() == null;
        this.keySelector = new JWSVerificationKeySelector<>(algorithms, keySource);
    }

    JwtIssuer issuer() {
        return issuer;
    }

    /** Whether the algorithm is on this issuer's allow-list. */
    boolean accepts(JWSAlgorithm algorithm) {
        return algorithms.contains(algorithm);
    }

    /**
     * Checks the signature.
     *
     * @return the key that verified it, or the reason it does not verify
     * @throws KeySourceException when the keys cannot be obtained (endpoint down, nothing cached)
     */
    SignatureCheck verify(SignedJWT jwt) throws KeySourceException {
        JWSHeader header = jwt.getHeader();
        List<? extends Key> keys;
        try {
            keys = selectKeys(header);
        } catch (UnknownKeyException e) {
            return SignatureCheck.rejected(TokenRejection.UNKNOWN_KEY);
        }
        if (keys.isEmpty()) {
            return SignatureCheck.rejected(TokenRejection.UNKNOWN_KEY);
        }
        for (Key key : keys) {
            try {
                JWSVerifier verifier = verifierFactory.createJWSVerifier(header, key);
                if (jwt.verify(verifier)) {
                    return SignatureCheck.verifiedBy(key);
                }
            } catch (JOSEException e) {
                // A key that does not fit the algorithm; try the next one.
            }
        }
        return SignatureCheck.rejected(TokenRejection.BAD_SIGNATURE);
    }

    /**
     * Whether the key that verified a cached token is still one of the issuer's keys. A key set
     * fetched from a {@code jwks-uri} changes when the issuer rotates or revokes a key, and a token
     * signed by a withdrawn key must stop passing as soon as the new set is fetched, not when its
     * cache entry expires. Keys from a file or a secret never change, so those cost nothing here.
     *
     * @return {@code null} when the key is still trusted, otherwise the reason
     * @throws KeySourceException when the keys cannot be obtained (endpoint down, nothing cached)
     */
    TokenRejection stillTrusts(JWSHeader header, Key key) throws KeySourceException {
        if (!keysCanChange) {
            return null;
        }
        try {
            return currentKeys(header).contains(key) ? null : TokenRejection.UNKNOWN_KEY;
        } catch (UnknownKeyException e) {
            return TokenRejection.UNKNOWN_KEY;
        }
    }

    /**
     * The keys {@link #selectKeys} finds for {@code header}, converted again only when the entries
     * of the key set it selects have changed: converting an entry builds a new Java key (a
     * {@code KeyFactory} call for RSA and EC), which a cached token should not cost on every request.
     * The entries of a cached key set are the same objects from one look-up to the next.
     */
    private List<? extends Key> currentKeys(JWSHeader header) throws KeySourceException, UnknownKeyException {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(header));
        List<JWK> entries = lookUp(() -> keySource.get(selector, null));
        ConvertedKeys last = converted;
        if (last != null && last.sameEntries(entries)) {
            return last.keys();
        }
        List<? extends Key> keys = selectKeys(header);
        converted = new ConvertedKeys(entries, keys);
        return keys;
    }

    /** Key set entries and the Java keys selected from them, as {@link #currentKeys} last found them. */
    private record ConvertedKeys(List<JWK> entries, List<? extends Key> keys) {

        boolean sameEntries(List<JWK> other) {
            if (other.size() != entries.size()) {
                return false;
            }
            for (int i = 0; i < other.size(); i++) {
                if (other.get(i) != entries.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    private List<? extends Key> selectKeys(JWSHeader header) throws KeySourceException, UnknownKeyException {
        return lookUp(() -> keySelector.selectJWSKeys(header, null));
    }

    /** A look-up in the issuer's key source. */
    @FunctionalInterface
    private interface KeyLookUp<T> {
        T get() throws KeySourceException;
    }

    private <T> T lookUp(KeyLookUp<T> lookUp) throws KeySourceException, UnknownKeyException {
        try {
            T found = lookUp.get();
            haveKeys = true;
            return found;
        } catch (RateLimitReachedException e) {
            // An unknown kid asks for a refetch, which the rate limit refuses while the key set in
            // hand is fresh: the key is simply unknown. Without a key set, it cannot be checked.
            if (haveKeys) {
                throw new UnknownKeyException();
            }
            throw e;
        } catch (KeySourceException e) {
            haveKeys = false;
            throw e;
        }
    }

    /** The key a signature was verified with, or why it was not. */
    record SignatureCheck(Key key, TokenRejection rejection) {

        static SignatureCheck verifiedBy(Key key) {
            return new SignatureCheck(key, null);
        }

        static SignatureCheck rejected(TokenRejection rejection) {
            return new SignatureCheck(null, rejection);
        }
    }

    /** A refetch for an unknown key was refused by the rate limit while a key set is in hand. */
    private static final class UnknownKeyException extends Exception {

        UnknownKeyException() {
            super(null, null, false, false);
        }
    }

    /** Whether the issuer's keys can be obtained now (for health reporting). */
    boolean keysAvailable() {
        try {
            return !keySource.get(new JWKSelector(new JWKMatcher.Builder().build()), null).isEmpty()
                    || issuer.usesHmac();
        } catch (KeySourceException e) {
            return false;
        }
    }

    private static JWKSource<SecurityContext> keySource(JwtIssuer issuer) {
        if (issuer.hmacSecret() != null) {
            return new ImmutableSecret<>(issuer.hmacSecret().getBytes(StandardCharsets.UTF_8));
        }
        if (issuer.jwksFile() != null) {
            return new ImmutableJWKSet<>(JwksFile.load(issuer.jwksFile()));
        }
        JwtIssuer.JwksSettings settings = issuer.jwks();
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(
                (int) settings.connectTimeout().toMillis(), (int) settings.readTimeout().toMillis(), settings.sizeLimit());
        try {
            long ttl = settings.cacheTtl().toMillis();
            return JWKSourceBuilder.<SecurityContext>create(issuer.jwksUri().toURL(), retriever)
                    .cache(ttl, settings.connectTimeout().plus(settings.readTimeout()).toMillis())
                    .refreshAheadCache(settings.refreshAhead().toMillis(), false)
                    .rateLimited(Math.min(settings.rateLimit().toMillis(), ttl - 1))
                    .outageTolerant(settings.outageTolerance().toMillis())
                    .retrying(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new ConfigurationException("jwt.issuers", "invalid jwks-uri " + issuer.jwksUri(), e);
        }
    }
}
