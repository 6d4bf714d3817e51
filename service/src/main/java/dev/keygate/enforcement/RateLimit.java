package dev.keygate.enforcement;

/**
 * One rate limit: at most {@code limit} requests ({@link Kind#RPM}) or tokens ({@link Kind#TPM}) in
 * any trailing minute, or {@code limit} requests at once ({@link Kind#PARALLEL}), for one subject
 * (a key, team, organization, or a key's model).
 *
 * @param scope what the limit belongs to, as answers name it: key, team, organization, model
 * @param id the key's token, the team's or organization's id, or the model's name
 * @param subject the counter's name: scope and id, unique across scopes
 */
public record RateLimit(String scope, String id, String subject, Kind kind, long limit) {

    public enum Kind {
        RPM,
        TPM,
        PARALLEL;

        public String wire() {
            return switch (this) {
                case RPM -> "rpm_limit";
                case TPM -> "tpm_limit";
                case PARALLEL -> "max_parallel_requests";
            };
        }
    }

    /** The counter's key: one counter per subject and kind. */
    String counter() {
        return kind.name() + ":" + subject;
    }
}
