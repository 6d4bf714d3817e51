package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/authz.md cannot drift: its route × actor table must be exactly what the matrices pin. On a
 * mismatch the failure prints the table the matrices imply, ready to paste between the markers.
 */
class AuthzDocTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "authz.md");

    @Test
    void documentedTableIsWhatTheMatricesPin() {
        List<AuthzTable.Row> pinned = AuthzTable.fromMatrices(AuthzTable.loadMatrices());
        List<AuthzTable.Row> documented = AuthzTable.fromDocument(DOCUMENT);
        assertThat(AuthzTable.byKey(documented))
                .as("docs/authz.md table; the matrices imply:%n%s", AuthzTable.render(pinned))
                .containsExactlyEntriesOf(AuthzTable.byKey(pinned));
    }
}
