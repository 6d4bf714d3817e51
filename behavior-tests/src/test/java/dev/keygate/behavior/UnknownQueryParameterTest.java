package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keygate.behavior.HostileRoutes.Field;
import dev.keygate.behavior.HostileRoutes.Fixture;
import dev.keygate.behavior.HostileRoutes.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A query parameter a route does not take is 400 naming it, never silently dropped (JAX-RS ignores
 * it, so {@code /user/list?team=x} answered every user). The routes come from {@code GET /routes}
 * and what each takes from {@link HostileRoutes} (docs/api.md's list): a new route is covered, and
 * one whose parameters drift from the docs fails here. Authentication still comes first (401), and
 * a refused request changes nothing.
 */
@BehaviorTest
class UnknownQueryParameterTest {

    private static final String UNKNOWN = "fz_unknown";
    /** A gateway's check at plain {@code /authz} wants the original path in X-Original-URI, which these requests lack. */
    private static final int NGINX_WITHOUT_ORIGINAL_URI = 400;
    /**
     * GET routes that answer otherwise even when all is right: {@code /team/available} answers LiteLLM's
     * 400 for a proxy without an {@code available_teams} setting, which Keygate never has (docs/api.md).
     */
    private static final Map<String, Integer> NOT_200 = Map.of("GET /team/available", 400,
            "GET /authz", NGINX_WITHOUT_ORIGINAL_URI);

    /** "METHOD /template" of every served route, optionally GETs only. */
    private static Stream<String> routes(boolean getsOnly) {
        List<String> names = new ArrayList<>();
        for (JsonNode route : Keygate.api().get("/routes", Credential.none()).assertStatus(200).body().path("routes")) {
            String method = route.path("method").asText();
            if (!getsOnly || method.equals("GET")) {
                names.add(method + " " + route.path("path").asText());
            }
        }
        return names.stream();
    }

    static Stream<String> everyRoute() {
        return routes(false);
    }

    static Stream<String> everyGetRoute() {
        return routes(true);
    }

    /**
     * Every route, as the proxy admin, with a request that would otherwise go through (a GET with all
     * its own parameters, a write with its base body) plus one parameter it does not take.
     */
    @ParameterizedTest(name = "{0} with ?" + UNKNOWN + " -> 400 (a gateway's check: 200)")
    @MethodSource("everyRoute")
    void unknownParameterIsRefusedNamingIt400(String route, Scratch scratch) {
        Fixture fixture = Fixture.insert(scratch);
        Shape shape = shapeOf(route, fixture);
        String known = knownQuery(shape, fixture);
        String query = known + (known.isEmpty() ? "?" : "&") + UNKNOWN + "=1";
        DatabaseFootprint before = DatabaseFootprint.now();

        Response response = send(shape, fixture, query, Actor.PROXY_ADMIN.credential());

        if (HostileRoutes.takesAnyQuery(shape.template())) {
            // A gateway's check: the query is the forwarded request's, which Keygate does not judge.
            response.assertStatus(shape.template().equals("/authz") ? NGINX_WITHOUT_ORIGINAL_URI : 200);
            assertThat(response.raw()).doesNotContain(UNKNOWN);
        } else {
            assertNamed(response, UNKNOWN);
        }
        before.assertUnchangedBy(response);
    }

    /** Every GET route still takes each parameter it reads, all at once, each with a value it accepts. */
    @ParameterizedTest(name = "{0} with its own parameters -> 200")
    @MethodSource("everyGetRoute")
    void ownParametersAreTaken200(String route, Scratch scratch) {
        Fixture fixture = Fixture.insert(scratch);
        Shape shape = shapeOf(route, fixture);

        send(shape, fixture, knownQuery(shape, fixture), Actor.PROXY_ADMIN.credential())
                .assertStatus(NOT_200.getOrDefault(route, 200));
    }

    /** LiteLLM's filters Keygate does not have yet, and names that belong to another route or differ in case. */
    @ParameterizedTest(name = "GET {0} -> 400 naming {1}")
    @CsvSource({
            "/user/list?team=x, team",
            "/key/list?page=1&size=10&include_created_by_keys=true, include_created_by_keys",
            "/user/list?size=10, size",
            "/team/info?team_id=w_team_alpha&user_id=w_owner, user_id",
            "/key/list?Page=1, Page",
    })
    void namedUnknownParameters400(String path, String param) {
        assertNamed(Keygate.api().get(path, Actor.PROXY_ADMIN.credential()), param);
    }

    /** Several unknown names: the first in alphabetical order, whatever order they came in. */
    @Test
    void severalUnknownParametersNameTheFirstAlphabetically400() {
        assertNamed(Keygate.api().get("/user/list?zz=1&team=x&page=1", Actor.PROXY_ADMIN.credential()), "team");
    }

    /** A key pasted as a parameter name is refused without being repeated: answers hold no key. */
    @Test
    void keyAsAParameterNameIsNotEchoed400() {
        String pasted = "sk-fz-pasted-" + Keys.randomHex(8);

        Response response = Keygate.api().get("/key/info?" + pasted, Actor.PROXY_ADMIN.credential()).assertError(400);

        assertThat(response.body().path("error").path("param").isNull()).as("error.param of %s", response).isTrue();
        assertThat(response.body().path("error").path("message").asText()).isEqualTo("Unknown query parameter");
        assertThat(response.raw()).doesNotContain(pasted);
    }

    @ParameterizedTest(name = "GET {0} without a key -> 401")
    @CsvSource({"/key/list?team=x", "/user/list?team=x", "/team/list?" + UNKNOWN + "=1", "/audit?" + UNKNOWN + "=1"})
    void withoutAKeyStill401(String path) {
        Keygate.api().get(path, Credential.none()).assertError(401);
        Keygate.api().get(path, Credential.bearer("sk-unknown-" + Keys.randomHex(8))).assertError(401);
    }

    @Test
    void writeWithAnUnknownParameterWithoutAKey401() {
        Keygate.api().post("/key/generate?" + UNKNOWN + "=1", Map.of(), Credential.none()).assertError(401);
    }

    /**
     * {@code /key/verify} checks its credential itself (a blocked key is answered, not refused), so
     * the parameter it does not take is found first; nothing is looked up either way.
     */
    @Test
    void verifyWithAnUnknownParameterWithoutAKey400() {
        assertNamed(Keygate.api().get("/key/verify?" + UNKNOWN + "=1", Credential.none()), UNKNOWN);
    }

    @Test
    void headIsJudgedAsGet400() {
        RawHttp.RawResponse response = RawHttp.exchange(RawHttp.head("HEAD", "/key/list?team=x",
                "Authorization: Bearer " + Actor.PROXY_ADMIN.key() + "\r\n"));

        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.body()).isEmpty();
    }

    /** OPTIONS answers only which methods a route has: it reads no query, so none is refused. */
    @Test
    void optionsIgnoresTheQuery200() {
        RawHttp.RawResponse response = RawHttp.exchange(RawHttp.head("OPTIONS", "/key/list?status=deleted", ""));

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.headers().get("allow")).as("%s", response).isEqualTo("HEAD,GET,OPTIONS");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static void assertNamed(Response response, String param) {
        response.assertError(400);
        assertThat(response.body().path("error").path("param").asText()).as("error.param of %s", response).isEqualTo(param);
        assertThat(response.body().path("error").path("message").asText()).as("error.message of %s", response)
                .isEqualTo("Unknown query parameter: " + param);
    }

    private static Shape shapeOf(String route, Fixture fixture) {
        Shape shape = HostileRoutes.all(fixture).get(route);
        assertThat(shape).as("HostileRoutes' shape of %s, a route GET /routes lists", route).isNotNull();
        return shape;
    }

    /** The route's base request (its {@code {key}} the fixture's key) with {@code query}. */
    private static Response send(Shape shape, Fixture fixture, String query, Credential credential) {
        String path = HostileRoutes.concrete(shape.template(), HostileInputs.encode(fixture.key()));
        Object body = shape.takesBody() ? Api.parse(HostileInputs.baseBody(shape)) : null;
        return Keygate.api().send(shape.method(), path + query, body, credential);
    }

    /**
     * A GET's base query, then every other parameter it takes with a value it accepts; empty for a
     * route with a body (its fields are not query parameters).
     */
    private static String knownQuery(Shape shape, Fixture fixture) {
        if (shape.takesBody()) {
            return "";
        }
        Map<String, String> query = HostileInputs.baseQuery(shape);
        for (Field parameter : shape.fields()) {
            query.putIfAbsent(HostileInputs.encode(parameter.name()), HostileInputs.encode(valueOf(parameter, fixture)));
        }
        return HostileInputs.queryString(query);
    }

    /** The fixture's ids where a parameter names one (key_hash must name a key), else any value of its kind. */
    private static String valueOf(Field parameter, Fixture fixture) {
        return switch (parameter.name()) {
            case "user_id" -> fixture.user();
            case "team_id" -> fixture.team();
            case "organization_id" -> fixture.organization();
            case "key_hash" -> Keys.token(fixture.key());
            case "user_email" -> fixture.userEmail();
            case "sort_by" -> "created_at";
            case "sort_order" -> "desc";
            case "status" -> "deleted";
            case "role" -> "internal_user";
            default -> switch (parameter.kind()) {
                case INT -> "1";
                case BOOL -> "true";
                case EMAIL -> "fz@fz.dev";
                default -> "fz";
            };
        };
    }
}
