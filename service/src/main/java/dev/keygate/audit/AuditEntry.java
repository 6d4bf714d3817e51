package dev.keygate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.UncheckedIOException;
import java.time.Instant;

/** An audit row as GET /audit shows it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuditEntry(long id, Instant createdAt, String actorId, String changedBy, String action,
                         String objectType, String objectId, String organizationId, JsonNode beforeValue,
                         JsonNode afterValue) {

    static AuditEntry of(AuditRow row, ObjectMapper mapper) {
        return new AuditEntry(row.id(), row.createdAt(), row.actorId(), row.changedBy(), row.action(),
                row.objectType(), row.objectId(), row.organizationId(), parse(row.beforeValue(), mapper),
                parse(row.afterValue(), mapper));
    }

    private static JsonNode parse(String json, ObjectMapper mapper) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
