package dev.keygate.keys;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The tokens (hashes) of the deleted keys; cleartext is never echoed. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeleteKeysResponse(List<String> deletedKeys) {}
