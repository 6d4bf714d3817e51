package dev.keygate.db;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.generic.GenericType;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@code text[]} columns (models, tags, routes, permissions) read as unmodifiable {@code List<String>};
 * SQL NULL stays null.
 *
 * <p>Read through {@link Array#getArray()}, which decodes the array in one step. Jdbi's own
 * collector mapping goes through {@link Array#getResultSet()}, a result set per array: with three
 * such columns per key, that was a quarter of the row mapping of a 100-key page (async-profiler).
 */
public final class TextArrays implements ColumnMapper<List<String>> {

    public static final GenericType<List<String>> TYPE = new GenericType<>() {};

    public static List<String> toList(Array array) throws SQLException {
        return array == null ? null : Collections.unmodifiableList(Arrays.asList((String[]) array.getArray()));
    }

    @Override
    public List<String> map(ResultSet r, int columnNumber, StatementContext ctx) throws SQLException {
        return toList(r.getArray(columnNumber));
    }
}
