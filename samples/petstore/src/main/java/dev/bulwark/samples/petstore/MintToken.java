package dev.bulwark.samples.petstore;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Mints a token the petstore accepts, signed with the demo key that ships with this sample
 * ({@code demo-keys/demo-signing-key.DEMO-ONLY.jwks.json}): a stand-in for the identity provider a
 * real service would get its tokens from.
 *
 * <pre>
 * java -jar petstore.jar mint-token [--subject NAME] [--scope "SCOPE ..."] [--minutes N]
 * </pre>
 *
 * Defaults: subject {@code demo-user}, scopes {@code pets:write orders:write}, valid for 60 minutes.
 * Prints the token alone on standard output, so {@code TOKEN=$(java -jar petstore.jar mint-token)}
 * works.
 */
public final class MintToken {

    /** The issuer the petstore trusts ({@code bulwark.jwt.issuers[0].issuer}). */
    public static final String ISSUER = "https://demo-issuer.petstore.example";
    /** The audience the petstore accepts. */
    public static final String AUDIENCE = "petstore";
    /** The demo private key, on the classpath. Never do this in a real service. */
    public static final String DEMO_KEY = "demo-keys/demo-signing-key.DEMO-ONLY.jwks.json";

    private MintToken() {
    }

    public static void main(String[] args) throws Exception {
        String subject = "demo-user";
        String scope = "pets:write orders:write";
        long minutes = 60;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                usage(System.out);
                return;
            }
            if (i + 1 >= args.length) {
                fail("missing value for " + option);
                return;
            }
            String value = args[++i];
            switch (option) {
                case "--subject" -> subject = value;
                case "--scope" -> scope = value;
                case "--minutes" -> {
                    try {
                        minutes = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        minutes = -1;
                    }
                    if (minutes < 1 || minutes > 1440) {
                        fail("--minutes must be between 1 and 1440 (the petstore accepts tokens valid for a day at most)");
                        return;
                    }
                }
                default -> {
                    fail("unknown option " + option);
                    return;
                }
            }
        }
        System.out.println(mint(subject, scope, Duration.ofMinutes(minutes)));
    }

    /** A token for {@code subject} with these space-separated scopes, valid from now for {@code lifetime}. */
    public static String mint(String subject, String scope, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .claim("scope", scope)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        ECKey key = demoKey();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the demo key", e);
        }
        return jwt.serialize();
    }

    private static ECKey demoKey() {
        try (InputStream in = MintToken.class.getClassLoader().getResourceAsStream(DEMO_KEY)) {
            if (in == null) {
                throw new IllegalStateException(DEMO_KEY + " is not on the classpath");
            }
            return JWKSet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getKeys().get(0).toECKey();
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot read " + DEMO_KEY, e);
        }
    }

    private static void fail(String message) {
        System.err.println("mint-token: " + message);
        usage(System.err);
        System.exit(2);
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar petstore.jar mint-token [--subject NAME] [--scope \"SCOPE ...\"] [--minutes N]");
        out.println("  Prints a token signed with the petstore's demo key (for trying the sample only).");
        out.println("  Defaults: --subject demo-user --scope \"pets:write orders:write\" --minutes 60");
    }
}
