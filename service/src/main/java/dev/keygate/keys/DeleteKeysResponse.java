package dev.keygate.keys;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The keys and aliases as the request named them (a cleartext key as its hash: a secret is never echoed). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeleteKeysResponse(List<String> deletedKeys) {}
