package dev.bulwark.samples.echo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Mints demo tokens for the echo sample's {@code config/jwt.yaml}, signed with the demo key in
 * {@code config/demo-signing-key.json} (whose public half is {@code config/jwks.json}). The key is
 * published in this repository: it is for trying the sample, never for anything real.
 *
 * <pre>
 * java -cp samples/echo/target/echo.jar dev.bulwark.samples.echo.DemoToken [--sub S] [--scope "a b"] [--ttl SECONDS]
 *     [--issuer URL] [--audience A] [--key FILE]
 * </pre>
 */
public final class DemoToken {

    /** The issuer {@code config/jwt.yaml} trusts. */
    public static final String ISSUER = "https://idp.example.test";
    /** The audience {@code config/jwt.yaml} accepts. */
    public static final String AUDIENCE = "echo";
    /** The demo key, relative to the repository root. */
    public static final Path KEY = Path.of("samples/echo/config/demo-signing-key.json");

    private static final String USAGE = "usage: DemoToken [--sub S] [--scope \"a b\"] [--ttl SECONDS] [--issuer URL]"
            + " [--audience A] [--key FILE]";

    private DemoToken() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String subject = "demo-user";
        String scope = "echo:read";
        long ttl = 600;
        String issuer = ISSUER;
        String audience = AUDIENCE;
        Path key = KEY;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--sub" -> subject = value(args, ++i);
                    case "--scope" -> scope = value(args, ++i);
                    case "--ttl" -> ttl = Long.parseLong(value(args, ++i));
                    case "--issuer" -> issuer = value(args, ++i);
                    case "--audience" -> audience = value(args, ++i);
                    case "--key" -> key = Path.of(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            out.println(mint(signingKey(key), issuer, audience, subject, scope, ttl));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("DemoToken: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException | ParseException | JOSEException e) {
            err.println("DemoToken: " + e.getMessage());
            return 1;
        }
    }

    /** The first RSA private key in the JWK set file. */
    public static RSAKey signingKey(Path file) throws IOException, ParseException {
        for (JWK jwk : JWKSet.parse(Files.readString(file)).getKeys()) {
            if (jwk instanceof RSAKey rsa && rsa.isPrivate()) {
                return rsa;
            }
        }
        throw new IllegalArgumentException(file + " holds no RSA private key");
    }

    /** An RS256 token for {@code subject} with {@code scope}, valid for {@code ttlSeconds}. */
    public static String mint(RSAKey key, String issuer, String audience, String subject, String scope, long ttlSeconds)
            throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .claim("scope", scope)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(ttlSeconds)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(args[index - 1] + " needs a value");
        }
        return args[index];
    }
}
