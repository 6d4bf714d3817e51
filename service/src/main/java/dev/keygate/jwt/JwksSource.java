package dev.keygate.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One issuer's signing keys: read from its JWKS URLs (or the {@code jwks_uri} of its OIDC discovery
 * document), kept for {@code public_key_ttl}, read again when that has passed or when a token names a
 * key we do not have (a rotation) — the latter at most once per {@code unknown_kid_refresh_interval},
 * so made-up key ids cannot make Keygate hammer the identity provider.
 *
 * <p>Fails closed and stays available: when a fetch fails, the keys already held stay in force
 * (tokens they verify still work, a rotated key is not trusted until fetched); with no keys at all,
 * every token of the issuer is refused. Nothing a token says (its {@code jku}, {@code x5u} or
 * {@code jwk} header) ever chooses where keys come from.
 */
public final class JwksSource {

    private static final Logger LOG = LoggerFactory.getLogger(JwksSource.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** A JWKS document is a few kilobytes; anything this large is not one. */
    private static final int MAX_DOCUMENT_BYTES = 1 << 20;

    private final IssuerConfig issuer;
    private final Duration ttl;
    private final Duration unknownKidInterval;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Clock clock;
    private final AtomicLong fetches = new AtomicLong();

    private volatile List<JsonWebKey> keys = List.of();
    private volatile Instant fetchedAt = Instant.MIN;
    private Instant lastAttempt = Instant.MIN;
    private Instant lastUnknownKidFetch = Instant.MIN;

    public JwksSource(IssuerConfig issuer, JwtConfig config, HttpClient http, ObjectMapper json, Clock clock) {
        this.issuer = issuer;
        this.ttl = Duration.ofSeconds(config.getPublicKeyTtl());
        this.unknownKidInterval = Duration.ofSeconds(config.getUnknownKidRefreshInterval());
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    /** The keys in force, read again first when they are older than the TTL. */
    public List<JsonWebKey> keys() {
        if (fetchedAt.plus(ttl).isBefore(clock.instant())) {
            refresh(false);
        }
        return keys;
    }

    /**
     * A token names a key we do not hold: read the keys again, unless that was done less than the
     * refresh interval ago. True when a fresh set was read.
     */
    public boolean refreshForUnknownKey() {
        return refresh(true);
    }

    /** How many times the keys were fetched (the metrics and the tests read it). */
    public long fetches() {
        return fetches.get();
    }

    private synchronized boolean refresh(boolean unknownKid) {
        Instant now = clock.instant();
        if (unknownKid) {
            if (lastUnknownKidFetch.plus(unknownKidInterval).isAfter(now)) {
                return false;
            }
            lastUnknownKidFetch = now;
        } else if (!fetchedAt.plus(ttl).isBefore(now) || lastAttempt.plus(unknownKidInterval).isAfter(now)) {
            // Fresh already (another request fetched while this one waited), or failing: retried
            // at the refresh interval, not on every request.
            return false;
        }
        lastAttempt = now;
        try {
            List<JsonWebKey> fetched = new ArrayList<>();
            for (String url : jwksUrls()) {
                fetched.addAll(new JsonWebKeySet(get(url)).getJsonWebKeys());
            }
            fetches.incrementAndGet();
            keys = List.copyOf(fetched);
            fetchedAt = now;
            return true;
        } catch (IOException | JoseException | IllegalArgumentException e) {
            LOG.warn("Could not read the signing keys of issuer {} ({}); {} key(s) held stay in force",
                    issuer.getIssuer(), e.getMessage(), keys.size());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<String> jwksUrls() throws IOException, InterruptedException {
        if (!issuer.getJwksUrl().isEmpty()) {
            return issuer.getJwksUrl();
        }
        JsonNode discovery = json.readTree(get(issuer.getOidcDiscoveryUrl()));
        String discoveredIssuer = discovery.path("issuer").asText("");
        if (!discoveredIssuer.equals(issuer.getIssuer())) {
            // OpenID Connect Discovery 1.0, section 4.3: the document must name the issuer it was asked for.
            throw new IOException("the discovery document names issuer '" + discoveredIssuer + "'");
        }
        String jwksUri = discovery.path("jwks_uri").asText("");
        if (jwksUri.isEmpty()) {
            throw new IOException("the discovery document has no jwks_uri");
        }
        return List.of(jwksUri);
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(url + " answered " + response.statusCode());
            }
            byte[] document = body.readNBytes(MAX_DOCUMENT_BYTES + 1);
            if (document.length > MAX_DOCUMENT_BYTES) {
                throw new IOException(url + " answered a document larger than 1 MiB");
            }
            return new String(document, StandardCharsets.UTF_8);
        }
    }
}
