package dev.keygate.policy;

/**
 * A key as the policy sees it: who owns it and where it belongs. For a key about to be generated,
 * {@code token} is null.
 */
public record KeyTarget(String token, String userId, String teamId, String organizationId) {}
