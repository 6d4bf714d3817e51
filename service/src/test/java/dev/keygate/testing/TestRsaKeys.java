package dev.keygate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

/**
 * RSA 2,048 key pairs for test identity providers and forged tokens. Generating one costs one to
 * three seconds of CPU in a test JVM (C1 only, see the surefire configuration), several at every
 * start of a provider; so ten were made once and are kept in {@code test-rsa-keys.json} beside this
 * class. They are test keys, published nowhere else. Each call returns a JWK of its own (callers set
 * their key id on it) over a kept pair.
 */
public final class TestRsaKeys {

    private static final List<PublicJsonWebKey> KEPT = load();
    private static final AtomicInteger NEXT = new AtomicInteger();

    private TestRsaKeys() {}

    /**
     * A pair no earlier call of this method in this JVM got: distinct keys, so a token signed with one
     * issuer's key still fails against another's. Past the kept ten, a new pair is generated.
     */
    public static PublicJsonWebKey next() {
        int index = NEXT.getAndIncrement();
        if (index < KEPT.size()) {
            return copy(KEPT.get(index));
        }
        try {
            return RsaJwkGenerator.generateJwk(2048);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The kept pair at {@code index} (0 to 9), the same pair every time, under {@code keyId}. */
    public static PublicJsonWebKey kept(int index, String keyId) {
        PublicJsonWebKey key = copy(KEPT.get(index));
        key.setKeyId(keyId);
        return key;
    }

    private static PublicJsonWebKey copy(PublicJsonWebKey pair) {
        try {
            PublicJsonWebKey key = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublicKey());
            key.setPrivateKey(pair.getPrivateKey());
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<PublicJsonWebKey> load() {
        try (InputStream in = TestRsaKeys.class.getResourceAsStream("test-rsa-keys.json")) {
            if (in == null) {
                throw new IllegalStateException("test-rsa-keys.json is missing beside " + TestRsaKeys.class.getName());
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
