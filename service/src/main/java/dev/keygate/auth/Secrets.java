package dev.keygate.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Key material: generation, SHA-256 ids, masking and constant-time comparison. */
public final class Secrets {

    public static final String KEY_PREFIX = "sk-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    /** {@code sk-} + {@code bytes} random bytes, url-safe base64 without padding. */
    public static String newKey(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** One digest per thread: hashing is on every request, looking up a provider need not be. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    });
    private static final HexFormat HEX = HexFormat.of();

    public static String sha256Hex(String secret) {
        // digest() resets the instance, so the next use starts clean.
        return HEX.formatHex(SHA_256.get().digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** The displayable form of a key: {@code sk-...abcd}. */
    public static String mask(String key) {
        return KEY_PREFIX + "..." + key.substring(Math.max(KEY_PREFIX.length(), key.length() - 4));
    }

    public static boolean isSha256Hex(String value) {
        return value != null && value.matches("[0-9a-f]{64}");
    }
}
