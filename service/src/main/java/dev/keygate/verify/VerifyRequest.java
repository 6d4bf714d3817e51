package dev.keygate.verify;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.enforcement.CallRequest;
import dev.keygate.web.InputLimits;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /key/verify}: {@code key} names the key to verify on someone's behalf (absent: the
 * caller's own). {@code route}, {@code model}, {@code fallbacks} and {@code estimated_tokens}
 * describe the LLM call about to be made; with a route or a model the call is judged (route and
 * model access, budgets) and counted against the rate limits, without them only the key's standing
 * is reported.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VerifyRequest(
        String key,
        @Size(max = 2048) String route,
        @Size(max = InputLimits.NAME) String model,
        @Size(max = 100) List<@Size(max = InputLimits.NAME) String> fallbacks,
        @PositiveOrZero Long estimatedTokens) {

    CallRequest call() {
        return new CallRequest(blankToNull(route), blankToNull(model), fallbacks,
                estimatedTokens == null ? 0 : estimatedTokens);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
