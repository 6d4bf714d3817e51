package dev.keygate.keys;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.web.InputLimits;
import java.util.List;

/** POST /key/delete: keys (cleartext or hash) and/or key_aliases. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeleteKeysRequest(List<@InputLimits.Id String> keys, List<@InputLimits.Alias String> keyAliases) {}
