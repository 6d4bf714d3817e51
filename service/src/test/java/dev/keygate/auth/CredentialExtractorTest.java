package dev.keygate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CredentialExtractorTest {

    private final CredentialExtractor extractor = new CredentialExtractor("X-Custom-Key", new AuthenticationMetrics());

    /** A request that only answers getHeaderString, case-insensitively as HTTP headers are. */
    private static ContainerRequestContext request(Map<String, String> headers) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return (ContainerRequestContext) Proxy.newProxyInstance(
                CredentialExtractorTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getHeaderString")) {
                        return byName.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private Optional<String> extract(Map<String, String> headers) {
        return extractor.extract(request(headers));
    }

    @Test
    void bearerInEitherCase() {
        assertThat(extract(Map.of("Authorization", "Bearer sk-a"))).contains("sk-a");
        assertThat(extract(Map.of("Authorization", "bearer sk-a"))).contains("sk-a");
    }

    @Test
    void basicCarriesTheKeyAsPassword() {
        String basic = Base64.getEncoder().encodeToString("user:sk-b".getBytes(StandardCharsets.UTF_8));
        assertThat(extract(Map.of("Authorization", "Basic " + basic))).contains("sk-b");
        assertThat(extract(Map.of("Authorization", "Basic !!!"))).contains(CredentialExtractor.MALFORMED);
    }

    @Test
    void litellmHeaderWinsOverAuthorization() {
        assertThat(extract(Map.of("x-litellm-api-key", "Bearer sk-l", "Authorization", "Bearer sk-a"))).contains("sk-l");
        assertThat(extract(Map.of("x-litellm-api-key", "sk-l"))).contains("sk-l");
    }

    @Test
    void vendorHeadersInOrderThenTheCustomOne() {
        assertThat(extract(Map.of("api-key", "sk-az", "x-api-key", "sk-an"))).contains("sk-az");
        assertThat(extract(Map.of("x-api-key", "sk-an", "x-goog-api-key", "sk-g"))).contains("sk-an");
        assertThat(extract(Map.of("x-goog-api-key", "sk-g", "X-Custom-Key", "sk-c"))).contains("sk-g");
        assertThat(extract(Map.of("x-custom-key", "sk-c"))).contains("sk-c");
    }

    @Test
    void unknownSchemeIsMalformedAndNoHeaderIsNothing() {
        assertThat(extract(Map.of("Authorization", "Token sk-a"))).contains(CredentialExtractor.MALFORMED);
        assertThat(extract(Map.of())).isEmpty();
    }
}
