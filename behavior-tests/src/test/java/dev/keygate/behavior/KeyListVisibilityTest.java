package dev.keygate.behavior;

import static dev.keygate.behavior.Actor.CROSS_ORG_USER;
import static dev.keygate.behavior.Actor.INTERNAL_USER;
import static dev.keygate.behavior.Actor.ORG_ADMIN;
import static dev.keygate.behavior.Actor.OWNER;
import static dev.keygate.behavior.Actor.PROXY_ADMIN;
import static dev.keygate.behavior.Actor.SERVICE_ACCOUNT;
import static dev.keygate.behavior.Actor.TEAM_ADMIN;
import static dev.keygate.behavior.Actor.UNRELATED_SAME_ORG;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.Matrix.Cell;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code GET /key/list}: everyone may list, and sees exactly the keys they may read. Checked on the
 * world's nine keys (other rows may exist during a run), through every page, with the counts and
 * the full-object form, and against {@code /key/info} key by key.
 */
@BehaviorTest
class KeyListVisibilityTest {

    /** One column: the world's keys as a whole; the visible set per actor is {@link #VISIBLE}. */
    enum Target { VISIBLE }

    static final Matrix<Target> EXPECTED = Matrix.of("GET /key/list", "%s lists %s", Target.values())
            .row(PROXY_ADMIN,        200)
            .row(ORG_ADMIN,          200)
            .row(TEAM_ADMIN,         200)
            .row(INTERNAL_USER,      200)
            .row(OWNER,              200)
            .row(UNRELATED_SAME_ORG, 200)
            .row(CROSS_ORG_USER,     200)
            .row(SERVICE_ACCOUNT,    200);

    /** World key token → alias: the eight actors' keys and the gamma member's. */
    private static final Map<String, String> WORLD_KEYS = worldKeys();

    private static final String GAMMA = World.GAMMA_MEMBER_KEY_ALIAS;

    /** The world keys (by alias) each actor may read, hence list (and see the aliases of: KeyAliasesMatrixTest). */
    static final Map<Actor, Set<String>> VISIBLE = Map.of(
            PROXY_ADMIN, Set.copyOf(WORLD_KEYS.values()),
            // org_a's keys: its own, and every key of alpha and gamma. Not INTERNAL_USER's personal key.
            ORG_ADMIN, aliases(GAMMA, ORG_ADMIN, TEAM_ADMIN, OWNER, UNRELATED_SAME_ORG, SERVICE_ACCOUNT),
            TEAM_ADMIN, aliases(null, TEAM_ADMIN, OWNER, UNRELATED_SAME_ORG, SERVICE_ACCOUNT),
            INTERNAL_USER, aliases(null, INTERNAL_USER),
            OWNER, aliases(null, OWNER),
            UNRELATED_SAME_ORG, aliases(null, UNRELATED_SAME_ORG),
            CROSS_ORG_USER, aliases(null, CROSS_ORG_USER),
            SERVICE_ACCOUNT, aliases(null, SERVICE_ACCOUNT));

