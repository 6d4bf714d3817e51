package dev.keygate.audit;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
public interface AuditDao {

    @SqlUpdate("""
            INSERT INTO audit_log (actor_id, changed_by, action, object_type, object_id, organization_id,
                                   before_value, after_value)
            VALUES (:actorId, :changedBy, :action, :objectType, :objectId, :organizationId,
                    CAST(:beforeValue AS jsonb), CAST(:afterValue AS jsonb))
            """)
    void insert(@BindMethods AuditRow row);

    /** Optional filters are NULL when absent; {@code all} false limits rows to {@code organizations}. */
    String MATCHES = """
             WHERE (:all OR organization_id = ANY(:organizations))
               AND (CAST(:action AS text) IS NULL OR action = :action)
               AND (CAST(:objectType AS text) IS NULL OR object_type = :objectType)
               AND (CAST(:objectId AS text) IS NULL OR object_id = :objectId)
               AND (CAST(:actorId AS text) IS NULL OR actor_id = :actorId)
               AND (CAST(:organizationId AS text) IS NULL OR organization_id = :organizationId)
            """;

    @SqlQuery("SELECT * FROM audit_log" + MATCHES + "ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
    List<AuditRow> find(@BindMethods AuditQuery query, @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM audit_log" + MATCHES)
    long count(@BindMethods AuditQuery query);
}
