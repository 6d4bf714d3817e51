package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.behavior.Scratch.ScratchKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How far a team's cascades reach, and no further: deleting a team takes its keys and memberships
 * but not its members, their keys elsewhere or their other teams; removing a member takes that
 * member's keys in that team only.
 */
@BehaviorTest
class TeamCascadeTest {

    @Test
    void deletingATeamSparesItsMembersAndTheirOtherKeys200(Scratch scratch) {
        String doomed = scratch.name("doomed");
        String other = scratch.name("other");
        String member = scratch.name("member");
        scratch.insertUser(member);
        scratch.insertTeam(doomed, World.ORG_A);
        scratch.insertTeam(other, World.ORG_A);
        scratch.insertTeamMember(doomed, member, "user");
        scratch.insertTeamMember(other, member, "user");
        ScratchKey inDoomed = scratch.insertKey(new KeyShape(member, doomed, World.ORG_A));
        ScratchKey inOther = scratch.insertKey(new KeyShape(member, other, World.ORG_A));
        ScratchKey personal = scratch.insertKey(new KeyShape(member, null, null));

        Keygate.api().post("/team/delete", Map.of("team_ids", List.of(doomed)), PROXY_ADMIN.credential()).assertStatus(200);

        Keygate.api().ownKeyInfo(inDoomed.credential()).assertError(401);
        Keygate.api().ownKeyInfo(inOther.credential()).assertStatus(200);
        Keygate.api().ownKeyInfo(personal.credential()).assertStatus(200);
        assertThat(Keygate.db().count("SELECT count(*) FROM users WHERE user_id = ?", member)).as("the member's user row").isOne();
        assertThat(TeamFixture.membershipRows(other)).as("memberships of the other team").isOne();
        assertThat(TeamFixture.keyRows(other)).as("keys of the other team").isOne();
    }

    @Test
    void removingAMemberTakesOnlyTheirKeysInThatTeam200(Scratch scratch) {
        String team = scratch.name("team");
        String other = scratch.name("other");
        String leaver = scratch.name("leaver");
        String stayer = scratch.name("stayer");
        scratch.insertUser(leaver);
        scratch.insertUser(stayer);
        scratch.insertTeam(team, World.ORG_A);
        scratch.insertTeam(other, World.ORG_A);
        scratch.insertTeamMember(team, leaver, "user");
        scratch.insertTeamMember(team, stayer, "user");
        scratch.insertTeamMember(other, leaver, "user");
        ScratchKey leaversKey = scratch.insertKey(new KeyShape(leaver, team, World.ORG_A));
        ScratchKey stayersKey = scratch.insertKey(new KeyShape(stayer, team, World.ORG_A));
        ScratchKey leaversOtherKey = scratch.insertKey(new KeyShape(leaver, other, World.ORG_A));
        ScratchKey leaversPersonalKey = scratch.insertKey(new KeyShape(leaver, null, null));

        Keygate.api().post("/team/member_delete", Map.of("team_id", team, "user_id", leaver), PROXY_ADMIN.credential())
                .assertStatus(200);

        Keygate.api().ownKeyInfo(leaversKey.credential()).assertError(401);
        Keygate.api().ownKeyInfo(stayersKey.credential()).assertStatus(200);
        Keygate.api().ownKeyInfo(leaversOtherKey.credential()).assertStatus(200);
        Keygate.api().ownKeyInfo(leaversPersonalKey.credential()).assertStatus(200);
        assertThat(Keygate.db().count("SELECT count(*) FROM team_memberships WHERE team_id = ? AND user_id = ?", team, stayer))
                .as("the stayer's membership").isOne();
        assertThat(Keygate.db().count("SELECT count(*) FROM team_memberships WHERE team_id = ? AND user_id = ?", other, leaver))
                .as("the leaver's membership of the other team").isOne();
    }

    @Test
    void blockingATeamSparesItsMembersKeysElsewhere200(Scratch scratch) {
        String blocked = scratch.name("blocked");
        String member = scratch.name("member");
        scratch.insertUser(member);
        scratch.insertTeam(blocked, World.ORG_A);
        scratch.insertTeamMember(blocked, member, "user");
        ScratchKey inBlocked = scratch.insertKey(new KeyShape(member, blocked, World.ORG_A));
        ScratchKey personal = scratch.insertKey(new KeyShape(member, null, null));

        Keygate.api().post("/team/block", Map.of("team_id", blocked), PROXY_ADMIN.credential()).assertStatus(200);

        Keygate.api().ownKeyInfo(inBlocked.credential()).assertError(401);
        Keygate.api().ownKeyInfo(personal.credential()).assertStatus(200);
        // Blocking switches keys off; it does not delete them.
        assertThat(TeamFixture.keyRows(blocked)).as("keys of the blocked team").isOne();
    }
}
