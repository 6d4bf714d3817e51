package dev.keygate.spend;

import java.math.BigDecimal;

/** One reported call, its key resolved to the key's token. */
record SpendEntry(String requestId, String token, String model, BigDecimal spend, long promptTokens,
                  long completionTokens) {}
