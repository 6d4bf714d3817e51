package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The coverage gate: every route the server lists in {@code GET /routes} was called by at least one
 * scenario of this run, in whichever test JVM. It runs in a surefire execution of its own after the
 * scenarios' (behavior-tests' pom), from the records each scenario JVM left ({@link RouteCoverageRecord}),
 * so it needs no server; a run filtered with {@code -Dtest} leaves it out.
 */
class RouteCoverageTest {

    @Test
    void everyServedRouteIsExercised() {
        List<RouteCoverageRecord.Fork> forks = RouteCoverageRecord.loadAll();
        assertThat(forks).as("route coverage records in %s: run the whole suite (mvn verify)",
                RouteCoverageRecord.directory()).isNotEmpty();
        Set<String> served = forks.get(0).served();
        Set<String> exercised = new TreeSet<>();
        for (RouteCoverageRecord.Fork fork : forks) {
            assertThat(fork.served()).as("routes listed by each test JVM's Keygate").isEqualTo(served);
            exercised.addAll(fork.exercised());
        }
        List<String> missing = new ArrayList<>();
        for (String route : served) {
            Pattern concrete = Pattern.compile(Pattern.quote(route).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
            if (exercised.stream().noneMatch(call -> concrete.matcher(call).matches())) {
                missing.add(route);
            }
        }
        assertThat(served.size()).isGreaterThan(10);
        assertThat(missing).as("routes no scenario exercised").isEmpty();
    }
}
