package dev.keygate.behavior;

import static dev.keygate.behavior.HostileRoutes.Kind.ALIAS;
import static dev.keygate.behavior.HostileRoutes.Kind.BOOL;
import static dev.keygate.behavior.HostileRoutes.Kind.BUDGET;
import static dev.keygate.behavior.HostileRoutes.Kind.EMAIL;
import static dev.keygate.behavior.HostileRoutes.Kind.ENUM;
import static dev.keygate.behavior.HostileRoutes.Kind.ID;
import static dev.keygate.behavior.HostileRoutes.Kind.IDS;
import static dev.keygate.behavior.HostileRoutes.Kind.INT;
import static dev.keygate.behavior.HostileRoutes.Kind.MEMBERS;
import static dev.keygate.behavior.HostileRoutes.Kind.NAMES;
import static dev.keygate.behavior.HostileRoutes.Kind.OBJECT;
import static dev.keygate.behavior.HostileRoutes.Kind.RATE;
import static dev.keygate.behavior.HostileRoutes.Kind.ROUTE;
import static dev.keygate.behavior.HostileRoutes.Kind.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What each route accepts, as docs/api.md states it: its body fields or query parameters, each
 * with its kind, and a base request naming the suite's fixture, so that a request with one hostile
 * value has nothing else wrong and reaches as deep as that value lets it. Bases of deleting routes
 * name ids nobody has, so the fixture survives the run. The suite fails on a route {@code GET /routes}
 * lists that is missing here: a new route gets its row before it ships.
 */
final class HostileRoutes {

    /** The JSON (or query) kind of a field, with the length limit docs/api.md gives its text. */
    enum Kind {
        ID(Json.STRING, 256), ALIAS(Json.STRING, 256), EMAIL(Json.STRING, 320), TEXT(Json.STRING, 256),
        ENUM(Json.STRING, 256), ROUTE(Json.STRING, 2048), NAMES(Json.ARRAY, 256), IDS(Json.ARRAY, 256), BUDGET(Json.NUMBER, 0),
        RATE(Json.NUMBER, 0), INT(Json.NUMBER, 0), BOOL(Json.BOOLEAN, 0), OBJECT(Json.OBJECT, 65_536),
        MEMBERS(Json.OBJECT, 320);

        final Json type;
        final int limit;

        Kind(Json type, int limit) {
            this.type = type;
            this.limit = limit;
        }
    }

    /** JSON value types, for choosing a value of another type than a field's. */
    enum Json { STRING, NUMBER, BOOLEAN, NULL, ARRAY, OBJECT }

    record Field(String name, Kind kind) {}

    /**
     * A route: method and template as {@code GET /routes} lists them; {@code fields} of its body or,
     * for a GET, {@code params} of its query; {@code base}: field (or parameter) to its JSON text
     * (for a query, the plain value).
     */
    record Shape(String method, String template, List<Field> fields, Map<String, String> base) {

        boolean takesBody() {
            return !method.equals("GET");
        }

        String name() {
            return method + " " + template;
        }
    }

    /** The ids the bases name: a scratch organization, team, two users, a key, its mapping and a budget tier. */
    record Fixture(String organization, String team, String user, String userEmail, String otherUser, String key,
                   String mapping, String budget) {

        /**
         * A scratch organization with a team, a user in both (with an email) and a key of that user in
         * the team mapped to a JWT client, a second user in neither, and a budget tier nothing uses: what
         * the base requests name.
         */
        static Fixture insert(Scratch scratch) {
            String organization = scratch.name("fz_org");
            String team = scratch.name("fz_team");
            String user = scratch.name("fz_user");
            String otherUser = scratch.name("fz_other");
            String email = scratch.name("fz") + "@fz.dev";
            scratch.insertOrganization(organization);
            scratch.insertTeam(team, organization);
            scratch.insertUser(user);
            scratch.insertUser(otherUser);
            Keygate.db().update("UPDATE users SET user_email = ? WHERE user_id = ?", email, user);
            scratch.insertOrganizationMember(organization, user);
            scratch.insertTeamMember(team, user, "admin");
            Scratch.ScratchKey key = scratch.insertKey(new KeyShape(user, team, organization));
            String mapping = scratch.name("fz_mapping");
            Keygate.db().update("INSERT INTO jwt_key_mappings (id, jwt_claim_name, jwt_claim_value, token) VALUES (?, 'azp', ?, ?)",
                    mapping, mapping, key.token());
            String budget = scratch.name("fz_budget");
            scratch.insertBudget(budget, 10, null);
            return new Fixture(organization, team, user, email, otherUser, key.cleartext(), mapping, budget);
        }
    }

