package dev.keygate.keys;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * POST /key/health, LiteLLM's KeyHealthResponse: {@code key} is "healthy" or "unhealthy", and
 * {@code logging_callbacks} reports the key's logging callbacks (null: Keygate has none).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KeyHealthResponse(String key, Map<String, Object> loggingCallbacks) {

    static final KeyHealthResponse HEALTHY = new KeyHealthResponse("healthy", null);
}
