package dev.keygate.behavior;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every protected endpoint refuses every kind of missing or bad credential with 401 and the error
 * envelope, before looking at the body (the bodies here would otherwise be 4xx for other reasons).
 */
@BehaviorTest
class UnauthenticatedMatrixTest {

    enum Endpoint {
        KEY_GENERATE("POST", "/key/generate", Map.of()),
        KEY_INFO("GET", "/key/info", null),
        KEY_DELETE("POST", "/key/delete", Map.of("keys", List.of("sk-x"))),
        ORGANIZATION_NEW("POST", "/organization/new", Map.of("organization_alias", "x")),
        TEAM_NEW("POST", "/team/new", Map.of()),
        USER_NEW("POST", "/user/new", Map.of()),
        TEAM_MEMBER_ADD("POST", "/team/member_add", Map.of());

        final String method;
        final String path;
        final Map<String, Object> body;

        Endpoint(String method, String path, Map<String, Object> body) {
            this.method = method;
            this.path = path;
            this.body = body;
        }

        Response call(Credential credential) {
            return method.equals("GET") ? Keygate.api().get(path, credential) : Keygate.api().post(path, body, credential);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    enum BadCredential {
        NONE("no credential", Credential.none()),
        OTHER_SCHEME("Authorization: Token abc", Credential.header("Authorization", "Token abc")),
        EMPTY_BEARER("Authorization: Bearer (nothing after)", Credential.header("Authorization", "Bearer")),
        MALFORMED_BASIC("Authorization: Basic !!!notbase64", Credential.header("Authorization", "Basic !!!notbase64")),
        UNKNOWN_BEARER_KEY("Authorization: Bearer <unknown sk- key>", Credential.bearer("sk-unknown-" + Keys.randomHex(12))),
        NOT_A_KEY("Authorization: Bearer not-a-key", Credential.bearer("not-a-key")),
        UNKNOWN_X_API_KEY("x-api-key: <unknown sk- key>", Credential.header("x-api-key", "sk-unknown-" + Keys.randomHex(12)));

        // The label, not the header, names the test: the unknown keys are random per run.
        final String label;
        final Credential credential;

        BadCredential(String label, Credential credential) {
            this.label = label;
            this.credential = credential;
        }
    }

    /** One scenario of the endpoint x credential product. */
    record Case(Endpoint endpoint, BadCredential credential) {
        @Override
        public String toString() {
            return endpoint + " with " + credential.label + " -> 401";
        }
    }

    static Stream<Case> cases() {
        return Stream.of(Endpoint.values())
                .flatMap(endpoint -> Stream.of(BadCredential.values()).map(credential -> new Case(endpoint, credential)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsBadCredential401(Case scenario) {
        scenario.endpoint().call(scenario.credential().credential).assertError(401);
    }
}
