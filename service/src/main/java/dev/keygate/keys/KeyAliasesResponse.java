package dev.keygate.keys;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** GET /key/aliases, LiteLLM's shape: a page of aliases, the exact total and the page asked for. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KeyAliasesResponse(List<String> aliases, long totalCount, int currentPage, int totalPages, int size) {}
