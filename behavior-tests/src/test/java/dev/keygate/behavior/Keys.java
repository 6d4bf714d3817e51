package dev.keygate.behavior;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Key arithmetic the harness does itself rather than borrowing from the service, so a wrong hash
 * or mask in the service cannot agree with itself.
 */
public final class Keys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Keys() {}

    /** What {@code keys.token} holds: lowercase hex SHA-256 of the UTF-8 cleartext. */
    public static String token(String cleartext) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cleartext.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /** What {@code keys.key_name} holds: {@code sk-...} plus the last four characters. */
    public static String maskedName(String cleartext) {
        return "sk-..." + cleartext.substring(cleartext.length() - 4);
    }

    public static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** A well-formed token no key has. */
    public static String missingToken() {
        return randomHex(32);
    }

    /** A well-formed cleartext key that was never issued. */
    public static String missingKey() {
        return "sk-missing-" + randomHex(16);
    }
}
