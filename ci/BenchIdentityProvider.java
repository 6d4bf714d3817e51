import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

/**
 * The identity provider of ci/bench.sh: an RSA key, its JWKS served on 127.0.0.1, and one token it
 * signed (for the JWT row: the same token on every request). Run with jose4j on the class path (the
 * Keygate jar has it): java -cp keygate.jar ci/BenchIdentityProvider.java PORT ISSUER AUDIENCE SUBJECT TOKEN_FILE
 * Serves until killed.
 */
public class BenchIdentityProvider {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String issuer = args[1];
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("bench-1");

        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(args[2]);
        claims.setSubject(args[3]);
        claims.setExpirationTimeMinutesInTheFuture(120);
        claims.setIssuedAtToNow();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        Files.writeString(Path.of(args[4]), jws.getCompactSerialization());

        byte[] jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                .getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
    }
}
