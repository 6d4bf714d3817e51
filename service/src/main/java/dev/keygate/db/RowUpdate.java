package dev.keygate.db;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * A partial UPDATE of one row: only the columns a request names change ("absent fields stay").
 * Column names come from code, never from input; values are bound.
 */
public final class RowUpdate {

    private final String table;
    private final String idColumn;
    private final Set<String> jsonColumns;
    private final Map<String, Object> values = new LinkedHashMap<>();

    public RowUpdate(String table, String idColumn, Set<String> jsonColumns) {
        this.table = table;
        this.idColumn = idColumn;
        this.jsonColumns = jsonColumns;
    }

    /** Sets {@code column} to {@code value} (JSON text for jsonb columns; null clears). */
    public RowUpdate set(String column, Object value) {
        values.put(column, value);
        return this;
    }

    /**
     * For patch requests: a null {@code value} means the field was absent (nothing changes), an empty
     * one that it was sent as null (the column is cleared). Returns whether the column is set.
     */
    public boolean setIfSent(String column, java.util.Optional<?> value) {
        if (value == null) {
            return false;
        }
        values.put(column, value.orElse(null));
        return true;
    }

    public Set<String> columns() {
        return values.keySet();
    }

    public Object value(String column) {
        return values.get(column);
    }

    /** Runs the update, stamping updated_by / updated_at, and returns the row as it is now. */
    public <T> T execute(Handle handle, Object id, String updatedBy, Class<T> rowType) {
        String assignments = values.keySet().stream()
                .map(column -> jsonColumns.contains(column)
                        ? column + " = CAST(:" + column + " AS jsonb)"
                        : column + " = :" + column)
                .collect(Collectors.joining(", "));
        String sql = "UPDATE " + table + " SET " + (assignments.isEmpty() ? "" : assignments + ", ")
                + "updated_by = :updated_by, updated_at = now() WHERE " + idColumn + " = :id RETURNING *";
        Query query = handle.createQuery(sql).bind("id", id).bind("updated_by", updatedBy);
        values.forEach((column, value) -> {
            if (value instanceof List<?> list) {
                @SuppressWarnings("unchecked")
                List<String> texts = (List<String>) list;
                query.bindByType(column, texts, TextArrays.TYPE);
            } else {
                query.bind(column, value);
            }
        });
        return query.mapTo(rowType).one();
    }
}
