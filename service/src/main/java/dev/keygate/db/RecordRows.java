package dev.keygate.db;

import java.lang.reflect.Type;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.RowMapperFactory;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps rows to Keygate's own records (snake_case columns to camelCase components), as Jdbi's
 * {@link ConstructorMapper} does, but works out the column-to-component binding once per record and
 * column list instead of once per result set.
 *
 * <p>Why: ConstructorMapper redoes that work (reflection over the constructor's parameters and
 * their annotations, a column-mapper look-up per component) for every query, and it was a seventh
 * of the CPU of a {@code /key/info} request (async-profiler). The binding it produces holds only
 * column positions and column mappers, nothing of the result set, so it can be kept. The column
 * mappers come from the Jdbi's own configuration, which Keygate sets once at start-up and never
 * changes per handle or statement, so one binding is right for every statement with those columns.
 */
public final class RecordRows implements RowMapperFactory {

    private static final String KEYGATE_PACKAGE = "dev.keygate.";

    private final Map<Class<?>, RowMapper<?>> mappers = new ConcurrentHashMap<>();

    @Override
    public Optional<RowMapper<?>> build(Type type, ConfigRegistry config) {
        Class<?> raw = GenericTypes.getErasedType(type);
        if (!raw.isRecord() || !raw.getName().startsWith(KEYGATE_PACKAGE)) {
            return Optional.empty();
        }
        return Optional.of(mappers.computeIfAbsent(raw, record -> new BoundOnce<>(record)));
    }

    /** One record type's mapper: a binding per distinct column list, made on first sight. */
    private static final class BoundOnce<T> implements RowMapper<T> {

        private final RowMapper<T> constructor;
        private final Map<List<String>, RowMapper<T>> bindings = new ConcurrentHashMap<>();

        BoundOnce(Class<T> type) {
            this.constructor = ConstructorMapper.of(type);
        }

        @Override
        public T map(ResultSet rs, StatementContext ctx) throws SQLException {
            return specialize(rs, ctx).map(rs, ctx);
        }

        @Override
        public RowMapper<T> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
            List<String> columns = columns(rs.getMetaData());
            RowMapper<T> binding = bindings.get(columns);
            if (binding == null) {
                // Racing threads may both bind; either result is the same binding.
                binding = constructor.specialize(rs, ctx);
                bindings.putIfAbsent(columns, binding);
            }
            return binding;
        }

        private static List<String> columns(ResultSetMetaData metadata) throws SQLException {
            int count = metadata.getColumnCount();
            List<String> columns = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                columns.add(metadata.getColumnLabel(i));
            }
            return columns;
        }
    }
}
