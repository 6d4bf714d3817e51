package dev.keygate.behavior;

/** Who a key belongs to: its user, team and organization columns (each may be null). */
public record KeyShape(String userId, String teamId, String organizationId) {}
