package dev.keygate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keygate.web.ApiException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What scope-restricted token callers may reach: exact routes and prefixes, and nothing for an empty scope. */
class TokenScopeTest {

    private static Caller token(TokenScope scope) {
        return new Caller(Credential.JWT, null, "alice", UserRole.INTERNAL_USER, null, null, KeyType.DEFAULT, Map.of(),
                Map.of(), null, scope);
    }

    @Test
    void exactRoutesAndPrefixesAreGrantedAndNothingElse() {
        TokenScope scope = new TokenScope(Set.of("/key/info", "/team/*"), Set.of("gpt-4o"));

        assertThat(scope.allowsRoute("/key/info")).isTrue();
        assertThat(scope.allowsRoute("/team/info")).isTrue();
        assertThat(scope.allowsRoute("/team/member_add")).isTrue();
        assertThat(scope.allowsRoute("/key/list")).isFalse();
        assertThat(scope.allowsRoute("/key/info/extra")).isFalse();
        assertThat(scope.allowsRoute("/teams")).isFalse();
    }

    @Test
    void aScopedTokenIsRefusedOtherRoutes403AndUnscopedCallersAreNot() {
        Caller scoped = token(new TokenScope(Set.of("/key/info"), Set.of()));
        Authentication.requireScopeAllows(scoped, "key/info");
        assertThatThrownBy(() -> Authentication.requireScopeAllows(scoped, "key/generate"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> Authentication.requireScopeAllows(token(new TokenScope(Set.of(), Set.of())), "/key/info"))
                .as("scopes that map to nothing reach nothing").isInstanceOf(ApiException.class);

        Authentication.requireScopeAllows(token(null), "/key/generate");
        Authentication.requireScopeAllows(Caller.masterKey(), "/key/generate");
    }
}
