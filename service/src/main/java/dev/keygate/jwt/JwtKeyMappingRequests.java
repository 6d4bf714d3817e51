package dev.keygate.jwt;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.web.InputLimits;
import jakarta.validation.constraints.NotBlank;
import java.util.List;

/** The bodies of the {@code /jwt/key/mapping/*} routes, as LiteLLM names their fields. */
public final class JwtKeyMappingRequests {

    private JwtKeyMappingRequests() {}

    /** {@code key}: the key to map, by its secret or its SHA-256 id. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record New(@NotBlank @InputLimits.Name String jwtClaimName, @NotBlank @InputLimits.Id String jwtClaimValue,
                      @NotBlank @InputLimits.Id String key, @InputLimits.Alias String description) {}

    /** Absent fields stay as they are. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Update(@NotBlank @InputLimits.Id String id, @InputLimits.Id String key,
                         @InputLimits.Alias String description, Boolean isActive) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Delete(@NotBlank @InputLimits.Id String id) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Page(List<JwtKeyMappingRow> mappings, long total, int page, int size) {}
}
