package dev.keygate.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void jdbcUrlsPassThrough() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://db:5432/k", "u", "p"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://db:5432/k", "u", "p"));
    }

    @Test
    void libpqUrlsCarryTheirCredentials() {
        assertThat(DatabaseUrl.parse("postgresql://kg:s%40cret@db.internal:6543/keygate?sslmode=require", null, null))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://db.internal:6543/keygate?sslmode=require", "kg", "s@cret"));
        assertThat(DatabaseUrl.parse("postgres://db/keygate", "u", "p"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://db/keygate", "u", "p"));
    }

    @Test
    void otherSchemesAreRejected() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://db/x", null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
