package dev.keygate.spend;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/**
 * What {@code POST /spend/record} answers: whether this report counted ({@code false}: the request
 * id was recorded before, nothing changed), the key it counted for and the key's spend after it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SpendRecorded(String requestId, boolean counted, String token, BigDecimal keySpend) {}
