package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.Scratch.ScratchKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two Keygate instances on one database: A (the harness's server) takes every write, B
 * ({@link KeygatePeer}, same configuration) must stop honouring what A changed, although B answers authentication from its own
 * cache. For each kind of write: B caches the caller first (one successful authentication on B),
 * the change goes through A's API, and B is polled until its answer changes. The delay is measured
 * from A's answer to B's first changed answer, printed as {@code [revocation] <write>: <ms> ms},
 * and fails the test only past {@link #LIMIT} (a shared CI machine must not fail a correct
 * build). Then B's LISTEN connection is killed in Postgres: B must not answer from its cache while
 * it cannot hear about changes, and must hear about them again once it reconnects.
 */
@BehaviorTest
@ExtendWith(KeygatePeerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RevocationAcrossInstancesTest {

    /** Past this B has kept honouring a revoked answer too long: a failure, not a slow machine. */
    static final Duration LIMIT = Duration.ofSeconds(5);
    /** How long B may take to open a new LISTEN connection after losing one (not a latency target). */
    static final Duration RECONNECT_LIMIT = Duration.ofSeconds(30);

    /** Instance B; A is {@link Keygate#api()}. */
    private static KeygatePeer peer;
    /** Measured delays in run order, for the closing summary. */
    private static final Map<String, Long> DELAYS = new LinkedHashMap<>();

    @BeforeAll
    static void instanceB(KeygatePeer started) {
        peer = started;
    }

    @AfterAll
    static void printSummary() {
        if (DELAYS.isEmpty()) {
            return;
        }
        System.out.println("[revocation] summary: " + DELAYS.size() + " writes, slowest "
                + DELAYS.values().stream().mapToLong(Long::longValue).max().orElse(0) + " ms, limit " + LIMIT.toMillis() + " ms");
        DELAYS.forEach((write, ms) -> System.out.printf("[revocation]   %-55s %6d ms%n", write, ms));
    }

    /**
     * A scenario built for one write kind: what to ask B (its answer as one line), what B must say
     * before the write and after it, and the write through A.
     */
    record Scenario(Supplier<String> askB, String before, Runnable writeThroughA, String after) {}

    /** Every kind of write that can change a cached answer; each builds its own scratch world. */
    enum Write {
        KEY_UPDATE("key update (max_budget, models)") {
            Scenario build(Scratch scratch) {
                ScratchKey key = scratch.insertKey(personalKeyOf(newUser(scratch, "holder")));
                return new Scenario(() -> verifyOnB(key.credential(), "/code", "/key/max_budget", "/key/models"),
                        "200 VALID null []",
                        () -> a("POST", "/key/update", Map.of("key", key.token(), "max_budget", 7, "models", List.of("gpt-4o"))),
                        "200 VALID 7 [\"gpt-4o\"]");
            }
        },
        BUDGET_TIER_UPDATE("budget tier update (the key's tier: max_budget)") {
            Scenario build(Scratch scratch) {
                ScratchKey key = scratch.insertKey(personalKeyOf(newUser(scratch, "holder")));
                String tier = scratch.name("tier");
                scratch.insertBudget(tier, 10, null);
                Keygate.db().update("UPDATE keys SET budget_id = ? WHERE token = ?", tier, key.token());
                return new Scenario(() -> verifyOnB(key.credential(), "/code", "/key/max_budget"), "200 VALID 10",
                        () -> a("POST", "/budget/update", Map.of("budget_id", tier, "max_budget", 7)),
                        "200 VALID 7");
            }
        },
        KEY_BLOCK("key block") {
            Scenario build(Scratch scratch) {
                ScratchKey key = scratch.insertKey(personalKeyOf(newUser(scratch, "holder")));
                return new Scenario(() -> keyStateOnB(key), USABLE,
                        () -> a("POST", "/key/block", Map.of("key", key.token())), "verify 200 BLOCKED, info 401");
            }
        },
        KEY_UNBLOCK("key unblock") {
            Scenario build(Scratch scratch) {
                ScratchKey key = scratch.insertKey(personalKeyOf(newUser(scratch, "holder")));
                Keygate.db().update("UPDATE keys SET blocked = true WHERE token = ?", key.token());
                return new Scenario(() -> keyStateOnB(key), "verify 200 BLOCKED, info 401",
                        () -> a("POST", "/key/unblock", Map.of("key", key.token())), USABLE);
            }
        },
        KEY_DELETE("key delete") {
            Scenario build(Scratch scratch) {
                ScratchKey key = scratch.insertKey(personalKeyOf(newUser(scratch, "holder")));
                return new Scenario(() -> keyStateOnB(key), USABLE,
                        () -> a("POST", "/key/delete", Map.of("keys", List.of(key.token()))), GONE);
            }
        },
        KEY_REGENERATE("key regenerate (old key, no grace)") {
            Scenario build(Scratch scratch) {
                ScratchKey key = scratch.insertKey(personalKeyOf(newUser(scratch, "holder")));
                return new Scenario(() -> keyStateOnB(key), USABLE,
                        () -> a("POST", "/key/regenerate", Map.of("key", key.cleartext())), GONE);
            }
        },
        KEY_MOVE("key move (team_id: into a team with models)") {
            Scenario build(Scratch scratch) {
                String from = newTeam(scratch);
                String to = scratch.name("to");
                scratch.insertTeam(to, World.ORG_A);
                Keygate.db().update("UPDATE teams SET models = ARRAY['gpt-4o'] WHERE team_id = ?", to);
                ScratchKey key = scratch.insertKey(serviceAccountOf(from));
                return new Scenario(() -> verifyOnB(key.credential(), "/code", "/key/team_id", "/team/models"),
                        "200 VALID " + from + " []",
                        () -> a("POST", "/key/update", Map.of("key", key.token(), "team_id", to)),
                        "200 VALID " + to + " [\"gpt-4o\"]");
            }
        },
        TEAM_MOVE("team move (organization_id: its keys' organization)") {
            Scenario build(Scratch scratch) {
                String teamId = newTeam(scratch);
                String to = newOrganization(scratch);
                ScratchKey key = scratch.insertKey(serviceAccountOf(teamId));
                return new Scenario(() -> verifyOnB(key.credential(), "/code", "/key/organization_id"),
                        "200 VALID " + World.ORG_A,
                        () -> a("POST", "/team/update", Map.of("team_id", teamId, "organization_id", to)),
                        "200 VALID " + to);
            }
        },
        TEAM_BLOCK("team block") {
            Scenario build(Scratch scratch) {
                String teamId = newTeam(scratch);
                ScratchKey key = scratch.insertKey(serviceAccountOf(teamId));
                return new Scenario(() -> keyStateOnB(key), USABLE,
                        () -> a("POST", "/team/block", Map.of("team_id", teamId)),
                        "verify 200 TEAM_BLOCKED, info 401");
            }
        },
        TEAM_UPDATE("team update (models)") {
            Scenario build(Scratch scratch) {
                String teamId = newTeam(scratch);
                ScratchKey key = scratch.insertKey(serviceAccountOf(teamId));
                return new Scenario(() -> verifyOnB(key.credential(), "/code", "/team/models"), "200 VALID []",
                        () -> a("POST", "/team/update", Map.of("team_id", teamId, "models", List.of("gpt-4o"))),
                        "200 VALID [\"gpt-4o\"]");
            }
        },
        TEAM_DELETE("team delete") {
            Scenario build(Scratch scratch) {
                String teamId = newTeam(scratch);
                ScratchKey key = scratch.insertKey(serviceAccountOf(teamId));
                return new Scenario(() -> keyStateOnB(key), USABLE,
                        () -> a("POST", "/team/delete", Map.of("team_ids", List.of(teamId))), GONE);
            }
        },
        TEAM_MEMBER_ADD("team member add (team becomes readable)") {
            Scenario build(Scratch scratch) {
                String userId = newUser(scratch, "joiner");
                ScratchKey caller = scratch.insertKey(personalKeyOf(userId));
                String teamId = newTeam(scratch);
                return new Scenario(() -> statusOnB("/team/info?team_id=" + teamId, caller), "403",
                        () -> a("POST", "/team/member_add", Map.of("team_id", teamId,
                                "member", Map.of("user_id", userId, "role", "user"))),
                        "200");
            }
        },
        TEAM_MEMBER_UPDATE("team member update (promoted to team admin)") {
            Scenario build(Scratch scratch) {
                String userId = newUser(scratch, "promoted");
                ScratchKey caller = scratch.insertKey(personalKeyOf(userId));
                String teamId = newTeam(scratch);
                scratch.insertTeamMember(teamId, userId, "user");
                ScratchKey teammates = scratch.insertKey(serviceAccountOf(teamId));
                return new Scenario(() -> statusOnB(keyInfoPath(teammates), caller), "403",
                        () -> a("POST", "/team/member_update", Map.of("team_id", teamId, "user_id", userId, "role", "admin")),
                        "200");
            }
        },
        TEAM_MEMBER_DELETE("team member delete (team no longer readable)") {
            Scenario build(Scratch scratch) {
                String userId = newUser(scratch, "leaver");
                ScratchKey caller = scratch.insertKey(personalKeyOf(userId));
                String teamId = newTeam(scratch);
                scratch.insertTeamMember(teamId, userId, "user");
                return new Scenario(() -> statusOnB("/team/info?team_id=" + teamId, caller), "200",
                        () -> a("POST", "/team/member_delete", Map.of("team_id", teamId, "user_id", userId)),
                        "403");
            }
        },
        TEAM_PERMISSIONS_UPDATE("team permissions update (/key/update granted)") {
            Scenario build(Scratch scratch) {
                String userId = newUser(scratch, "member");
                ScratchKey caller = scratch.insertKey(personalKeyOf(userId));
                String teamId = newTeam(scratch);
                scratch.insertTeamMember(teamId, userId, "user");
                ScratchKey ownTeamKey = scratch.insertKey(new KeyShape(userId, teamId, World.ORG_A));
                return new Scenario(() -> status(peer.api().post("/key/update",
                                Map.of("key", ownTeamKey.token(), "metadata", Map.of("touched", "on B")), caller.credential())),
                        "403",
                        () -> a("POST", "/team/permissions_update", Map.of("team_id", teamId,
                                "team_member_permissions", List.of("/key/info", "/key/update"))),
                        "200");
            }
        },
        USER_ROLE_CHANGE("user role change (promoted to proxy_admin)") {
            Scenario build(Scratch scratch) {
                String userId = newUser(scratch, "promoted");
                ScratchKey caller = scratch.insertKey(personalKeyOf(userId));
                return new Scenario(() -> statusOnB("/key/info?key=" + Actor.CROSS_ORG_USER.token(), caller), "403",
                        () -> a("POST", "/user/update", Map.of("user_id", userId, "user_role", "proxy_admin")),
                        "200");
            }
        },
        USER_DELETE("user delete") {
            Scenario build(Scratch scratch) {
                String userId = newUser(scratch, "leaver");
                ScratchKey key = scratch.insertKey(personalKeyOf(userId));
                return new Scenario(() -> keyStateOnB(key), USABLE,
                        () -> a("POST", "/user/delete", Map.of("user_ids", List.of(userId))), GONE);
            }
        },
        ORGANIZATION_MEMBER_ADD("organization member add (as org_admin)") {
            Scenario build(Scratch scratch) {
                String userId = newUser(scratch, "joiner");
                ScratchKey caller = scratch.insertKey(personalKeyOf(userId));
                String organizationId = newOrganization(scratch);
                ScratchKey orgKey = scratch.insertKey(serviceAccountOf(newTeam(scratch, organizationId)));
                return new Scenario(() -> statusOnB(keyInfoPath(orgKey), caller), "403",
                        () -> a("POST", "/organization/member_add", Map.of("organization_id", organizationId,
                                "member", Map.of("user_id", userId, "role", "org_admin"))),
                        "200");
            }
        },
        ORGANIZATION_MEMBER_UPDATE("organization member update (promoted to org_admin)") {
            Scenario build(Scratch scratch) {
                String userId = newUser(scratch, "promoted");
                ScratchKey caller = scratch.insertKey(personalKeyOf(userId));
                String organizationId = newOrganization(scratch);
                scratch.insertOrganizationMember(organizationId, userId, "internal_user");
                ScratchKey orgKey = scratch.insertKey(serviceAccountOf(newTeam(scratch, organizationId)));
                return new Scenario(() -> statusOnB(keyInfoPath(orgKey), caller), "403",
                        () -> a("PATCH", "/organization/member_update", Map.of("organization_id", organizationId,
                                "user_id", userId, "role", "org_admin")),
                        "200");
            }
        },
        ORGANIZATION_MEMBER_DELETE("organization member delete (org_admin removed)") {
            Scenario build(Scratch scratch) {
                String userId = newUser(scratch, "leaver");
                ScratchKey caller = scratch.insertKey(personalKeyOf(userId));
                String organizationId = newOrganization(scratch);
                scratch.insertOrganizationMember(organizationId, userId, "org_admin");
                ScratchKey orgKey = scratch.insertKey(serviceAccountOf(newTeam(scratch, organizationId)));
                return new Scenario(() -> statusOnB(keyInfoPath(orgKey), caller), "200",
                        () -> a("DELETE", "/organization/member_delete", Map.of("organization_id", organizationId,
                                "user_id", userId)),
                        "403");
            }
        },
        ORGANIZATION_DELETE("organization delete") {
            Scenario build(Scratch scratch) {
                String organizationId = newOrganization(scratch);
                ScratchKey key = scratch.insertKey(serviceAccountOf(newTeam(scratch, organizationId)));
                return new Scenario(() -> keyStateOnB(key), USABLE,
                        () -> a("DELETE", "/organization/delete", Map.of("organization_ids", List.of(organizationId))),
                        GONE);
            }
        };

        final String label;

        Write(String label) {
            this.label = label;
        }

        abstract Scenario build(Scratch scratch);

        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Write> writes() {
        return Stream.of(Write.values());
    }

    @Order(1)
    @ParameterizedTest(name = "{0}: seen on B within 5 s")
    @MethodSource("writes")
    void writeThroughAIsSeenOnB(Write write, Scratch scratch) {
        // Built by JDBC, which returns once A and B have both applied it (CacheSyncs).
        Scenario scenario = write.build(scratch);
        // The caller (or key) authenticates on B: from here on B may answer it from its cache.
        assertThat(scenario.askB().get()).as("B before the %s", write).isEqualTo(scenario.before());

        scenario.writeThroughA().run();

        measure(write.label, scenario.askB(), scenario.after());
    }

    /**
     * B loses its LISTEN connection: changes made meanwhile are announced to nobody, so B must stop
     * trusting its cache (not serve a blocked key it had cached); once B listens again, changes
     * reach it as before.
     */
    @Order(2)
    @Test
    void listenerLossNeverServesAStaleAnswer(Scratch scratch) {
        assertThat(peer.listenersOfOthers()).as("A's %s connections in pg_stat_activity", KeygatePeer.LISTENER).isNotEmpty();
        int listenerOfB = peer.listener(Set.of(), Duration.ofSeconds(10));
        ScratchKey cached = scratch.insertKey(personalKeyOf(newUser(scratch, "holder")));
        assertThat(keyStateOnB(cached)).as("B before its listener is killed").isEqualTo(USABLE);

        assertThat(Keygate.db().row("SELECT pg_terminate_backend(?) AS killed", listenerOfB).orElseThrow().get("killed"))
                .as("pg_terminate_backend(%s), B's listener", listenerOfB).isEqualTo(true);
        long killedAt = System.nanoTime();
        a("POST", "/key/block", Map.of("key", cached.token()));
        measure("key block while B's listener is down", () -> keyStateOnB(cached), "verify 200 BLOCKED, info 401");

        int reconnected = peer.listener(Set.of(listenerOfB), RECONNECT_LIMIT);
        System.out.printf("[revocation] B listens again (pid %d instead of %d) after %d ms%n",
                reconnected, listenerOfB, (System.nanoTime() - killedAt) / 1_000_000);

        ScratchKey fresh = scratch.insertKey(personalKeyOf(newUser(scratch, "holder2")));
        assertThat(keyStateOnB(fresh)).as("B after reconnecting, before the block").isEqualTo(USABLE);
        assertThat(keyStateOnB(cached)).as("B after reconnecting, before the unblock").isEqualTo("verify 200 BLOCKED, info 401");
        a("POST", "/key/block", Map.of("key", fresh.token()));
        measure("key block after B's listener reconnected", () -> keyStateOnB(fresh), "verify 200 BLOCKED, info 401");
        a("POST", "/key/unblock", Map.of("key", cached.token()));
        measure("key unblock after B's listener reconnected", () -> keyStateOnB(cached), USABLE);
    }

    // ---- B's answers, one line each ---------------------------------------------------------------

    /** A key that authenticates: header verify and own key info. */
    static final String USABLE = "verify 200 VALID, info 200";
    /** A key Keygate no longer knows. */
    static final String GONE = "verify 401, info 401";

    /** The key presented to B: its header-mode verify code and whether it authenticates on {@code /key/info}. */
    static String keyStateOnB(ScratchKey key) {
        Response verify = peer.api().verify(key.credential());
        String verified = verify.status() == 200 ? "200 " + verify.body().path("code").asText() : String.valueOf(verify.status());
        return "verify " + verified + ", info " + peer.api().ownKeyInfo(key.credential()).status();
    }

    /** B's header-mode verify of the key: the status and the given fields, numbers without trailing zeros. */
    static String verifyOnB(Credential credential, String... pointers) {
        Response response = peer.api().verify(credential);
        if (response.status() != 200) {
            return String.valueOf(response.status());
        }
        List<String> parts = new ArrayList<>(List.of("200"));
        for (String pointer : pointers) {
            JsonNode value = response.body().at(pointer);
            parts.add(value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString()
                    : value.isTextual() ? value.asText() : value.toString());
        }
        return String.join(" ", parts);
    }

    static String statusOnB(String path, ScratchKey caller) {
        return status(peer.api().get(path, caller.credential()));
    }

    static String status(Response response) {
        return String.valueOf(response.status());
    }

    static String keyInfoPath(ScratchKey key) {
        return "/key/info?key=" + key.token();
    }

    /** A write through A as the proxy admin; 200 or the scenario is wrong. */
    static void a(String method, String path, Map<String, Object> body) {
        Keygate.api().send(method, path, body, PROXY_ADMIN.credential()).assertStatus(200);
    }

    /**
     * Polls B until it answers {@code expected}; records and prints the delay since the write's
     * answer (the caller has just made it), and fails only when B still disagrees after {@link #LIMIT}.
     */
    static void measure(String write, Supplier<String> askB, String expected) {
        long since = System.nanoTime();
        long deadline = since + LIMIT.toNanos();
        String seen = askB.get();
        while (!seen.equals(expected) && System.nanoTime() < deadline) {
            pause(2);
            seen = askB.get();
        }
        long millis = (System.nanoTime() - since) / 1_000_000;
        assertThat(seen).as("B %d ms after the %s through A (limit %d ms)", millis, write, LIMIT.toMillis())
                .isEqualTo(expected);
        DELAYS.put(write, millis);
        System.out.printf("[revocation] %s: %d ms%n", write, millis);
    }

    // ---- scratch builders ---------------------------------------------------------------------

    static String newUser(Scratch scratch, String base) {
        String userId = scratch.name(base);
        scratch.insertUser(userId);
        return userId;
    }

    static KeyShape personalKeyOf(String userId) {
        return new KeyShape(userId, null, null);
    }

    static String newOrganization(Scratch scratch) {
        String organizationId = scratch.name("org");
        scratch.insertOrganization(organizationId);
        return organizationId;
    }

    /** A scratch team of org_a with no members. */
    static String newTeam(Scratch scratch) {
        return newTeam(scratch, World.ORG_A);
    }

    static String newTeam(Scratch scratch, String organizationId) {
        String teamId = scratch.name("team");
        scratch.insertTeam(teamId, organizationId);
        return teamId;
    }

    static KeyShape serviceAccountOf(String teamId) {
        return new KeyShape(null, teamId, Keygate.db().row("SELECT organization_id FROM teams WHERE team_id = ?", teamId)
                .map(row -> (String) row.get("organization_id")).orElseThrow());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
