package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jose4j.jwt.JwtClaims;
import org.assertj.core.api.SoftAssertions;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code unregistered_jwt_client_behavior: auto_register}, over HTTP, on a second instance (the main
 * one falls back): a new client's first request creates one key, bound to the user, team and
 * organization its token signed in as, and the mapping to it; later requests, on any instance, sign in
 * as that key; first requests at once still make one key and one mapping; and a token refused by any
 * check creates nothing at all. The instance creates users and teams on first sight and lets in only
 * {@value #DOMAIN} emails, so "nothing" covers them too.
 */
@BehaviorTest
@ExtendWith(KeygatePeerExtension.class)
class JwtAutoRegisterTest {

    private static final String DOMAIN = "keygate.test";
    /** First requests of one client released together, per round. */
    private static final int AT_ONCE = 8;
    /** Rounds of a first request raced with the deletion of its team. */
    private static final int RACE_ROUNDS = 5;

    private static KeygatePeer registering;

    @BeforeAll
    static void registeringInstance(@PeerSettings({"jwt.unregistered_jwt_client_behavior=auto_register",
            "jwt.team_id_upsert=true", "jwt.user_allowed_email_domain=" + DOMAIN}) KeygatePeer started) {
        registering = started;
    }

    /** A client's first sign-in: a user and a team nobody stored yet, in a scratch organization. */
    private record Newcomer(String client, String userId, String teamId, String organizationId) {

        /** Numbers newcomers, so that each of a test's rounds has its own. */
        private static final AtomicInteger COUNT = new AtomicInteger();

        static Newcomer in(Scratch scratch, String organizationId) {
            int n = COUNT.incrementAndGet();
            return new Newcomer(scratch.name("client" + n), scratch.name("user" + n), scratch.name("team" + n),
                    organizationId);
        }

        Map<String, Object> claims() {
            return Map.of("sub", userId, "email", userId + "@" + DOMAIN, "team_id", teamId, "org_id", organizationId);
        }

        /** A fresh token of this client, {@code bend} changing what it says. */
        Credential token(Consumer<JwtClaims> bend) {
            return ClientTokens.of(client, claims(), bend);
        }

        Credential token() {
            return token(valid -> {});
        }
    }

    @Test
    void aNewClientsFirstRequestRegistersOneKeyBoundToItsUserTeamAndOrganization(Scratch scratch) {
        String organizationId = scratch.name("org");
        scratch.insertOrganization(organizationId);
        Newcomer newcomer = Newcomer.in(scratch, organizationId);

        String key = keyOn(registering.api(), newcomer.token());

        assertThat(Keygate.db().row("SELECT user_id, team_id, organization_id FROM keys WHERE token = ?", key).orElseThrow())
                .as("the registered key's owners").isEqualTo(Map.of("user_id", newcomer.userId(), "team_id", newcomer.teamId(),
                        "organization_id", organizationId));
        assertThat(Keygate.db().row("SELECT user_email FROM users WHERE user_id = ?", newcomer.userId()).orElseThrow())
                .as("the token's user, created on first sight").isEqualTo(Map.of("user_email", newcomer.userId() + "@" + DOMAIN));
        assertThat(Keygate.db().row("SELECT organization_id FROM teams WHERE team_id = ?", newcomer.teamId()).orElseThrow())
                .as("the token's team, created on first sight").isEqualTo(Map.of("organization_id", organizationId));
        assertOneKeyAndOneMapping(newcomer, key);

        assertThat(keyOn(registering.api(), newcomer.token())).as("a later request of the client").isEqualTo(key);
        assertThat(keyOn(Keygate.api(), newcomer.token())).as("the client on the main instance").isEqualTo(key);
        assertOneKeyAndOneMapping(newcomer, key);
    }

    @Test
    void firstRequestsOfANewClientAtOnceRegisterOneKeyAndOneMapping(Scratch scratch) {
        try (Race race = new Race(AT_ONCE)) {
            for (int round = 0; round < 2; round++) {
                Newcomer newcomer = Newcomer.in(scratch, World.ORG_A);
                List<Supplier<Response>> firstRequests = new ArrayList<>();
                for (int request = 0; request < AT_ONCE; request++) {
                    // Each its own token: none waits for another's sign-in in the instance's memory.
                    Credential token = newcomer.token();
                    firstRequests.add(() -> registering.api().ownKeyInfo(token));
                }

                List<String> keys = race.run(firstRequests).stream()
                        .map(answer -> answer.assertStatus(200).body().path("key").asText()).toList();

                assertThat(keys).as("round %d: the key each request signed in as", round).containsOnly(keys.get(0));
                assertOneKeyAndOneMapping(newcomer, keys.get(0));
            }
        }
    }

    /**
     * A new client's first request and the deletion of its team (on the main instance), released
     * together, as {@link ConcurrentWritesTest} races key writes with cascades: never a 5xx (the key's
     * insert used to break its foreign key to the team deleted meanwhile). Whichever comes first, the
     * delete answers 200 and the sign-in 200 (it registered first, or this instance created the team
     * again: {@code team_id_upsert}), 401 (it registered first, and the delete took the key before the
     * sign-in could use it), 404 (it signed in with its new key, and the delete took the key before
     * {@code /key/info} read it: the key it asks about is gone, as for any key deleted under its own
     * request) or 403 (the team was gone); afterwards every key of the client or team has its mapping.
     */
    @Test
    void aTeamDeletedWhileItsClientRegistersNever5xx(Scratch scratch) {
        SoftAssertions softly = new SoftAssertions();
        try (Race race = new Race()) {
            for (int round = 0; round < RACE_ROUNDS; round++) {
                Newcomer newcomer = Newcomer.in(scratch, World.ORG_A);
                scratch.insertUser(newcomer.userId());
                scratch.insertTeam(newcomer.teamId(), World.ORG_A);
                Credential token = newcomer.token();

                List<Response> answers = race.run(
                        () -> Keygate.api().post("/team/delete", Map.of("team_ids", List.of(newcomer.teamId())),
                                PROXY_ADMIN.credential()),
                        () -> registering.api().ownKeyInfo(token));

                softly.assertThat(answers.get(0).status()).as("round %d: %s", round, answers.get(0)).isEqualTo(200);
                softly.assertThat(answers.get(1).status()).as("round %d: %s", round, answers.get(1)).isIn(200, 401, 403, 404);
                softly.assertThat(Keygate.db().count("""
                                SELECT count(*) FROM keys k
                                 WHERE (k.metadata -> 'jwt_key_mapping' ->> 'azp' = ? OR k.team_id = ?)
                                   AND NOT EXISTS (SELECT 1 FROM jwt_key_mappings m WHERE m.token = k.token)""",
                        newcomer.client(), newcomer.teamId()))
                        .as("round %d: keys of the client or team without a mapping, after %s", round, answers).isZero();
            }
        }
        softly.assertAll();
    }

    /** Refused before anything is written: the status, the envelope, the database unchanged, no mapping. */
    enum Refusal {
        EXPIRED(401, token -> token.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600))),
        WRONG_AUDIENCE(401, token -> token.setAudience("another-service")),
        EMAIL_OF_ANOTHER_DOMAIN(403, token -> token.setClaim("email", "newcomer@example.com")),
        NO_CLIENT_CLAIM(403, token -> token.unsetClaim("azp")),
        BLOCKED_TEAM(403, token -> {});

        final int status;
        final Consumer<JwtClaims> bend;

        Refusal(int status, Consumer<JwtClaims> bend) {
            this.status = status;
            this.bend = bend;
        }
    }

    @ParameterizedTest(name = "{0}: refused, nothing registered")
    @EnumSource(Refusal.class)
    void aTokenRefusedByAnyCheckRegistersNothing(Refusal refusal, Scratch scratch) {
        Newcomer newcomer = Newcomer.in(scratch, World.ORG_A);
        if (refusal == Refusal.BLOCKED_TEAM) {
            scratch.insertTeam(newcomer.teamId(), World.ORG_A);
            Keygate.db().update("UPDATE teams SET blocked = true WHERE team_id = ?", newcomer.teamId());
        }
        DatabaseFootprint before = DatabaseFootprint.now();

        Response refused = registering.api().ownKeyInfo(newcomer.token(refusal.bend)).assertError(refusal.status);

        before.assertUnchangedBy(refused);
    }

    /** A mapping switched off stays off: the client is refused rather than registered again. */
    @Test
    void aClientWhoseMappingIsSwitchedOffIs403AndNotRegisteredAgain(Scratch scratch) {
        Newcomer newcomer = Newcomer.in(scratch, World.ORG_A);
        String key = keyOn(registering.api(), newcomer.token());
        String id = (String) Keygate.db().row("SELECT id FROM jwt_key_mappings WHERE jwt_claim_value = ?", newcomer.client())
                .orElseThrow().get("id");
        Keygate.api().post("/jwt/key/mapping/update", Map.of("id", id, "is_active", false), PROXY_ADMIN.credential())
                .assertStatus(200);
        Keygate.awaitCacheSyncs();
        DatabaseFootprint before = DatabaseFootprint.now();

        Response refused = registering.api().ownKeyInfo(newcomer.token()).assertError(403);

        before.assertUnchangedBy(refused);
        assertOneKeyAndOneMapping(newcomer, key);
    }

    /** The key {@code token} signs in as on the instance {@code api} talks to: its own key info. */
    private static String keyOn(Api api, Credential token) {
        return api.ownKeyInfo(token).assertStatus(200).body().path("key").asText();
    }

    /**
     * The client's one mapping points at {@code key}, which is the only key registered for it and the
     * only key of its user and team (no orphan of a lost race), audited once.
     */
    private static void assertOneKeyAndOneMapping(Newcomer newcomer, String key) {
        Db db = Keygate.db();
        assertThat(db.row("SELECT string_agg(token, ',') AS tokens FROM jwt_key_mappings"
                        + " WHERE jwt_claim_name = 'azp' AND jwt_claim_value = ?", newcomer.client()).orElseThrow())
                .as("mappings of %s", newcomer.client()).isEqualTo(Map.of("tokens", key));
        assertThat(db.row("""
                SELECT string_agg(token, ',') AS tokens FROM keys
                 WHERE metadata -> 'jwt_key_mapping' ->> 'azp' = ? OR user_id = ? OR team_id = ?""",
                newcomer.client(), newcomer.userId(), newcomer.teamId()).orElseThrow()).as("keys registered for %s, or of its user or team", newcomer.client()).isEqualTo(Map.of("tokens", key));
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'key.generate' AND object_id = ?", key))
                .as("key.generate audit rows of the registered key").isOne();
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'jwt_key_mapping.new'"
                + " AND after_value ->> 'jwt_claim_value' = ?", newcomer.client())).as("jwt_key_mapping.new audit rows").isOne();
    }
}
