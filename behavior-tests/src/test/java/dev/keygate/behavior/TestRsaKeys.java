package dev.keygate.behavior;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

/**
 * RSA 2048 key pairs for the harness's issuers and forgeries, each handed out once per test JVM.
 * Generating one costs one to three seconds of CPU in a test JVM (C1 only, see the surefire
 * configuration), several per JVM at every boot; so ten were generated once and are kept in
 * {@code test-rsa-keys.json}. They are test keys, published nowhere else; every key handed out is
 * distinct, so a token signed with one issuer's key still fails against another's. Past the file's
 * ten, new ones are generated.
 */
final class TestRsaKeys {

    private static final List<PublicJsonWebKey> MADE = load();
    private static final AtomicInteger NEXT = new AtomicInteger();

    private TestRsaKeys() {}

    /** A key pair no caller in this JVM got before, without a {@code kid}. */
    static PublicJsonWebKey next() {
        int index = NEXT.getAndIncrement();
        try {
            if (index < MADE.size()) {
                // A copy: callers set their own kid on it.
                return PublicJsonWebKey.Factory.newPublicJwk(MADE.get(index).toParams(OutputControlLevel.INCLUDE_PRIVATE));
            }
            return RsaJwkGenerator.generateJwk(2048);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<PublicJsonWebKey> load() {
        try (InputStream in = TestRsaKeys.class.getResourceAsStream("/test-rsa-keys.json")) {
            if (in == null) {
                throw new IllegalStateException("test-rsa-keys.json is missing from the test resources");
            }
            return new JsonWebKeySet(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getJsonWebKeys().stream()
                    .map(key -> (PublicJsonWebKey) key)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException("test-rsa-keys.json is not a JWK set", e);
        }
    }
}
