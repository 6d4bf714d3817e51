package dev.keygate.keys;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.web.InputLimits;
import java.util.List;

/** LiteLLM's KeyRequest, at POST /key/delete and POST /v2/key/info: keys (cleartext or hash) and/or key_aliases. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KeysRequest(List<@InputLimits.Id String> keys, List<@InputLimits.Alias String> keyAliases) {}
