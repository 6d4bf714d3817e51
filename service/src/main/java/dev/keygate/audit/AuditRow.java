package dev.keygate.audit;

import java.time.Instant;

/** One row of {@code audit_log}; before/after are JSON text. */
public record AuditRow(
        long id,
        Instant createdAt,
        String actorId,
        String changedBy,
        String action,
        String objectType,
        String objectId,
        String organizationId,
        String beforeValue,
        String afterValue) {}
