package dev.keygate.audit;

import java.util.List;

/** The filters of GET /audit, with the caller's visibility folded in ({@code all}, {@code organizations}). */
public record AuditQuery(boolean all, List<String> organizations, String action, String objectType, String objectId,
                         String actorId, String organizationId) {}