    private static final List<Field> KEY_FIELDS = fields("key_alias", ALIAS, "duration", TEXT, "models", NAMES,
            "max_budget", BUDGET, "budget_duration", TEXT, "soft_budget", BUDGET, "spend", BUDGET, "metadata", OBJECT,
            "tpm_limit", RATE, "rpm_limit", RATE, "max_parallel_requests", INT, "model_max_budget", OBJECT,
            "model_rpm_limit", OBJECT, "model_tpm_limit", OBJECT, "allowed_routes", NAMES, "key_type", ENUM,
            "blocked", BOOL, "tags", NAMES, "permissions", OBJECT, "aliases", OBJECT, "budget_id", ID);
    private static final List<Field> GENERATE = concat(KEY_FIELDS, fields("key", ID, "user_id", ID, "team_id", ID,
            "organization_id", ID));
    private static final List<Field> KEY_CHANGE = concat(KEY_FIELDS, fields("key", ID, "grace_period", TEXT,
            "new_key", ID, "new_key_alias", ALIAS));
    private static final List<Field> ORGANIZATION = fields("organization_alias", ALIAS, "organization_id", ID,
            "models", NAMES, "max_budget", BUDGET, "budget_duration", TEXT, "tpm_limit", RATE, "rpm_limit", RATE,
            "metadata", OBJECT, "budget_id", ID);
    private static final List<Field> BUDGET_TIER = fields("budget_id", ID, "max_budget", BUDGET, "soft_budget", BUDGET,
            "max_parallel_requests", INT, "tpm_limit", RATE, "rpm_limit", RATE, "budget_duration", TEXT,
            "model_max_budget", OBJECT, "budget_reset_at", TEXT);
    private static final List<Field> TEAM = fields("team_alias", ALIAS, "team_id", ID, "models", NAMES,
            "max_budget", BUDGET, "budget_duration", TEXT, "tpm_limit", RATE, "rpm_limit", RATE, "metadata", OBJECT,
            "team_member_permissions", NAMES, "blocked", BOOL);
    private static final List<Field> USER = fields("user_id", ID, "user_email", EMAIL, "user_alias", ALIAS,
            "user_role", ENUM, "max_budget", BUDGET, "budget_duration", TEXT, "models", NAMES, "metadata", OBJECT);
    private static final List<Field> MEMBER_BY_ID = fields("user_id", ID, "user_email", EMAIL);
    private static final List<Field> PAGE = fields("page", INT, "size", INT);

    /** {@code /authz/**} as {@code GET /routes} lists it: the forwarded path is the template's {@code route}. */
    static final String AUTHZ = "/authz/{route: .*}";

    private HostileRoutes() {}

    /** A template's path with its {@code {key}} as given and a gateway's forwarded path an LLM call. */
    static String concrete(String template, String encodedKey) {
        return template.replace("{key}", encodedKey).replace("{route: .*}", "v1/chat/completions");
    }

    /** Whether the route's query string is the forwarded request's, not its own (so none is refused). */
    static boolean takesAnyQuery(String template) {
        return template.equals(AUTHZ) || template.equals("/authz");
    }

