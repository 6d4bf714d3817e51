package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.CROSS_ORG_USER;
import static dev.keygate.behavior.Actor.INTERNAL_USER;
import static dev.keygate.behavior.Actor.ORG_ADMIN;
import static dev.keygate.behavior.Actor.OWNER;
import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.Actor.SERVICE_ACCOUNT;
import static dev.keygate.behavior.Actor.TEAM_ADMIN;
import static dev.keygate.behavior.Actor.UNRELATED_SAME_ORG;
import static dev.keygate.behavior.VerifyAnswers.answer;
import static dev.keygate.behavior.VerifyAnswers.assertAnswer;
import static dev.keygate.behavior.VerifyAnswers.key;
import static dev.keygate.behavior.VerifyAnswers.notFound;
import static dev.keygate.behavior.VerifyAnswers.team;
import static dev.keygate.behavior.VerifyAnswers.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keygate.behavior.Matrix.Cell;
import dev.keygate.behavior.Scratch.ScratchKey;
import java.time.OffsetDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may verify whose key by body ({@code POST /key/verify {"key": …}}): exactly who may read it
 * with {@code GET /key/info?key=…} (KeyInfoAllTargetsMatrixTest, the same targets), except that a
 * key nobody issued is an answer ({@code 200 NOT_FOUND}), not an error. The caller authenticates
 * as everywhere (401); a refusal is 403 with the error envelope. Nothing is written either way.
 */
@BehaviorTest
class KeyVerifyMatrixTest {

    /** Whose world key is verified: KeyInfoAllTargetsMatrixTest's targets. */
    enum Target {
        OWN, SAME_TEAM, SAME_ORG, OTHER_ORG, MISSING;

        /** The cleartext of the world key verified, or a key never issued. */
        String key(Actor caller) {
            return switch (this) {
                case OWN -> caller.key();
                case SAME_TEAM -> OWNER.key();
                case SAME_ORG -> World.GAMMA_MEMBER_KEY;
                case OTHER_ORG -> CROSS_ORG_USER.key();
                case MISSING -> Keys.missingKey();
            };
        }

        /** The whole 200 answer for the target (world keys are stored with every default). */
        ObjectNode answer(Actor caller) {
            return switch (this) {
                case OWN -> worldKeyAnswer(caller);
                case SAME_TEAM -> worldKeyAnswer(OWNER);
                case SAME_ORG -> VerifyAnswers.answer("VALID",
                        VerifyAnswers.key(Keys.token(World.GAMMA_MEMBER_KEY), World.GAMMA_MEMBER_KEY_ALIAS,
                                new KeyShape(World.GAMMA_MEMBER, World.TEAM_GAMMA, World.ORG_A)),
                        user(World.GAMMA_MEMBER, "internal_user"), team(World.TEAM_GAMMA, false));
                case OTHER_ORG -> worldKeyAnswer(CROSS_ORG_USER);
                case MISSING -> notFound();
            };
        }
    }

    /** An actor's world key: VALID, the actor's user and platform role (none for the service account), its team. */
    static ObjectNode worldKeyAnswer(Actor holder) {
        KeyShape shape = holder.keyShape();
        return answer("VALID", key(holder.token(), holder.keyAlias(), shape),
                holder.userId() == null ? null : user(holder.userId(), holder.platformRole()),
                shape.teamId() == null ? null : team(shape.teamId(), false));
    }

    // KeyInfoAllTargetsMatrixTest's table, with MISSING 200 (NOT_FOUND) instead of 404. OWNER's
    // SAME_TEAM and CROSS_ORG_USER's OTHER_ORG are their own keys, hence 200.
    static final Matrix<Target> EXPECTED = Matrix.of("POST /key/verify (by body)", "%s verifies %s key by body", Target.values())
            //                        OWN  SAME_TEAM SAME_ORG OTHER_ORG MISSING
            .row(PROXY_ADMIN,        200, 200,      200,     200,      200)
            .row(ORG_ADMIN,          200, 200,      200,     403,      200)
            .row(TEAM_ADMIN,         200, 200,      403,     403,      200)
            .row(INTERNAL_USER,      200, 403,      403,     403,      200)
            .row(OWNER,              200, 200,      403,     403,      200)
            .row(UNRELATED_SAME_ORG, 200, 403,      403,     403,      200)
            .row(CROSS_ORG_USER,     200, 403,      403,     200,      200)
            .row(SERVICE_ACCOUNT,    200, 403,      403,     403,      200)
            // Token callers get their key twin's row, but a team token holds no key to read as its own.
            .tokensDiffer(SERVICE_ACCOUNT, Target.OWN, 403);

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void verifyByBody(Cell<Target> cell) {
        String key = cell.target().key(cell.actor());
        KeyChecks.Snapshot before = KeyChecks.snapshot(Keys.token(key));

        Response response = Keygate.api().verifyByBody(key, cell.credential());

        if (cell.expected() == 200) {
            assertAnswer(response, cell.target().answer(cell.actor()), key, cell.actor().key());
        } else {
            response.assertError(cell.expected());
        }
        assertThat(KeyChecks.snapshot(Keys.token(key))).as("the verified key's row and audit trail after %s", response)
                .isEqualTo(before);
    }

