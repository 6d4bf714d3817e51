package dev.keygate.spend;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.web.InputLimits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * {@code POST /spend/record}: a gateway reports a finished LLM call. {@code key} is the key's
 * cleartext or its token (SHA-256 id); {@code request_id} is the gateway's id for the call, so that
 * a report sent twice (a retry after a lost answer) counts once; {@code spend} is what the call
 * cost, in the budgets' currency.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecordSpendRequest(
        @NotBlank @Size(max = InputLimits.ID) String key,
        @NotBlank @Size(max = InputLimits.ID) String requestId,
        @NotBlank @Size(max = InputLimits.NAME) String model,
        @NotNull @InputLimits.Budget BigDecimal spend,
        @PositiveOrZero Long promptTokens,
        @PositiveOrZero Long completionTokens) {

    long tokens() {
        return orZero(promptTokens) + orZero(completionTokens);
    }

    static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