    static Map<String, Shape> all(Fixture f) {
        String missingKey = "sk-fz-missing-0000000000000000";
        Map<String, Shape> shapes = new LinkedHashMap<>();
        Stream.of(
                // keys
                body("POST", "/key/generate", GENERATE, "team_id", str(f.team())),
                body("POST", "/key/service-account/generate", GENERATE, "team_id", str(f.team())),
                body("POST", "/key/update", KEY_CHANGE, "key", str(f.key())),
                body("POST", "/key/bulk_update", fields("keys", IDS), "keys", "[{\"key\":" + str(f.key()) + "}]"),
                body("POST", "/key/regenerate", KEY_CHANGE, "key", str(f.key())),
                body("POST", "/key/{key}/regenerate", KEY_CHANGE),
                body("POST", "/key/{key}/reset_spend", fields("reset_to", BUDGET), "reset_to", "0"),
                body("POST", "/key/delete", fields("keys", IDS, "key_aliases", IDS), "keys", "[" + str(missingKey) + "]"),
                body("POST", "/key/block", fields("key", ID), "key", str(f.key())),
                body("POST", "/key/unblock", fields("key", ID), "key", str(f.key())),
                body("POST", "/key/verify", fields("key", TEXT, "route", ROUTE, "model", TEXT, "fallbacks", NAMES,
                        "estimated_tokens", INT), "key", str(f.key())),
                query("GET", "/key/verify", List.of()),
                body("POST", "/key/health", List.of()),
                body("POST", "/v2/key/info", fields("keys", IDS, "key_aliases", IDS), "keys", "[" + str(missingKey) + "]"),
                query("GET", "/key/info", fields("key", ID), "key", f.key()),
                query("GET", "/key/aliases", concat(PAGE, fields("search", TEXT))),
                query("GET", "/key/list", concat(PAGE, fields("user_id", ID, "team_id", ID, "organization_id", ID,
                        "key_alias", ALIAS, "key_hash", ID, "include_team_keys", BOOL, "return_full_object", BOOL,
                        "sort_by", ENUM, "sort_order", ENUM, "status", ENUM))),
                // organizations
                body("POST", "/organization/new", ORGANIZATION, "organization_alias", str("fz-org")),
                body("PATCH", "/organization/update", ORGANIZATION, "organization_id", str(f.organization())),
                body("DELETE", "/organization/delete", fields("organization_ids", IDS), "organization_ids", "[\"fz-missing\"]"),
                query("GET", "/organization/info", fields("organization_id", ID), "organization_id", f.organization()),
                query("GET", "/organization/list", List.of()),
                body("POST", "/organization/member_add", fields("organization_id", ID, "member", MEMBERS),
                        "organization_id", str(f.organization()), "member", "{\"user_id\":" + str(f.otherUser()) + "}"),
                body("PATCH", "/organization/member_update", concat(fields("organization_id", ID, "role", ENUM), MEMBER_BY_ID),
                        "organization_id", str(f.organization()), "user_id", str(f.user()), "role", str("internal_user")),
                body("DELETE", "/organization/member_delete", concat(fields("organization_id", ID), MEMBER_BY_ID),
                        "organization_id", str(f.organization()), "user_id", str("fz-missing")),
                // teams
                body("POST", "/team/new", concat(TEAM, fields("organization_id", ID, "members_with_roles", MEMBERS)),
                        "team_alias", str("fz-team")),
                body("POST", "/team/update", TEAM, "team_id", str(f.team())),
                body("POST", "/team/delete", fields("team_ids", IDS), "team_ids", "[\"fz-missing\"]"),
                query("GET", "/team/info", fields("team_id", ID), "team_id", f.team()),
                query("GET", "/team/list", fields("user_id", ID, "organization_id", ID)),
                query("GET", "/v2/team/list", fields("page", INT, "page_size", INT, "user_id", ID, "organization_id", ID,
                        "team_id", ID, "team_alias", ALIAS, "sort_by", ENUM, "sort_order", ENUM)),
                body("POST", "/team/member_add", fields("team_id", ID, "member", MEMBERS),
                        "team_id", str(f.team()), "member", "{\"user_id\":" + str(f.otherUser()) + "}"),
                body("POST", "/team/bulk_member_add", fields("team_id", ID, "members", MEMBERS),
                        "team_id", str(f.team()), "members", "[{\"user_id\":" + str(f.otherUser()) + "}]"),
                query("GET", "/team/available", List.of()),
                body("POST", "/team/model/add", fields("team_id", ID, "models", NAMES),
                        "team_id", str(f.team()), "models", "[\"fz-model\"]"),
                body("POST", "/team/model/delete", fields("team_id", ID, "models", NAMES),
                        "team_id", str(f.team()), "models", "[\"fz-missing-model\"]"),
                body("POST", "/team/member_update", concat(fields("team_id", ID, "role", ENUM, "max_budget_in_team", BUDGET),
                        MEMBER_BY_ID), "team_id", str(f.team()), "user_id", str(f.user()), "role", str("admin")),
                body("POST", "/team/member_delete", concat(fields("team_id", ID), MEMBER_BY_ID),
                        "team_id", str(f.team()), "user_id", str("fz-missing")),
                body("POST", "/team/block", fields("team_id", ID), "team_id", str(f.team())),
                body("POST", "/team/unblock", fields("team_id", ID), "team_id", str(f.team())),
                query("GET", "/team/permissions_list", fields("team_id", ID), "team_id", f.team()),
                body("POST", "/team/permissions_update", fields("team_id", ID, "team_member_permissions", NAMES),
                        "team_id", str(f.team()), "team_member_permissions", "[\"/key/info\"]"),
                // users
                body("POST", "/user/new", concat(USER, fields("teams", IDS, "organizations", IDS, "auto_create_key", BOOL)),
                        "user_alias", str("fz-user")),
                query("GET", "/user/info", fields("user_id", ID), "user_id", f.user()),
                body("POST", "/user/update", USER, "user_id", str(f.user())),
                body("POST", "/user/bulk_update", fields("users", MEMBERS),
                        "users", "[{\"user_id\":" + str(f.user()) + "}]"),
                query("GET", "/v2/user/info", fields("user_id", ID), "user_id", f.user()),
                body("POST", "/user/delete", fields("user_ids", IDS), "user_ids", "[\"fz-missing\"]"),
                query("GET", "/user/list", fields("page", INT, "page_size", INT, "role", ENUM, "user_email", EMAIL)),
                query("GET", "/user/available_roles", List.of()),
                // JWT key mappings: bases name a key or mapping nobody has, so nothing is created
                body("POST", "/jwt/key/mapping/new", fields("jwt_claim_name", TEXT, "jwt_claim_value", ID, "key", ID,
                        "description", ALIAS), "jwt_claim_name", str("azp"), "jwt_claim_value", str("fz-client"),
                        "key", str(missingKey)),
                body("POST", "/jwt/key/mapping/update", fields("id", ID, "key", ID, "description", ALIAS, "is_active", BOOL),
                        "id", str("fz-missing")),
                body("POST", "/jwt/key/mapping/delete", fields("id", ID), "id", str("fz-missing")),
                query("GET", "/jwt/key/mapping/info", fields("id", ID), "id", f.mapping()),
                // spend: the fixture's key, so a valid report adds to the fixture only
                body("POST", "/spend/record", fields("key", ID, "request_id", ID, "model", TEXT, "spend", BUDGET,
                        "prompt_tokens", INT, "completion_tokens", INT), "key", str(f.key()), "request_id",
                        str("fz-request"), "model", str("fz-model"), "spend", "0"),
                query("GET", "/jwt/key/mapping/list", PAGE),
                // budget tiers: new names the fixture's tier (a duplicate, 400), the others change it or
                // name one nobody has, so a valid request creates nothing
                body("POST", "/budget/new", BUDGET_TIER, "budget_id", str(f.budget())),
                body("POST", "/budget/update", BUDGET_TIER, "budget_id", str(f.budget())),
                body("POST", "/budget/delete", fields("id", ID), "id", str("fz-missing")),
                body("POST", "/budget/info", fields("budgets", IDS), "budgets", "[" + str(f.budget()) + "]"),
                query("GET", "/budget/list", List.of()),
                // gateways: the body is never read and the query is the forwarded request's, so
                // nothing here is theirs; the route after /authz is an LLM call (see concrete). Plain
                // /authz wants X-Original-URI, which these requests lack: 400 for a valid key
                query("GET", AUTHZ, List.of()),
                body("POST", AUTHZ, List.of()),
                body("PUT", AUTHZ, List.of()),
                body("PATCH", AUTHZ, List.of()),
                body("DELETE", AUTHZ, List.of()),
                body("OPTIONS", AUTHZ, List.of()),
                query("GET", "/authz", List.of()),
                body("POST", "/authz", List.of()),
                body("PUT", "/authz", List.of()),
                body("PATCH", "/authz", List.of()),
                body("DELETE", "/authz", List.of()),
                body("OPTIONS", "/authz", List.of()),
                query("GET", "/v1/models", List.of()),
                query("GET", "/models", List.of()),
                // audit, health, routes, the OpenAPI document
                query("GET", "/audit", concat(PAGE, fields("action", TEXT, "object_type", TEXT, "object_id", ID,
                        "actor_id", ID, "organization_id", ID))),
                query("GET", "/health/liveliness", List.of()),
                query("GET", "/health/liveness", List.of()),
                query("GET", "/health/readiness", List.of()),
                query("GET", "/routes", List.of()),
                query("GET", "/openapi.json", List.of()))
                .forEach(shape -> shapes.put(shape.name(), shape));
        return shapes;
    }

