package dev.keygate.users;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@RegisterConstructorMapper(UserRow.class)
public interface UserDao {

    @SqlQuery("""
            INSERT INTO users (user_id, user_email, user_alias, user_role, models, max_budget, spend, metadata,
                               created_by, updated_by)
            VALUES (:userId, :userEmail, :userAlias, :userRole, :models, :maxBudget, :spend, CAST(:metadata AS jsonb),
                    :createdBy, :updatedBy)
            RETURNING *
            """)
    UserRow insert(@BindMethods UserRow user);

    @SqlQuery("SELECT * FROM users WHERE user_id = :id")
    Optional<UserRow> find(@Bind("id") String userId);

    @SqlQuery("SELECT * FROM users WHERE lower(user_email) = lower(:email)")
    Optional<UserRow> findByEmail(@Bind("email") String email);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM users WHERE user_id = :id)")
    boolean exists(@Bind("id") String userId);
}