    /** Header mode: every actor's key verifies itself, whatever it may read. */
    @ParameterizedTest(name = "{0} verifies its own key by header -> 200 VALID")
    @EnumSource(Actor.class)
    void actorVerifiesOwnKeyByHeader200(Actor actor) {
        assertAnswer(Keygate.api().verify(actor.credential()), worldKeyAnswer(actor), actor.key());
    }

    /** A caller that does not authenticate is 401 before the body is looked at, whatever it names. */
    enum BadCaller {
        NO_CREDENTIAL, UNKNOWN_KEY, NOT_A_KEY, BLOCKED_KEY, EXPIRED_KEY, KEY_OF_A_BLOCKED_TEAM, DELETED_KEY;

        Credential credential(Scratch scratch) {
            return switch (this) {
                case NO_CREDENTIAL -> Credential.none();
                case UNKNOWN_KEY -> Credential.bearer(Keys.missingKey());
                case NOT_A_KEY -> Credential.bearer("not-a-key");
                case BLOCKED_KEY -> {
                    ScratchKey key = scratch.insertKey(PROXY_ADMIN.keyShape());
                    Keygate.db().update("UPDATE keys SET blocked = true WHERE token = ?", key.token());
                    yield key.credential();
                }
                case EXPIRED_KEY -> {
                    ScratchKey key = scratch.insertKey(PROXY_ADMIN.keyShape());
                    Keygate.db().update("UPDATE keys SET expires = ? WHERE token = ?",
                            OffsetDateTime.parse("2020-01-01T00:00:00Z"), key.token());
                    yield key.credential();
                }
                case KEY_OF_A_BLOCKED_TEAM -> {
                    String teamId = scratch.name("blocked_team");
                    scratch.insertTeam(teamId, World.ORG_A);
                    Keygate.db().update("UPDATE teams SET blocked = true WHERE team_id = ?", teamId);
                    yield scratch.insertKey(new KeyShape(null, teamId, World.ORG_A)).credential();
                }
                case DELETED_KEY -> {
                    ScratchKey key = scratch.insertKey(PROXY_ADMIN.keyShape());
                    Keygate.api().post("/key/delete", java.util.Map.of("keys", java.util.List.of(key.token())),
                            PROXY_ADMIN.credential()).assertStatus(200);
                    yield key.credential();
                }
            };
        }
    }

    @ParameterizedTest(name = "{0} verifies OWNER key by body -> 401")
    @EnumSource(BadCaller.class)
    void badCallerVerifiesByBody401(BadCaller caller, Scratch scratch) {
        Credential credential = caller.credential(scratch);

        Keygate.api().verifyByBody(OWNER.key(), credential).assertError(401);
        Keygate.api().verifyByBody(Keys.missingKey(), credential).assertError(401);
    }

    /**
     * Callers that are not world actors: viewers, key types, and a member whose team does or does
     * not grant {@code /key/info}. Each is a scratch user (in a scratch team of org_a, as a plain
     * member, with the team's permissions as the row says) calling with a personal key of the row's
     * type; it verifies that key itself, its own key in the team, and CROSS_ORG_USER's key.
     */
    enum Caller {
        PROXY_ADMIN_VIEWER("proxy_admin_viewer", "default", true),
        INTERNAL_USER_VIEWER("internal_user_viewer", "default", true),
        LLM_API_KEY_OF_A_PROXY_ADMIN("proxy_admin", "llm_api", true),
        READ_ONLY_KEY_OF_A_PROXY_ADMIN("proxy_admin", "read_only", true),
        MEMBER_OF_A_TEAM_GRANTING_KEY_INFO("internal_user", "default", true),
        MEMBER_OF_A_TEAM_NOT_GRANTING_KEY_INFO("internal_user", "default", false);

        final String role;
        final String keyType;
        final boolean teamGrantsKeyInfo;

        Caller(String role, String keyType, boolean teamGrantsKeyInfo) {
            this.role = role;
            this.keyType = keyType;
            this.teamGrantsKeyInfo = teamGrantsKeyInfo;
        }
    }

    enum Attempt { ITSELF_BY_HEADER, ITSELF_BY_BODY, OWN_TEAM_KEY_BY_BODY, CROSS_ORG_KEY_BY_BODY }

