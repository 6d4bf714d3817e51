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
 * <p>Every matrix also runs the {@link JwtActor}s, each expecting its key twin's row: a token caller
 * treated unlike the key caller of its role fails. A cell where tokens rightly differ is declared
 * with {@link #tokensDiffer}.
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
    /** Where the tokens of a twin rightly differ from it: twin → column → status. */
    private final Map<Actor, Map<Integer, Integer>> tokenDifferences = new EnumMap<>(Actor.class);

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
        return byTarget(completeRows());
    }

    /** As {@link #expectations()}, for the token actors. */
    Map<String, Map<JwtActor, Integer>> tokenExpectations() {
        return byTarget(tokenRows());
    }

    private <A> Map<String, Map<A, Integer>> byTarget(Map<A, int[]> byActor) {
        Map<String, Map<A, Integer>> table = new java.util.LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Map<A, Integer> column = new java.util.LinkedHashMap<>();
            for (Map.Entry<A, int[]> row : byActor.entrySet()) {
                column.put(row.getKey(), row.getValue()[i]);
            }
            table.put(columns.get(i).name().toLowerCase(java.util.Locale.ROOT), column);
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

    /**
     * Where the tokens standing for {@code twin} rightly differ from it: a token holds no key, so a
     * service account's token cannot read "its own key" as the service-account key reads itself.
     */
    public Matrix<T> tokensDiffer(Actor twin, T target, int status) {
        int column = columns.indexOf(target);
        if (column < 0) {
            throw new IllegalArgumentException("Matrix '" + scenario + "' has no column " + target);
        }
        tokenDifferences.computeIfAbsent(twin, t -> new java.util.HashMap<>()).put(column, status);
        return this;
    }

    public Stream<Cell<T>> cells() {
        return Stream.concat(
                completeRows().entrySet().stream().flatMap(row -> cellsOf(row.getKey(), null, row.getValue())),
                tokenRows().entrySet().stream().flatMap(row -> cellsOf(row.getKey().twin(), row.getKey(), row.getValue())));
    }

    private Map<Actor, int[]> completeRows() {
        Set<Actor> missing = EnumSet.allOf(Actor.class);
        missing.removeAll(rows.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Matrix '" + scenario + "' has no row for " + missing);
        }
        return rows;
    }

    /** Each token's row: its twin's, with the declared differences. */
    private Map<JwtActor, int[]> tokenRows() {
        Map<JwtActor, int[]> tokenRows = new EnumMap<>(JwtActor.class);
        for (JwtActor token : JwtActor.values()) {
            int[] row = completeRows().get(token.twin()).clone();
            tokenDifferences.getOrDefault(token.twin(), Map.of()).forEach((column, status) -> {
                if (row[column] == status) {
                    throw new IllegalStateException("Matrix '" + scenario + "': " + token + " on " + columns.get(column)
                            + " is " + status + " like its twin: no difference to declare");
                }
                row[column] = status;
            });
            tokenRows.put(token, row);
        }
        return tokenRows;
    }

    private Stream<Cell<T>> cellsOf(Actor actor, JwtActor token, int[] statuses) {
        return IntStream.range(0, columns.size())
                .mapToObj(i -> new Cell<>(actor, token, columns.get(i), statuses[i], scenario));
    }

    /**
     * One scenario: who, on what, and the exact status expected. Its {@code toString} is the test name.
     *
     * @param actor the key actor, or the token's twin: targets such as "own key" are the twin's
     * @param token the token caller, or null when the actor calls with its key
     */
    public record Cell<T>(Actor actor, JwtActor token, T target, int expected, String scenario) {

        /** What the request authenticates with: the token, else the actor's key. */
        public Credential credential() {
            return token == null ? actor.credential() : token.credential();
        }

        /** Whether the caller holds a key (a token caller does not): only a key reads itself as such. */
        public boolean holdsKey() {
            return token == null;
        }

        @Override
        public String toString() {
            return scenario.formatted(token == null ? actor : token, target) + " -> " + expected;
        }
    }
}
