package dev.keygate.behavior;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.concurrent.CopyOnWriteArrayList;

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

    /** Every matrix of the run, in creation order: docs/authz.md must agree with them (AuthzDocTest). */
    private static final List<Matrix<?>> ALL = new CopyOnWriteArrayList<>();

    private final String route;
    private final String scenario;
    private final List<T> columns;
    private final Map<Actor, int[]> rows = new EnumMap<>(Actor.class);

    private Matrix(String route, String scenario, List<T> columns) {
        this.route = route;
        this.scenario = scenario;
        this.columns = columns;
    }

    /**
     * @param route the route the matrix pins, as docs/authz.md names it: {@code "POST /key/delete"}
     * @param scenario how a cell reads, with {@code %1$s} the actor and {@code %2$s} the target,
     *                 e.g. {@code "%s deletes %s key"}
     */
    @SafeVarargs
    public static <T extends Enum<T>> Matrix<T> of(String route, String scenario, T... columns) {
        Matrix<T> matrix = new Matrix<>(route, scenario, List.of(columns));
        ALL.add(matrix);
        return matrix;
    }

    /** All matrices defined by the classes loaded so far (see {@link AuthzTable#load()}). */
    static List<Matrix<?>> all() {
        return List.copyOf(ALL);
    }

    public String route() {
        return route;
    }

    /** The expected status of every (target, actor) pair: {@code target name → actor → status}. */
    Map<String, Map<Actor, Integer>> expectations() {
        Map<String, Map<Actor, Integer>> table = new java.util.LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Map<Actor, Integer> byActor = new EnumMap<>(Actor.class);
            for (Map.Entry<Actor, int[]> row : rows.entrySet()) {
                byActor.put(row.getKey(), row.getValue()[i]);
            }
            table.put(columns.get(i).name().toLowerCase(java.util.Locale.ROOT), byActor);
        }
        return table;
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
