package dev.keygate.behavior;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;

/**
 * Tokens an attacker can make without the issuer's private key: unsigned, HMAC-signed with the
 * issuer's public key, signed with the attacker's own key and pointing at it ({@code jku},
 * {@code x5u}, {@code jwk}), or a genuine token with its payload swapped.
 */
final class Forgeries {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Forgeries() {}

    /** {@code alg: none}, nothing after the last dot. */
    static String unsigned(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        return IssuerKeys.compact(jws);
    }

    /**
     * HS256 with the issuer's public key (its PEM text, as a library that trusts the token's
     * {@code alg} would use it) as the shared secret, naming the issuer's key in {@code kid}.
     */
    static String hmacWithPublicKey(JwtClaims claims, PublicJsonWebKey issuerKey) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(issuerKey.getPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(pem.getBytes(StandardCharsets.US_ASCII)));
        jws.setKeyIdHeaderValue(issuerKey.getKeyId());
        return IssuerKeys.compact(jws);
    }

    /** Signed with {@code key}, naming {@code kid}, with one extra header ({@code jku}, {@code x5u}). */
    static String signedWithHeader(JwtClaims claims, PublicJsonWebKey key, String kid, String header, String value) {
        JsonWebSignature jws = IssuerKeys.signature(claims, key, kid);
        jws.setHeader(header, value);
        return IssuerKeys.compact(jws);
    }

    /** Signed with {@code key}, which it carries in its {@code jwk} header for the verifier to use. */
    static String signedWithEmbeddedKey(JwtClaims claims, PublicJsonWebKey key) {
        JsonWebSignature jws = IssuerKeys.signature(claims, key, key.getKeyId());
        jws.setJwkHeader(key);
        return IssuerKeys.compact(jws);
    }

    /** Signed with {@code key} but naming {@code kid} (another key's id, or one nobody publishes). */
    static String signedNaming(JwtClaims claims, PublicJsonWebKey key, String kid) {
        return IssuerKeys.compact(IssuerKeys.signature(claims, key, kid));
    }

    /** {@code token} with its payload replaced by {@code claims}, header and signature kept. */
    static String withPayload(String token, JwtClaims claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + base64url(claims.toJson()) + "." + parts[2];
    }

    static String base64url(String text) {
        return BASE64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
