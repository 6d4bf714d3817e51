package dev.keygate.jwt;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface JwtKeyMappingDao {

    /** Empty when a mapping of that claim value exists already (the unique constraint decides races). */
    @SqlQuery("""
            INSERT INTO jwt_key_mappings (id, jwt_claim_name, jwt_claim_value, token, description, is_active,
                                          created_by, updated_by)
            VALUES (:id, :jwtClaimName, :jwtClaimValue, :token, :description, :isActive, :createdBy, :updatedBy)
            ON CONFLICT (jwt_claim_name, jwt_claim_value) DO NOTHING
            RETURNING *
            """)
    Optional<JwtKeyMappingRow> insert(@BindMethods JwtKeyMappingRow mapping);

    @SqlQuery("SELECT * FROM jwt_key_mappings WHERE id = :id")
    Optional<JwtKeyMappingRow> find(@Bind("id") String id);

    @SqlQuery("SELECT * FROM jwt_key_mappings WHERE id = :id FOR UPDATE")
    Optional<JwtKeyMappingRow> findForUpdate(@Bind("id") String id);

    @SqlQuery("SELECT * FROM jwt_key_mappings WHERE jwt_claim_name = :name AND jwt_claim_value = :value")
    Optional<JwtKeyMappingRow> findByClaim(@Bind("name") String claimName, @Bind("value") String claimValue);

    @SqlQuery("""
            UPDATE jwt_key_mappings SET token = :token, description = :description, is_active = :isActive,
                   updated_by = :updatedBy, updated_at = now()
             WHERE id = :id
            RETURNING *
            """)
    JwtKeyMappingRow update(@BindMethods JwtKeyMappingRow mapping);

    @SqlUpdate("DELETE FROM jwt_key_mappings WHERE id = :id")
    int delete(@Bind("id") String id);

    @SqlQuery("SELECT * FROM jwt_key_mappings ORDER BY created_at, id LIMIT :limit OFFSET :offset")
    List<JwtKeyMappingRow> page(@Bind("limit") int limit, @Bind("offset") long offset);

    @SqlQuery("SELECT count(*) FROM jwt_key_mappings")
    long count();
}
