package dev.keygate.behavior;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * An expected-status table, written in a test class as it would be in a review: one row per
 * {@link Actor}, one column per target. {@link #cells()} feeds a {@code @ParameterizedTest}.
 *
 * <p>A table must list every actor exactly once, with one status per column; a forgotten actor
 * fails the run instead of silently shrinking the matrix.
 *
 * @param <T> the column type, an enum of targets
 */
public final class Matrix<T extends Enum<T>> {

    private final String scenario;
    private final List<T> columns;
    private final Map<Actor, int[]> rows = new EnumMap<>(Actor.class);

    private Matrix(String scenario, List<T> columns) {
        this.scenario = scenario;
        this.columns = columns;
    }

    /**
     * @param scenario how a cell reads, with {@code %1$s} the actor and {@code %2$s} the target,
     *                 e.g. {@code "%s deletes %s key"}
     */
    @SafeVarargs
    public static <T extends Enum<T>> Matrix<T> of(String scenario, T... columns) {
        return new Matrix<>(scenario, List.of(columns));
    }

    public Matrix<T> row(Actor actor, int... statuses) {
        if (statuses.length != columns.size()) {
            throw new IllegalArgumentException(actor + " has " + statuses.length + " statuses for " + columns.size() + " columns " + columns);
        }
        if (rows.putIfAbsent(actor, statuses.clone()) != null) {
            throw new IllegalArgumentException(actor + " is listed twice");
        }
        return this;
    }

    public Stream<Cell<T>> cells() {
        Set<Actor> missing = EnumSet.allOf(Actor.class);
        missing.removeAll(rows.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Matrix '" + scenario + "' has no row for " + missing);
        }
        return rows.entrySet().stream().flatMap(row -> cellsOf(row.getKey(), row.getValue()));
    }

    private Stream<Cell<T>> cellsOf(Actor actor, int[] statuses) {
        return IntStream.range(0, columns.size()).mapToObj(i -> new Cell<>(actor, columns.get(i), statuses[i], scenario));
    }

    /** One scenario: who, on what, and the exact status expected. Its {@code toString} is the test name. */
    public record Cell<T>(Actor actor, T target, int expected, String scenario) {
        @Override
        public String toString() {
            return scenario.formatted(actor, target) + " -> " + expected;
        }
    }
}
