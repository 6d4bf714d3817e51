package dev.keygate.limits;

import dev.keygate.web.ApiException;
import java.math.BigDecimal;
import java.util.List;

/**
 * The limits that flow downwards: organization → team → key. A child may narrow its parent's
 * limits, never widen them; an empty model list means "all models", a null limit "no limit of its
 * own" (the parent's still applies).
 */
public record Limits(List<String> models, BigDecimal maxBudget, Long tpmLimit, Long rpmLimit) {

    /**
     * @throws ApiException 400 naming the first field where {@code child} exceeds {@code parent}
     */
    public static void requireWithin(Limits child, Limits parent, String parentName) {
        if (!parent.models().isEmpty()) {
            List<String> outside = child.models().stream().filter(m -> !parent.models().contains(m)).toList();
            if (!outside.isEmpty()) {
                throw exceeded("models", outside, parentName, parent.models());
            }
        }
        requireAtMost("max_budget", child.maxBudget(), parent.maxBudget(), parentName);
        requireAtMost("tpm_limit", child.tpmLimit() == null ? null : BigDecimal.valueOf(child.tpmLimit()),
                parent.tpmLimit() == null ? null : BigDecimal.valueOf(parent.tpmLimit()), parentName);
        requireAtMost("rpm_limit", child.rpmLimit() == null ? null : BigDecimal.valueOf(child.rpmLimit()),
                parent.rpmLimit() == null ? null : BigDecimal.valueOf(parent.rpmLimit()), parentName);
    }

    private static void requireAtMost(String field, BigDecimal child, BigDecimal parent, String parentName) {
        if (parent != null && child != null && child.compareTo(parent) > 0) {
            throw exceeded(field, child.stripTrailingZeros().toPlainString(), parentName,
                    parent.stripTrailingZeros().toPlainString());
        }
    }

    private static ApiException exceeded(String field, Object child, String parentName, Object parent) {
        return ApiException.badRequest(field + " " + child + " is outside the limit of " + parentName + " (" + parent + ")",
                field);
    }
}
