package dev.bulwark.core.internal.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A fixed-length stand-in for a long key value (an API key, a token claim), so that a client
 * cannot make the store hold large keys: SHA-256, URL-safe Base64 without padding (43 characters).
 */
final class KeyDigest {

    private KeyDigest() {
    }

    static String of(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "#" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
