package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A user's own key may name an organization only if the user belongs to it: otherwise the key
 * would show up in that organization's lists and count against its budget. (Before, only a key
 * generated for someone else by user_id was checked.)
 */
@BehaviorTest
class PersonalKeyOrganizationTest {

    @Test
    void plainUserGeneratesOwnKeyInAnotherOrganization403AndNothingIsStored(Scratch scratch) {
        String alias = scratch.name("foreign");
        long auditRows = Keygate.db().count("SELECT count(*) FROM audit_log");

        Keygate.api().post("/key/generate", Map.of("key_alias", alias, "organization_id", World.ORG_B),
                Actor.INTERNAL_USER.credential()).assertError(403);

        assertThat(Keygate.db().count("SELECT count(*) FROM keys WHERE key_alias = ?", alias)).isZero();
        assertThat(Keygate.db().count("SELECT count(*) FROM audit_log")).isEqualTo(auditRows);
    }

    @Test
    void plainUserGeneratesOwnKeyInOwnOrganization200(Scratch scratch) {
        String alias = scratch.name("own");

        Response response = Keygate.api().post("/key/generate", Map.of("key_alias", alias, "organization_id", World.ORG_A),
                Actor.INTERNAL_USER.credential()).assertStatus(200);

        assertThat(response.body().path("organization_id").asText()).isEqualTo(World.ORG_A);
        assertThat(response.body().path("user_id").asText()).isEqualTo(Actor.INTERNAL_USER.userId());
    }
}
