package dev.keygate.jwt;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A row of {@code jwt_key_mappings}, answered as it is: LiteLLM's {@code LiteLLM_JWTKeyMapping}.
 * {@code token} is the mapped key's SHA-256 id, never its secret.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JwtKeyMappingRow(String id, String jwtClaimName, String jwtClaimValue, String token, String description,
                               boolean isActive, String createdBy, String updatedBy, Instant createdAt,
                               Instant updatedAt) {}
