package dev.bulwark.servlet;

import com.nimbusds.jose.jwk.RSAKey;

/**
 * The identity provider of the token tests that are about something else (routes, overrides,
 * identity headers): issuer {@value #ISSUER}, one RSA key served from a real JWKS endpoint, and
 * valid tokens signed with it. Close it when the test class is done.
 */
final class IdentityProvider implements AutoCloseable {

    static final String ISSUER = "https://idp.example";

    private final RSAKey key = Tokens.rsa("idp-rsa");
    private final JwksServer jwks = JwksServer.serving(Tokens.publicJwks(key));

    /** This provider as one entry of {@code jwt.issuers}, in YAML flow style. */
    String issuer() {
        return "{issuer: \"%s\", jwks-uri: \"%s\", audiences: [%s]}".formatted(ISSUER, jwks.uri(), Tokens.AUDIENCE);
    }

    /** A token that passes every check, new on each call (see {@link Tokens#valid}). */
    String token() {
        return Tokens.rs256(key, Tokens.valid(ISSUER).build());
    }

    @Override
    public void close() {
        jwks.close();
    }
}
