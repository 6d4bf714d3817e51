package dev.keygate.policy;

/** A team as the policy sees it; {@code teamId} is null for a team about to be created. */
public record TeamTarget(String teamId, String organizationId) {}