    record Case(Caller caller, Attempt attempt, int expected) {
        @Override
        public String toString() {
            return caller + " verifies " + attempt.name().toLowerCase().replace('_', ' ') + " -> " + expected;
        }
    }

    static Stream<Case> callerCases() {
        // As GET /key/info decides (ViewerAndKeyTypeTest): header mode checks no policy at all.
        int[][] table = {
                //                                             itself     itself   own team key  cross-org key
                //                                             by header  by body  by body       by body
                /* PROXY_ADMIN_VIEWER */                      {200,       200,     200,          200},
                /* INTERNAL_USER_VIEWER */                    {200,       200,     200,          403},
                /* LLM_API_KEY_OF_A_PROXY_ADMIN */            {200,       403,     403,          403},
                /* READ_ONLY_KEY_OF_A_PROXY_ADMIN */          {200,       200,     200,          200},
                /* MEMBER_OF_A_TEAM_GRANTING_KEY_INFO */      {200,       200,     200,          403},
                /* MEMBER_OF_A_TEAM_NOT_GRANTING_KEY_INFO */  {200,       200,     403,          403},
        };
        return Stream.of(Caller.values()).flatMap(caller -> Stream.of(Attempt.values())
                .map(attempt -> new Case(caller, attempt, table[caller.ordinal()][attempt.ordinal()])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callerCases")
    void callerVerifies(Case c, Scratch scratch) {
        String userId = scratch.name("caller");
        String teamId = scratch.name("team");
        scratch.insertUser(userId);
        Keygate.db().update("UPDATE users SET user_role = ? WHERE user_id = ?", c.caller().role, userId);
        if (c.caller().teamGrantsKeyInfo) {
            scratch.insertTeam(teamId, World.ORG_A);
        } else {
            scratch.insertTeam(teamId, World.ORG_A, "/key/health");
        }
        scratch.insertTeamMember(teamId, userId, "user");
        ScratchKey own = scratch.insertKey(new KeyShape(userId, null, null));
        Keygate.db().update("UPDATE keys SET key_type = ? WHERE token = ?", c.caller().keyType, own.token());
        ScratchKey teamKey = scratch.insertKey(new KeyShape(userId, teamId, World.ORG_A));
        String target = switch (c.attempt()) {
            case ITSELF_BY_HEADER, ITSELF_BY_BODY -> own.cleartext();
            case OWN_TEAM_KEY_BY_BODY -> teamKey.cleartext();
            case CROSS_ORG_KEY_BY_BODY -> CROSS_ORG_USER.key();
        };
        KeyChecks.Snapshot before = KeyChecks.snapshot(Keys.token(target));

        Response response = c.attempt() == Attempt.ITSELF_BY_HEADER
                ? Keygate.api().verify(own.credential())
                : Keygate.api().verifyByBody(target, own.credential());

        if (c.expected() == 200) {
            response.assertStatus(200);
            assertThat(response.body().path("code").asText()).as("code of %s", response).isEqualTo("VALID");
            assertThat(response.body().path("key").path("token").asText()).as("key.token of %s", response)
                    .isEqualTo(Keys.token(target));
            assertThat(response.raw()).as("answer").doesNotContain(target).doesNotContain(own.cleartext());
        } else {
            response.assertError(c.expected());
        }
        assertThat(KeyChecks.snapshot(Keys.token(target))).as("the verified key after %s", response).isEqualTo(before);
    }

    /** "The key itself" may read itself even where its team grants its owner nothing. */
    @Test
    void teamKeyVerifiesItselfByBodyWhereTeamGrantsNoKeyInfo200(Scratch scratch) {
        String userId = scratch.name("member");
        String teamId = scratch.name("team");
        scratch.insertUser(userId);
        scratch.insertTeam(teamId, World.ORG_A, "/key/health");
        scratch.insertTeamMember(teamId, userId, "user");
        ScratchKey teamKey = scratch.insertKey(new KeyShape(userId, teamId, World.ORG_A));

        Response response = Keygate.api().verifyByBody(teamKey.cleartext(), teamKey.credential());

        assertAnswer(response, answer("VALID", key(teamKey.token(), teamKey.alias(), new KeyShape(userId, teamId, World.ORG_A)),
                user(userId, "internal_user"), team(teamId, false)), teamKey.cleartext());
    }

    /** A target that cannot be a key is not found, not a bad request. */
    @ParameterizedTest(name = "{0} verifies a non-sk string by body -> 200 NOT_FOUND")
    @EnumSource(value = Actor.class, names = {"PROXY_ADMIN", "OWNER", "SERVICE_ACCOUNT"})
    void nonKeyTargetIsNotFound200(Actor actor) {
        assertAnswer(Keygate.api().verifyByBody("not-a-key-" + Keys.randomHex(4), actor.credential()), notFound());
    }
}
