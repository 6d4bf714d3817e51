package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LiteLLM's answer shapes (issue 7 item 2): each route answers every field LiteLLM's response model
 * has, by name and JSON type ({@link LiteLlmShapes}), with Keygate's own fields beside them; and the
 * fields a script compares carry what LiteLLM puts there.
 */
@BehaviorTest
class LiteLlmAnswerShapesTest {

    @Test
    void generateCarriesTokenId200(Scratch scratch) {
        Response response = Keygate.api().post("/key/generate", Map.of("key_alias", scratch.name("gen")),
                PROXY_ADMIN.credential()).assertStatus(200);

        LiteLlmShapes.assertHasFields("POST /key/generate", response.body());
        assertTokenIdIsTheHash(response);
    }

    @Test
    void serviceAccountGenerateCarriesTokenId200(Scratch scratch) {
        scratch.insertOrganization(scratch.name("org"));
        scratch.insertTeam(scratch.name("team"), scratch.name("org"));

        Response response = Keygate.api().post("/key/service-account/generate", Map.of("team_id", scratch.name("team")),
                PROXY_ADMIN.credential()).assertStatus(200);

        LiteLlmShapes.assertHasFields("POST /key/service-account/generate", response.body());
        assertTokenIdIsTheHash(response);
    }

    /** Both forms of regenerate: the key in the body, or in the path. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST /key/regenerate", "POST /key/{key}/regenerate"})
    void regenerateCarriesTokenId200(String route, Scratch scratch) {
        Scratch.ScratchKey key = scratch.insertKey(new KeyShape(null, null, null));
        boolean inPath = route.contains("{key}");

        Response response = Keygate.api().post(inPath ? "/key/" + key.token() + "/regenerate" : "/key/regenerate",
                inPath ? Map.of() : Map.of("key", key.token()), PROXY_ADMIN.credential()).assertStatus(200);

        LiteLlmShapes.assertHasFields(route, response.body());
        assertTokenIdIsTheHash(response);
    }

    /** LiteLLM answers {"key": <as sent>, **the updated row}: named by hash, the hash comes back. */
    @Test
    void updateEchoesKeyByHash200(Scratch scratch) {
        Scratch.ScratchKey key = scratch.insertKey(new KeyShape(null, null, null));

        Response response = Keygate.api().post("/key/update", Map.of("key", key.token(), "max_budget", 5),
                PROXY_ADMIN.credential()).assertStatus(200);

        LiteLlmShapes.assertHasFields("POST /key/update", response.body());
        assertThat(response.body().path("key").asText()).as("key of %s", response).isEqualTo(key.token());
        assertThat(response.body().path("max_budget").decimalValue()).isEqualByComparingTo("5");
    }

    /** Named by its cleartext or alias, the key comes back as its hash: an answer never echoes a secret. */
    @Test
    void updateByCleartextOrAliasEchoesHashNotSecret200(Scratch scratch) {
        Scratch.ScratchKey key = scratch.insertKey(new KeyShape(null, null, null));

        Response byCleartext = Keygate.api().post("/key/update", Map.of("key", key.cleartext(), "max_budget", 5),
                PROXY_ADMIN.credential()).assertStatus(200);
        Response byAlias = Keygate.api().post("/key/update", Map.of("key_alias", key.alias(), "max_budget", 6),
                PROXY_ADMIN.credential()).assertStatus(200);

        for (Response response : List.of(byCleartext, byAlias)) {
            assertThat(response.body().path("key").asText()).as("key of %s", response).isEqualTo(key.token());
            assertThat(response.raw()).as("answer of %s", response).doesNotContain(key.cleartext());
        }
    }

    /** deleted_keys is the list as sent: hashes and aliases as given, a cleartext key as its hash. */
    @Test
    void deleteEchoesWhatWasSent200(Scratch scratch) {
        Scratch.ScratchKey byHash = scratch.insertKey(new KeyShape(null, null, null));
        Scratch.ScratchKey byCleartext = scratch.insertKey(new KeyShape(null, null, null));
        Scratch.ScratchKey byAlias = scratch.insertKey(new KeyShape(null, null, null));

        Response response = Keygate.api().post("/key/delete", Map.of(
                "keys", List.of(byHash.token(), byCleartext.cleartext()),
                "key_aliases", List.of(byAlias.alias())), PROXY_ADMIN.credential()).assertStatus(200);

        LiteLlmShapes.assertHasFields("POST /key/delete", response.body());
        assertThat(response.body().path("deleted_keys")).extracting(JsonNode::asText)
                .containsExactly(byHash.token(), byCleartext.token(), byAlias.alias());
        assertThat(response.raw()).doesNotContain(byCleartext.cleartext());
    }

