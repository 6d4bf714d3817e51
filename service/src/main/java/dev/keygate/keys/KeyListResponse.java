package dev.keygate.keys;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** GET /key/list: tokens, or key objects with return_full_object=true. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KeyListResponse(List<Object> keys, long totalCount, int currentPage, int totalPages) {}