    /**
     * Every route the server lists ({@code GET /routes}), each with its shape, ordered by name; a
     * listed route without one fails the caller.
     */
    static List<Shape> served(Fixture fixture) {
        Map<String, Shape> known = all(fixture);
        List<Shape> shapes = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (JsonNode route : Keygate.api().get("/routes", Credential.none()).assertStatus(200).body().path("routes")) {
            String name = route.path("method").asText() + " " + route.path("path").asText();
            Optional.ofNullable(known.get(name)).ifPresentOrElse(shapes::add, () -> unknown.add(name));
        }
        assertThat(unknown).as("routes GET /routes lists that HostileRoutes does not describe").isEmpty();
        assertThat(shapes).as("routes").hasSizeGreaterThan(10);
        // The server's listing order is not part of its contract; a seed's plan must not depend on it.
        shapes.sort(Comparator.comparing(Shape::name));
        return shapes;
    }

    /** A JSON string literal; control characters and lone surrogates escaped, so they are sent as escapes. */
    static String str(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** A JSON object from field names to JSON texts, in order. */
    static String object(Map<String, String> fields) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, String> field : fields.entrySet()) {
            out.append(out.length() > 1 ? "," : "").append(str(field.getKey())).append(':').append(field.getValue());
        }
        return out.append('}').toString();
    }

    private static Shape body(String method, String template, List<Field> fields, String... base) {
        return new Shape(method, template, fields, pairs(base));
    }

    private static Shape query(String method, String template, List<Field> params, String... base) {
        return new Shape(method, template, params, pairs(base));
    }

    private static Map<String, String> pairs(String... base) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < base.length; i += 2) {
            map.put(base[i], base[i + 1]);
        }
        return map;
    }

    private static List<Field> fields(Object... nameKindPairs) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < nameKindPairs.length; i += 2) {
            fields.add(new Field((String) nameKindPairs[i], (Kind) nameKindPairs[i + 1]));
        }
        return List.copyOf(fields);
    }

    private static List<Field> concat(List<Field> first, List<Field> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