    /** team_memberships carries each member's spend and budget in the team; members show their email. */
    @Test
    void teamInfoCarriesMembershipsAndEmails200(Scratch scratch) {
        String team = teamWithMember(scratch);

        Response response = Keygate.api().get("/team/info?team_id=" + team, PROXY_ADMIN.credential()).assertStatus(200);

        LiteLlmShapes.assertHasFields("GET /team/info", response.body());
        assertMembership(response.body().path("team_memberships"), team, scratch);
        assertMemberEmail(response.body().path("team_info"), scratch);
    }

    /** Each team of the list as in /team/info, with its keys (those the caller may read). */
    @Test
    void teamListCarriesMembershipsAndEmails200(Scratch scratch) {
        String team = teamWithMember(scratch);

        Response response = Keygate.api().get("/team/list?user_id=" + scratch.name("member"), PROXY_ADMIN.credential())
                .assertStatus(200);

        LiteLlmShapes.assertHasFields("GET /team/list", response.body());
        assertThat(response.body()).hasSize(1);
        assertMembership(response.body().get(0).path("team_memberships"), team, scratch);
        assertMemberEmail(response.body().get(0), scratch);
    }

    /**
     * Members carry LiteLLM's user_role (Keygate's role beside it) and their email; teams are team objects.
     * budget_id is the organization's budget tier: null without one.
     */
    @Test
    void organizationInfoCarriesUserRoleAndTeamObjects200(Scratch scratch) {
        String organization = scratch.name("org");
        Keygate.api().post("/organization/new", Map.of("organization_id", organization, "organization_alias", organization),
                PROXY_ADMIN.credential()).assertStatus(200);
        String team = teamWithMemberIn(organization, scratch);
        Keygate.db().update("INSERT INTO organization_memberships (organization_id, user_id, user_role) VALUES (?, ?, 'org_admin')",
                organization, scratch.name("member"));

        Response response = Keygate.api().get("/organization/info?organization_id=" + organization, PROXY_ADMIN.credential())
                .assertStatus(200);

        LiteLlmShapes.assertHasFieldsExcept("GET /organization/info", response.body(), Set.of("budget_id"));
        assertThat(response.body().path("budget_id").isNull()).as("budget_id of %s", response).isTrue();
        JsonNode member = response.body().path("members").get(0);
        assertThat(member.path("user_role").asText()).isEqualTo("org_admin");
        assertThat(member.path("role").asText()).isEqualTo("org_admin");
        assertThat(member.path("user_email").asText()).isEqualTo(scratch.name("member") + "@example.com");
        assertThat(response.body().path("teams")).singleElement().satisfies(object -> {
            assertThat(object.path("team_id").asText()).isEqualTo(team);
            assertMemberEmail(object, scratch);
        });
    }

    /** LiteLLM's paging fields, beside Keygate's total_count and current_page, which say the same. */
    @Test
    void userListPagesWithTotalPageAndPageSize200(Scratch scratch) {
        for (String user : List.of("u1", "u2", "u3")) {
            scratch.insertUser(scratch.name(user));
            Keygate.db().update("UPDATE users SET user_email = ? WHERE user_id = ?", scratch.name(user) + "@example.com",
                    scratch.name(user));
        }

        Response response = Keygate.api().get("/user/list?page=2&page_size=2&user_email=" + scratch.name("u3") + "@example.com",
                PROXY_ADMIN.credential()).assertStatus(200);
        Response first = Keygate.api().get("/user/list?page=1&page_size=2", PROXY_ADMIN.credential()).assertStatus(200);

        LiteLlmShapes.assertHasFields("GET /user/list", response.body());
        assertThat(response.body().path("total").asLong()).isEqualTo(1);
        assertThat(response.body().path("page").asInt()).isEqualTo(2);
        assertThat(response.body().path("page_size").asInt()).isEqualTo(2);
        assertThat(first.body().path("total").asLong()).isEqualTo(first.body().path("total_count").asLong());
        assertThat(first.body().path("page").asInt()).isEqualTo(first.body().path("current_page").asInt());
    }

    /** key is always there: "" when auto_create_key is false, as in LiteLLM. */
    @Test
    void userNewWithoutKeyAnswersEmptyKey200(Scratch scratch) {
        Response response = Keygate.api().post("/user/new", Map.of("user_id", scratch.name("nokey"), "auto_create_key", false),
                PROXY_ADMIN.credential()).assertStatus(200);

        LiteLlmShapes.assertHasFields("POST /user/new", response.body());
        assertThat(response.body().path("key").isTextual()).as("key of %s", response).isTrue();
        assertThat(response.body().path("key").asText()).isEmpty();
        assertThat(response.body().path("token").isNull()).as("token of %s", response).isTrue();
    }

