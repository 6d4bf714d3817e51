package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/authz.md cannot drift: its route × actor tables (key actors, token actors) must be exactly
 * what the matrices pin. On a mismatch the failure prints the table the matrices imply, ready to
 * paste between the markers.
 */
class AuthzDocTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "authz.md");

    @ParameterizedTest(name = "docs/authz.md's {0} table is what the matrices pin")
    @EnumSource(AuthzTable.Kind.class)
    void documentedTableIsWhatTheMatricesPin(AuthzTable.Kind kind) {
        List<AuthzTable.Row> pinned = AuthzTable.fromMatrices(AuthzTable.loadMatrices(), kind);
        List<AuthzTable.Row> documented = AuthzTable.fromDocument(DOCUMENT, kind);
        assertThat(AuthzTable.byKey(documented))
                .as("docs/authz.md %s table; the matrices imply:%n%s", kind, AuthzTable.render(pinned, kind))
                .containsExactlyEntriesOf(AuthzTable.byKey(pinned));
    }
}
