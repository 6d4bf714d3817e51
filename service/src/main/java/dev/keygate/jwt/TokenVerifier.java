package dev.keygate.jwt;

import dev.keygate.web.ApiException;
import java.security.Key;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Checks a token as its issuer's: signature by one of the issuer's published keys, {@code exp} (required)
 * and {@code nbf} within the leeway, {@code iss}, {@code aud}, and {@code typ} (absent, {@code JWT} or
 * RFC 9068's {@code at+jwt}). Asymmetric algorithms only: {@code none} and the HMAC family are refused
 * whatever the token says, so a public key can never be used as a shared secret.
 *
 * <p>Two passes: the first reads {@code iss} without trusting anything, only to pick the issuer whose
 * keys and rules then decide; a token naming an issuer that is not configured goes no further.
 */
public final class TokenVerifier {

    /** An identity provider's token is a few kilobytes; a larger one is refused before any parsing. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;

    private static final AlgorithmConstraints ASYMMETRIC_ONLY = new AlgorithmConstraints(ConstraintType.PERMIT,
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
            AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA384, AlgorithmIdentifiers.RSA_PSS_USING_SHA512,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
            AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512, AlgorithmIdentifiers.EDDSA);

    private static final JwtConsumer ISSUER_READER = new JwtConsumerBuilder()
            .setSkipAllValidators()
            .setDisableRequireSignature()
            .setSkipSignatureVerification()
            .build();

    /** A token that passed every check, with the issuer whose rules apply to it. */
    public record Verified(IssuerConfig issuer, JwtClaims claims, Instant expires) {}

    private final Map<String, IssuerConfig> issuers;
    private final Map<String, JwksSource> keys;
    private final int leeway;
    private final Clock clock;

    public TokenVerifier(JwtConfig config, Function<IssuerConfig, JwksSource> keySources, Clock clock) {
        this.issuers = config.configuredIssuers().stream()
                .collect(Collectors.toUnmodifiableMap(IssuerConfig::getIssuer, issuer -> issuer));
        this.keys = config.configuredIssuers().stream()
                .collect(Collectors.toUnmodifiableMap(IssuerConfig::getIssuer, keySources));
        this.leeway = config.getLeeway();
        this.clock = clock;
    }

    /** A token shaped like a JWT: three base64url parts. Anything else (an {@code sk-} key) is a key. */
    public static boolean looksLikeJwt(String credential) {
        if (credential.startsWith(dev.keygate.auth.Secrets.KEY_PREFIX)) {
            return false;
        }
        int first = credential.indexOf('.');
        int second = first < 0 ? -1 : credential.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || credential.indexOf('.', second + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < credential.length(); i++) {
            char c = credential.charAt(i);
            if (!(c == '.' || c == '-' || c == '_' || Character.isLetterOrDigit(c) && c < 128)) {
                return false;
            }
        }
        return true;
    }

    /** The verified token, or 401 saying what was wrong with it (never echoing the token). */
    public Verified verify(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw rejected("it is larger than " + MAX_TOKEN_CHARS + " characters");
        }
        JwtContext unverified;
        String issuerName;
        try {
            unverified = ISSUER_READER.process(token);
            issuerName = unverified.getJwtClaims().getIssuer();
        } catch (InvalidJwtException | MalformedClaimException e) {
            throw rejected("it is not a well-formed JWT");
        }
        IssuerConfig issuer = issuerName == null ? null : issuers.get(issuerName);
        if (issuer == null) {
            throw rejected("its issuer is not configured");
        }
        if (unverified.getJoseObjects().size() != 1 || !isAcceptedType(unverified.getJoseObjects().get(0).getHeader("typ"))) {
            throw rejected("its typ is neither JWT nor at+jwt");
        }
        try {
            consumer(issuer).processContext(unverified);
            JwtClaims claims = unverified.getJwtClaims();
            return new Verified(issuer, claims, expiry(claims.getExpirationTime()));
        } catch (InvalidJwtException e) {
            throw rejected(reason(e));
        } catch (MalformedClaimException e) {
            throw rejected("a registered claim has the wrong type");
        }
    }

    private JwtConsumer consumer(IssuerConfig issuer) {
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(ASYMMETRIC_ONLY)
                .setVerificationKeyResolver(new IssuerKeys(keys.get(issuer.getIssuer())))
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(leeway)
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .setExpectedIssuer(issuer.getIssuer());
        if (issuer.isDisableAudienceValidation()) {
            builder.setSkipDefaultAudienceValidation();
        } else {
            builder.setExpectedAudience(issuer.getAudience());
        }
        return builder.build();
    }

    /**
     * When the token expires, for the caller cache. In seconds: an {@code exp} far past any real date
     * (jose4j accepts up to Long.MAX_VALUE) overflows in milliseconds and would end the request in a 500.
     */
    private static Instant expiry(NumericDate exp) {
        return exp.getValue() >= Instant.MAX.getEpochSecond() ? Instant.MAX : Instant.ofEpochSecond(exp.getValue());
    }

    /** ID-token style ({@code JWT}, or no typ) and RFC 9068 access tokens ({@code at+jwt}). */
    private static boolean isAcceptedType(String typ) {
        if (typ == null) {
            return true;
        }
        String type = typ.toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("application/")) {
            type = type.substring("application/".length());
        }
        return type.equals("jwt") || type.equals("at+jwt");
    }

    private static String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "it has expired";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return "it has no exp claim";
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return "it is not valid yet (nbf)";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "it is not for this audience";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "it is not signed";
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidAlgorithmException) {
                return "its algorithm is not allowed (RS*, PS*, ES* and EdDSA are)";
            }
            if (cause instanceof UnresolvableKeyException) {
                return "it is signed with a key its issuer does not publish";
            }
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return "its signature does not verify";
        }
        return "its signature or claims do not verify";
    }

    private static ApiException rejected(String why) {
        return ApiException.unauthorized("Invalid token: " + why);
    }

    /** The issuer's keys; a key id we do not hold makes one (rate-limited) fetch before giving up. */
    private record IssuerKeys(JwksSource source) implements VerificationKeyResolver {
        @Override
        public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nestingContext)
                throws UnresolvableKeyException {
            try {
                return new JwksVerificationKeyResolver(source.keys()).resolveKey(jws, nestingContext);
            } catch (UnresolvableKeyException unknown) {
                if (source.refreshForUnknownKey()) {
                    return new JwksVerificationKeyResolver(source.keys()).resolveKey(jws, nestingContext);
                }
                throw unknown;
            }
        }
    }
}