    @Test
    void userNewWithKeyAnswersKeyAndItsHash200(Scratch scratch) {
        Response response = Keygate.api().post("/user/new", Map.of("user_id", scratch.name("withkey")),
                PROXY_ADMIN.credential()).assertStatus(200);

        LiteLlmShapes.assertHasFields("POST /user/new", response.body());
        String hash = Keys.token(response.body().path("key").asText());
        assertThat(response.body().path("token_id").asText()).isEqualTo(hash);
        assertThat(response.body().path("key_name").asText()).isEqualTo(Keys.maskedName(response.body().path("key").asText()));
    }

    /** LiteLLM answers {"team_id", "data": team}; the team's fields stay at the top for Keygate's clients. */
    @Test
    void teamUpdateAnswersTeamIdAndData200(Scratch scratch) {
        String team = teamWithMember(scratch);

        Response response = Keygate.api().post("/team/update", Map.of("team_id", team, "team_alias", scratch.name("renamed")),
                PROXY_ADMIN.credential()).assertStatus(200);

        LiteLlmShapes.assertHasFields("POST /team/update", response.body());
        assertThat(response.body().path("team_id").asText()).isEqualTo(team);
        assertThat(response.body().path("data").path("team_alias").asText()).isEqualTo(scratch.name("renamed"));
        assertThat(response.body().path("data").path("team_id").asText()).isEqualTo(team);
        assertThat(response.body().path("team_alias").asText()).isEqualTo(scratch.name("renamed"));
    }

    /** LiteLLM answers {"user_id", "data": user}; the user's fields stay at the top for Keygate's clients. */
    @Test
    void userUpdateAnswersUserIdAndData200(Scratch scratch) {
        String user = scratch.name("updated");
        scratch.insertUser(user);

        Response response = Keygate.api().post("/user/update", Map.of("user_id", user, "user_alias", scratch.name("alias")),
                PROXY_ADMIN.credential()).assertStatus(200);

        // User objects do not list their teams and organization memberships yet (compat-cases.json differences).
        LiteLlmShapes.assertHasFieldsExcept("POST /user/update", response.body(),
                Set.of("data.teams", "data.organization_memberships"));
        assertThat(response.body().path("user_id").asText()).isEqualTo(user);
        assertThat(response.body().path("data").path("user_alias").asText()).isEqualTo(scratch.name("alias"));
        assertThat(response.body().path("data").path("user_id").asText()).isEqualTo(user);
        assertThat(response.body().path("user_alias").asText()).isEqualTo(scratch.name("alias"));
    }

    private static String teamWithMember(Scratch scratch) {
        scratch.insertOrganization(scratch.name("org"));
        return teamWithMemberIn(scratch.name("org"), scratch);
    }

    private static String teamWithMemberIn(String organization, Scratch scratch) {
        String team = scratch.name("team");
        String member = scratch.name("member");
        scratch.insertTeam(team, organization);
        scratch.insertUser(member);
        scratch.insertTeamMember(team, member);
        Keygate.db().update("UPDATE users SET user_email = ? WHERE user_id = ?", member + "@example.com", member);
        Keygate.db().update("UPDATE team_memberships SET max_budget_in_team = 7, spend = 2 WHERE team_id = ?", team);
        return team;
    }

    private static void assertMembership(JsonNode memberships, String team, Scratch scratch) {
        assertThat(memberships).as("team_memberships").hasSize(1);
        JsonNode membership = memberships.get(0);
        assertThat(membership.path("user_id").asText()).isEqualTo(scratch.name("member"));
        assertThat(membership.path("team_id").asText()).isEqualTo(team);
        assertThat(membership.path("spend").decimalValue()).isEqualByComparingTo("2");
        assertThat(membership.path("litellm_budget_table").path("max_budget").decimalValue()).isEqualByComparingTo("7");
    }

    private static void assertMemberEmail(JsonNode team, Scratch scratch) {
        assertThat(team.path("members_with_roles")).as("members_with_roles of %s", team).singleElement()
                .satisfies(member -> assertThat(member.path("user_email").asText())
                        .isEqualTo(scratch.name("member") + "@example.com"));
    }

    private static void assertTokenIdIsTheHash(Response response) {
        String hash = Keys.token(response.body().path("key").asText());
        assertThat(response.body().path("token_id").asText()).as("token_id of %s", response).isEqualTo(hash);
        assertThat(response.body().path("token").asText()).as("token of %s", response).isEqualTo(hash);
    }
}