    static Stream<Cell<Target>> cells() {
        return EXPECTED.cells();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void listsExactlyTheReadableWorldKeys(Cell<Target> cell) {
        list(cell.credential(), 1, 100).assertStatus(cell.expected());

        Listing listing = listAll(cell.credential(), 100);
        assertThat(worldAliases(listing.tokens())).as("world keys listed for %s", cell.credential())
                .containsExactlyInAnyOrderElementsOf(visibleTo(cell));
        assertThat(listing.totalCount()).as("total_count of %s", listing.first()).isEqualTo(listing.tokens().size());
    }

    /** The consistency rule of docs/authz.md: listed exactly when /key/info answers 200. */
    @ParameterizedTest(name = "{0}: a world key is listed exactly when its info answers 200")
    @EnumSource(Actor.class)
    void listAgreesWithInfo(Actor actor) {
        assertListAgreesWithInfo(actor.credential());
    }

    @ParameterizedTest(name = "{0}: a world key is listed exactly when its info answers 200")
    @EnumSource(JwtActor.class)
    void tokenListAgreesWithInfo(JwtActor actor) {
        assertListAgreesWithInfo(actor.credential());
    }

    /**
     * A key caller sees what its role sees. A token caller holds no key, so a service account's
     * token does not see the service-account key, which sees itself only as the key presented.
     */
    static Set<String> visibleTo(Cell<?> cell) {
        return !cell.holdsKey() && cell.actor() == SERVICE_ACCOUNT ? Set.of() : VISIBLE.get(cell.actor());
    }

    private static void assertListAgreesWithInfo(Credential credential) {
        List<String> listed = listAll(credential, 100).tokens();
        Map<String, Integer> infoStatus = new LinkedHashMap<>();
        for (String token : WORLD_KEYS.keySet()) {
            infoStatus.put(WORLD_KEYS.get(token), Keygate.api().keyInfo(token, credential).status());
        }
        Set<String> readable = infoStatus.entrySet().stream().filter(e -> e.getValue() == 200)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(infoStatus.values()).as("/key/info statuses of %s on world keys: %s", credential, infoStatus)
                .allMatch(status -> status == 200 || status == 403);
        assertThat(worldAliases(listed)).as("listed vs readable (info statuses %s)", infoStatus)
                .containsExactlyInAnyOrderElementsOf(readable);
    }

    /** total_count counts what the caller may read, before paging: invisible keys do not show in it. */
    @Test
    void totalCountIgnoresUnreadableKeys(Scratch scratch) {
        long teamAdminBefore = listAll(TEAM_ADMIN, 100).totalCount();
        long proxyAdminBefore = listAll(PROXY_ADMIN, 100).totalCount();

        scratch.insertKey(CROSS_ORG_USER.keyShape());
        scratch.insertKey(CROSS_ORG_USER.keyShape());
        scratch.insertKey(new KeyShape(World.GAMMA_MEMBER, World.TEAM_GAMMA, World.ORG_A));

        assertThat(listAll(TEAM_ADMIN, 100).totalCount()).as("TEAM_ADMIN's total_count after keys in beta and gamma")
                .isEqualTo(teamAdminBefore);
        assertThat(listAll(PROXY_ADMIN, 100).totalCount()).as("PROXY_ADMIN's total_count after three new keys")
                .isEqualTo(proxyAdminBefore + 3);
    }

    /** TEAM_ADMIN reads alpha's four world keys: with size=2, two full pages and nothing twice. */
    @Test
    void pagesOfTwoCoverTheListOnce() {
        Response first = list(TEAM_ADMIN.credential(), 1, 2);
        first.assertStatus(200);
        long total = first.body().path("total_count").asLong();
        assertThat(total).as("total_count of %s", first).isGreaterThanOrEqualTo(4);
        assertThat(first.body().path("total_pages").asLong()).as("total_pages of %s", first).isEqualTo((total + 1) / 2);
        assertThat(first.body().path("current_page").asInt()).as("current_page of %s", first).isEqualTo(1);
        assertThat(first.body().path("keys").size()).as("keys on page 1 of %s", first).isEqualTo(2);

        Listing paged = listAll(TEAM_ADMIN, 2);
        assertThat(paged.tokens()).as("tokens over every page of 2").doesNotHaveDuplicates()
                .hasSize((int) total)
                .containsExactlyInAnyOrderElementsOf(listAll(TEAM_ADMIN, 100).tokens());
        assertThat(worldAliases(paged.tokens())).as("world keys over every page of 2")
                .containsExactlyInAnyOrderElementsOf(VISIBLE.get(TEAM_ADMIN));
    }

    /** return_full_object=true: key objects, each with its token, and never a cleartext. */
    @Test
    void fullObjectsCarryNoCleartext() {
        Response response = Keygate.api().get("/key/list?size=100&return_full_object=true", ORG_ADMIN.credential());

        response.assertStatus(200);
        List<String> worldAliases = new ArrayList<>();
        for (JsonNode key : response.body().path("keys")) {
            assertThat(key.isObject()).as("list item %s", key).isTrue();
            assertThat(key.has("key")).as("cleartext field in %s", key).isFalse();
            assertThat(key.path("token").asText()).as("token of %s", key).matches("[0-9a-f]{64}");
            String alias = key.path("key_alias").asText();
            if (alias.startsWith(World.PREFIX)) {
                worldAliases.add(alias);
            }
        }
        assertThat(worldAliases).as("world keys in the full objects").containsExactlyInAnyOrderElementsOf(VISIBLE.get(ORG_ADMIN));
        for (Actor actor : Actor.values()) {
            assertThat(response.raw()).as("response body").doesNotContain(actor.key());
        }
        assertThat(response.raw()).as("response body").doesNotContain(World.GAMMA_MEMBER_KEY);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Every page of the caller's list: the first answer and the tokens of all pages in order. */
    private record Listing(Response first, List<String> tokens) {
        long totalCount() {
            return first.body().path("total_count").asLong();
        }
    }

    private static Listing listAll(Actor actor, int size) {
        return listAll(actor.credential(), size);
    }

    private static Listing listAll(Credential credential, int size) {
        Response first = list(credential, 1, size);
        first.assertStatus(200);
        List<String> tokens = new ArrayList<>(tokensOf(first));
        long pages = first.body().path("total_pages").asLong();
        for (int page = 2; page <= pages; page++) {
            Response next = list(credential, page, size);
            next.assertStatus(200);
            assertThat(next.body().path("current_page").asInt()).as("current_page of %s", next).isEqualTo(page);
            tokens.addAll(tokensOf(next));
        }
        return new Listing(first, tokens);
    }

    private static Response list(Credential credential, int page, int size) {
        return Keygate.api().get("/key/list?page=" + page + "&size=" + size, credential);
    }

    private static List<String> tokensOf(Response response) {
        List<String> tokens = new ArrayList<>();
        response.body().path("keys").forEach(token -> tokens.add(token.asText()));
        return tokens;
    }

    /** The aliases of the world keys among {@code tokens}; other keys (scratch rows) are left out. */
    private static List<String> worldAliases(List<String> tokens) {
        return tokens.stream().filter(WORLD_KEYS::containsKey).map(WORLD_KEYS::get).toList();
    }

    private static Map<String, String> worldKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Actor actor : Actor.values()) {
            keys.put(actor.token(), actor.keyAlias());
        }
        keys.put(Keys.token(World.GAMMA_MEMBER_KEY), World.GAMMA_MEMBER_KEY_ALIAS);
        return Map.copyOf(keys);
    }

    /** The actors' key aliases, plus {@code extra} when not null. */
    private static Set<String> aliases(String extra, Actor... actors) {
        Stream<String> actorAliases = Arrays.stream(actors).map(Actor::keyAlias);
        return (extra == null ? actorAliases : Stream.concat(actorAliases, Stream.of(extra))).collect(Collectors.toSet());
    }
}
