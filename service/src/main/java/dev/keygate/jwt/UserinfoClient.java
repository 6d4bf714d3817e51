package dev.keygate.jwt;

import dev.keygate.web.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Resolves an opaque (non-JWT) bearer token through the provider's OIDC userinfo endpoint
 * ({@code oidc_userinfo_endpoint}): the provider vouches for the token and answers its claims. A token
 * the provider refuses is 401; a provider that cannot answer is 503 — never an allow (fail closed).
 */
final class UserinfoClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** A userinfo document is a few kilobytes. */
    private static final int MAX_DOCUMENT_BYTES = 64 * 1024;

    private final URI endpoint;
    private final HttpClient http;

    UserinfoClient(String endpoint, HttpClient http) {
        this.endpoint = URI.create(endpoint);
        this.http = http;
    }

    JwtClaims claims(String token) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status == 401 || status == 403) {
                    throw ApiException.unauthorized("Invalid token: the identity provider does not accept it");
                }
                if (status != 200) {
                    throw ApiException.unavailable("The identity provider could not check the token (userinfo answered "
                            + status + ")");
                }
                byte[] document = body.readNBytes(MAX_DOCUMENT_BYTES + 1);
                if (document.length > MAX_DOCUMENT_BYTES) {
                    throw ApiException.unavailable("The identity provider's userinfo answer is too large");
                }
                return JwtClaims.parse(new String(document, StandardCharsets.UTF_8));
            }
        } catch (InvalidJwtException e) {
            throw ApiException.unavailable("The identity provider's userinfo answer is not a JSON object");
        } catch (IOException e) {
            throw ApiException.unavailable("The identity provider could not be reached to check the token");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while checking the token with the identity provider");
        }
    }
}
