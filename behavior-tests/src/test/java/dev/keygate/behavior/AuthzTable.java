package dev.keygate.behavior;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The "who may do what" tables in two forms: as the matrices pin them, and as docs/authz.md prints
 * them between markers: the key actors' table, and the token actors' for the matrices that run them.
 * {@link AuthzDocTest} makes the forms agree.
 */
final class AuthzTable {

    /** One table of docs/authz.md: its markers and its actor columns. */
    enum Kind {
        KEYS("authz-matrix", Arrays.stream(Actor.values()).map(Actor::name).toList()) {
            @Override
            Map<String, ? extends Map<?, Integer>> expectations(Matrix<?> matrix) {
                return matrix.expectations();
            }
        },
        TOKENS("authz-token-matrix", Arrays.stream(JwtActor.values()).map(JwtActor::name).toList()) {
            @Override
            Map<String, ? extends Map<?, Integer>> expectations(Matrix<?> matrix) {
                return matrix.tokenExpectations();
            }
        };

        final String start;
        final String end;
        final List<String> columns;

        Kind(String marker, List<String> columns) {
            this.start = "<!-- " + marker + ":start -->";
            this.end = "<!-- " + marker + ":end -->";
            this.columns = columns;
        }

        /** target → actor (an {@link Actor} or a {@link JwtActor}) → status. */
        abstract Map<String, ? extends Map<?, Integer>> expectations(Matrix<?> matrix);
    }

    private AuthzTable() {}

    /** One row: a route, a target, and the status for each actor, in column order. */
    record Row(String route, String target, List<String> statuses) {
        String render() {
            return "| `" + route + "` | " + target + " | " + String.join(" | ", statuses) + " |";
        }
    }

    /**
     * Loads every class of the harness, so each matrix has registered itself. They are one package in
     * a directory (target/test-classes): listing it is enough, and far cheaper than ArchUnit's import
     * of their bytecode, which this took a second for.
     */
    static List<Matrix<?>> loadMatrices() {
        String packagePath = AuthzTable.class.getPackageName().replace('.', '/');
        try (Stream<Path> files = Files.list(Path.of(AuthzTable.class.getResource("/" + packagePath).toURI()))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".class")).toList()) {
                String simpleName = file.getFileName().toString().replaceFirst("\\.class$", "");
                Class.forName(AuthzTable.class.getPackageName() + "." + simpleName, true, AuthzTable.class.getClassLoader());
            }
        } catch (IOException | URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot load the harness's classes", e);
        }
        return Matrix.all();
    }

    /** Rows grouped by path (then method), so a reader finds a route family together. */
    static List<Row> fromMatrices(List<Matrix<?>> matrices, Kind kind) {
        List<Row> rows = new ArrayList<>();
        List<Matrix<?>> ordered = new ArrayList<>(matrices);
        ordered.sort(java.util.Comparator.comparing((Matrix<?> m) -> m.route().substring(m.route().indexOf(' ') + 1))
                .thenComparing(Matrix::route));
        for (Matrix<?> matrix : ordered) {
            kind.expectations(matrix).forEach((target, byActor) -> rows.add(new Row(matrix.route(), target,
                    byActor.values().stream().map(String::valueOf).toList())));
        }
        return rows;
    }

    /** The table as markdown, header included: what docs/authz.md holds between the markers. */
    static String render(List<Row> rows, Kind kind) {
        String actors = String.join(" | ", kind.columns);
        String rule = kind.columns.stream().map(a -> "---").collect(Collectors.joining("|"));
        StringBuilder table = new StringBuilder("| route | target | " + actors + " |\n|---|---|" + rule + "|\n");
        rows.forEach(row -> table.append(row.render()).append('\n'));
        return table.toString();
    }

    static List<Row> fromDocument(Path document, Kind kind) {
        String text;
        try {
            text = Files.readString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = text.indexOf(kind.start);
        int end = text.indexOf(kind.end);
        if (start < 0 || end < start) {
            throw new IllegalStateException(document + " has no " + kind.start + " ... " + kind.end + " table");
        }
        List<Row> rows = new ArrayList<>();
        for (String line : text.substring(start + kind.start.length(), end).split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                    .map(String::strip)
                    .toList();
            rows.add(new Row(cells.get(0).replace("`", ""), cells.get(1), cells.subList(2, cells.size())));
        }
        return rows;
    }

    /** Rows keyed by "route / target", for comparing the two forms cell by cell. */
    static Map<String, List<String>> byKey(List<Row> rows) {
        Map<String, List<String>> keyed = new LinkedHashMap<>();
        rows.forEach(row -> keyed.put(row.route() + " / " + row.target(), row.statuses()));
        return keyed;
    }
}
