package dev.keygate.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keygate.auth.Caller;
import dev.keygate.auth.cache.CacheSync;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Writes the audit trail. Called inside the transaction of the change it records, so a change and
 * its audit row commit or roll back together.
 */
public final class AuditLog {

    /** Left out of the values: a key's cleartext and its hash (the hash stays only as object_id). */
    private static final Set<String> SECRET_FIELDS = Set.of("key", "token");

    private final ObjectMapper mapper;
    private final CacheSync cacheSync;

    public AuditLog(ObjectMapper mapper, CacheSync cacheSync) {
        this.mapper = mapper;
        this.cacheSync = cacheSync;
    }

    /**
     * @param before the object as the API showed it before the change, or null when created
     * @param after the object after the change, or null when deleted
     */
    public void record(Handle handle, Caller caller, String action, String objectType, String objectId,
                       String organizationId, Object before, Object after) {
        handle.attach(AuditDao.class).insert(new AuditRow(0, null, caller.actorId(), caller.changedBy(), action,
                objectType, objectId, organizationId, toJson(before), toJson(after)));
        // Every management change is audited, so this is where each one waits, once committed, for
        // this instance's cache to have dropped what it changed: the next request sees the change.
        cacheSync.afterCommit(handle);
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        ObjectNode node = mapper.valueToTree(value);
        node.remove(SECRET_FIELDS);
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit value cannot be written as JSON", e);
        }
    }
}
