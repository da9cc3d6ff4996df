package dev.bulwark.core.internal.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.core.internal.ClasspathResource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

/** The JWK set of an issuer's {@code jwks-file}. */
public final class JwksFile {

    private JwksFile() {
    }

    /**
     * Reads a JWK set from a file or {@code classpath:} location; only public keys are kept. The
     * configuration reader calls it too, so that a missing or bad file is reported at its key.
     */
    public static JWKSet load(String location) {
        String text;
        try {
            if (location.startsWith(ClasspathResource.PREFIX)) {
                try (InputStream in = ClasspathResource.open(location)) {
                    if (in == null) {
                        throw new ConfigurationException("jwt.issuers", "jwks-file not found: " + location);
                    }
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } else {
                String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
                text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
            }
            JWKSet set = JWKSet.parse(text).toPublicJWKSet();
            if (set.getKeys().isEmpty()) {
                throw new ConfigurationException("jwt.issuers", "jwks-file " + location + " holds no public keys");
            }
            return set;
        } catch (IOException e) {
            throw new ConfigurationException("jwt.issuers", "cannot read jwks-file " + location + ": " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new ConfigurationException("jwt.issuers", "jwks-file " + location + " is not a JWK set: " + e.getMessage(), e);
        }
    }
}
