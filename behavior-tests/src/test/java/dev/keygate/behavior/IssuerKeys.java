package dev.keygate.behavior;

import dev.keygate.testing.TestRsaKeys;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * One issuer's signing keys as the harness's identity provider holds them: the key set it publishes
 * (which a test may rotate: publish a new key, retire the old), the key it signs with, and a switch
 * that makes its JWKS endpoint answer 503.
 */
final class IssuerKeys {

    private static final AtomicInteger KEY_IDS = new AtomicInteger();

    private final TestIssuer issuer;
    private final List<PublicJsonWebKey> published = new CopyOnWriteArrayList<>();
    private final AtomicBoolean down;
    private volatile PublicJsonWebKey signing;

    IssuerKeys(TestIssuer issuer) {
        this.issuer = issuer;
        this.signing = newKey();
        this.published.add(signing);
        this.down = new AtomicBoolean(issuer == TestIssuer.NEVER_UP);
    }

    TestIssuer issuer() {
        return issuer;
    }

    /** A fresh key of the issuer's kind (RSA 2048 or EC P-256) with a unique {@code kid}; not published. */
    PublicJsonWebKey newKey() {
        try {
            PublicJsonWebKey key = issuer.elliptic() ? EcJwkGenerator.generateJwk(EllipticCurves.P256)
                    : TestRsaKeys.next();
            key.setKeyId(issuer.pathName() + "-key-" + KEY_IDS.incrementAndGet());
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key tokens are signed with. */
    PublicJsonWebKey signingKey() {
        return signing;
    }

    /** Publishes {@code next} and signs with it from now on; the old key stays published until retired. */
    void publishAndSignWith(PublicJsonWebKey next) {
        published.add(next);
        signing = next;
    }

    void retire(PublicJsonWebKey key) {
        published.remove(key);
    }

    void setDown(boolean isDown) {
        down.set(isDown);
    }

    boolean isDown() {
        return down.get();
    }

    /** The JWKS document: public parts only. */
    String jwks() {
        return new JsonWebKeySet(List.copyOf(published)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** Claims every valid token of this issuer carries: iss, aud, exp in an hour, iat, a unique jti. */
    JwtClaims claims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer.id());
        claims.setAudience(TestIssuer.AUDIENCE);
        claims.setExpirationTimeMinutesInTheFuture(60);
        claims.setIssuedAtToNow();
        claims.setGeneratedJwtId();
        return claims;
    }

    /** Signed with the current signing key. */
    String sign(JwtClaims claims) {
        return sign(claims, signing);
    }

    /** Signed with {@code key} (published or not), naming it in {@code kid}. */
    String sign(JwtClaims claims, PublicJsonWebKey key) {
        return compact(signature(claims, key, key.getKeyId()));
    }

    /** A signature of {@code claims} by {@code key} (RS256 or ES256 by its kind), naming {@code kid}; headers may be added. */
    static JsonWebSignature signature(JwtClaims claims, PublicJsonWebKey key, String kid) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(key.getKeyType().equals("EC") ? AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256
                : AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws;
    }

    /** The token: header.payload.signature. */
    static String compact(JsonWebSignature jws) {
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
