package dev.keygate.jwt;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keygate.auth.Caller;
import dev.keygate.auth.KeyDirectory;
import dev.keygate.auth.Secrets;
import dev.keygate.auth.TokenAuthenticator;
import dev.keygate.auth.cache.CallerCache;
import dev.keygate.teams.TeamService;
import dev.keygate.users.UserService;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * Sign-in with an identity provider's token (the {@code jwt:} section). A verified token's caller is
 * remembered in the {@link CallerCache} under the token's hash (and the team asked for) until the
 * token expires, and forgotten the moment its user, team or organization changes, like a key's.
 */
public final class JwtAuthenticator implements TokenAuthenticator {

    /** Userinfo answers have no issuer of their own: the top-level claim fields apply to them. */
    private static final IssuerConfig USERINFO = new IssuerConfig();

    private final TokenVerifier verifier;
    private final UserinfoClient userinfo;
    private final Duration userinfoTtl;
    private final JwtSignIn signIn;
    private final CallerCache cache;
    private final Clock clock;

    private JwtAuthenticator(TokenVerifier verifier, UserinfoClient userinfo, Duration userinfoTtl, JwtSignIn signIn,
                             CallerCache cache, Clock clock) {
        this.verifier = verifier;
        this.userinfo = userinfo;
        this.userinfoTtl = userinfoTtl;
        this.signIn = signIn;
        this.cache = cache;
        this.clock = clock;
    }

    /** Token sign-in as configured: {@link TokenAuthenticator#NONE} when the section is off. */
    public static TokenAuthenticator create(JwtConfig config, Jdbi jdbi, UserService users, TeamService teams,
                                            JwtKeyMappingService mappings, KeyDirectory keys, CallerCache cache,
                                            ObjectMapper json, Clock clock) {
        if (!config.isEnabled()) {
            return TokenAuthenticator.NONE;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        TokenVerifier verifier = new TokenVerifier(config,
                issuer -> new JwksSource(issuer, config, http, json, clock), clock);
        JwtSignIn signIn = new JwtSignIn(config, new JwtCallers(config, jdbi, users, teams), mappings, keys, clock);
        UserinfoClient userinfo = config.isOidcUserinfoEnabled()
                ? new UserinfoClient(config.getOidcUserinfoEndpoint(), http) : null;
        return new JwtAuthenticator(verifier, userinfo, Duration.ofSeconds(config.getOidcUserinfoCacheTtl()), signIn,
                cache, clock);
    }

    /** A JWT; with userinfo on, also any other bearer token that is not a key ({@code sk-}). */
    @Override
    public boolean accepts(String credential) {
        return TokenVerifier.looksLikeJwt(credential)
                || (userinfo != null && !credential.isEmpty() && !credential.startsWith(Secrets.KEY_PREFIX));
    }

    @Override
    public Caller authenticate(String token, String requestedTeam) {
        String entry = Secrets.sha256Hex(requestedTeam == null ? token : token + "\n" + requestedTeam);
        return cache.signedIn(entry, clock.instant(), () -> signIn.of(verified(token), requestedTeam));
    }

    /** A JWT checked against its issuer's keys, or an opaque token vouched for by the userinfo endpoint. */
    private TokenVerifier.Verified verified(String token) {
        if (TokenVerifier.looksLikeJwt(token) || userinfo == null) {
            return verifier.verify(token);
        }
        return new TokenVerifier.Verified(USERINFO, userinfo.claims(token), clock.instant().plus(userinfoTtl));
    }
}
