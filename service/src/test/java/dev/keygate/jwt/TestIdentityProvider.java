package dev.keygate.jwt;

import com.sun.net.httpserver.HttpServer;
import dev.keygate.testing.TestRsaKeys;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

/** An identity provider for the tests: an RSA and an EC key, their JWKS served over HTTP, tokens signed with them. */
final class TestIdentityProvider implements AutoCloseable {

    static final String ISSUER = "https://idp.test/realms/keygate";
    static final String AUDIENCE = "keygate";

    final PublicJsonWebKey rsa;
    final PublicJsonWebKey ec;
    final AtomicInteger jwksFetches = new AtomicInteger();
    final AtomicBoolean down = new AtomicBoolean();
    private final HttpServer server;

    TestIdentityProvider() throws JoseException, IOException {
        // Kept pairs (TestRsaKeys): the first is every provider's published key, the second none's.
        rsa = TestRsaKeys.kept(0, "rsa-1");
        ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        ec.setKeyId("ec-1");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
            jwksFetches.incrementAndGet();
            byte[] body = new JsonWebKeySet(rsa, ec).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(down.get() ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        // Opaque tokens "opaque-<user>" are that user's; any other is refused.
        server.createContext("/userinfo", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String user = authorization != null && authorization.startsWith("Bearer opaque-")
                    ? authorization.substring("Bearer opaque-".length()) : null;
            byte[] body = user == null ? new byte[0]
                    : ("{\"sub\":\"" + user + "\",\"email\":\"" + user + "@corp.test\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(down.get() ? 503 : user == null ? 401 : 200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /**
     * An RSA key no provider publishes, under {@code keyId}: the same pair in every call, as the
     * providers' published one is; what a test needs is a key under an id, not a pair of its own.
     */
    static PublicJsonWebKey unpublishedRsa(String keyId) {
        return TestRsaKeys.kept(1, keyId);
    }

    String userinfoUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/userinfo";
    }

    /** The issuer's configuration: its JWKS here, its audience. */
    IssuerConfig issuer() {
        IssuerConfig issuer = new IssuerConfig();
        issuer.setIssuer(ISSUER);
        issuer.setJwksUrl(List.of("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks"));
        issuer.setAudience(AUDIENCE);
        return issuer;
    }

    /** Claims of a token for {@code subject} from this issuer, valid for ten minutes. */
    static JwtClaims claims(String subject) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setExpirationTimeMinutesInTheFuture(10);
        claims.setIssuedAtToNow();
        return claims;
    }

    static String sign(JwtClaims claims, PublicJsonWebKey key, String algorithm) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(algorithm);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed RS256 with the published RSA key. */
    String token(JwtClaims claims) {
        return sign(claims, rsa, AlgorithmIdentifiers.RSA_USING_SHA256);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
