package dev.keygate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keygate.web.InputLimits.JsonNumbers;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract's edges, checked by the same validator Dropwizard runs on request bodies. */
class InputLimitsTest {

    private static final Validator VALIDATOR = Validators.newValidator();

    record Body(@InputLimits.Budget BigDecimal budget,
                @InputLimits.RateLimit Long limit,
                @InputLimits.Alias String alias,
                @InputLimits.JsonObject Map<String, Object> metadata,
                @InputLimits.JsonObject(numbers = JsonNumbers.BUDGETS) Map<String, Object> modelBudgets,
                @InputLimits.JsonObject(numbers = JsonNumbers.RATE_LIMITS) Map<String, Object> modelLimits) {}

    @Test
    void budgetsFromZeroToTheLargestTheColumnHolds() {
        assertThat(InputLimits.isBudget(BigDecimal.ZERO)).isTrue();
        assertThat(InputLimits.isBudget(new BigDecimal(InputLimits.LARGEST_BUDGET))).isTrue();
        assertThat(InputLimits.isBudget(new BigDecimal("99999999999999.9999995"))).isFalse();
        assertThat(InputLimits.isBudget(new BigDecimal("1e14"))).isFalse();
        assertThat(InputLimits.isBudget(new BigDecimal("-0.000001"))).isFalse();
    }

    @Test
    void budgetsWrittenWithAnExponentPastAThousandAreRefused() {
        assertThat(InputLimits.isBudget(new BigDecimal("1e-1000"))).isTrue();
        assertThat(InputLimits.isBudget(new BigDecimal("1e-1001"))).isFalse();
        assertThat(InputLimits.isBudget(new BigDecimal("1e-999999999"))).isFalse();
        assertThat(InputLimits.isBudget(new BigDecimal("0e999999999"))).isFalse();
    }

    @Test
    void rateLimitsAreWholeNonNegativeLongs() {
        assertThat(InputLimits.isRateLimit(BigDecimal.valueOf(Long.MAX_VALUE))).isTrue();
        assertThat(InputLimits.isRateLimit(new BigDecimal("100.0"))).isTrue();
        assertThat(InputLimits.isRateLimit(BigDecimal.valueOf(Long.MAX_VALUE).add(BigDecimal.ONE))).isFalse();
        assertThat(InputLimits.isRateLimit(new BigDecimal("1.5"))).isFalse();
        assertThat(InputLimits.isRateLimit(BigDecimal.valueOf(-1))).isFalse();
    }

    @Test
    void eachFieldIsNamedWithItsLimit() {
        assertThat(violations(new Body(new BigDecimal("1e14"), -1L, "a".repeat(257), null, null, null)))
                .containsOnlyKeys("budget", "limit", "alias")
                .containsEntry("alias", "must be at most 256 characters");
        assertThat(violations(new Body(BigDecimal.ONE, 0L, "a".repeat(256), Map.of(), Map.of(), Map.of()))).isEmpty();
    }

    @Test
    void jsonObjectsAreBoundedInDepthAndSize() {
        assertThat(violations(metadata(nested(InputLimits.JSON_DEPTH)))).isEmpty();
        assertThat(violations(metadata(nested(InputLimits.JSON_DEPTH + 1))))
                .containsEntry("metadata", "must be nested at most 32 levels deep");
        // A list is a level too.
        assertThat(violations(metadata(Map.of("l", List.of(nested(InputLimits.JSON_DEPTH - 1)))))).isNotEmpty();
        assertThat(violations(metadata(Map.of("n", "x".repeat(InputLimits.JSON_BYTES - 8))))).isEmpty();
        assertThat(violations(metadata(Map.of("n", "x".repeat(InputLimits.JSON_BYTES - 7)))))
                .containsEntry("metadata", "must be at most 65536 bytes as JSON");
    }

    @Test
    void jsonObjectsRefuseControlCharactersInNestedKeysAndNonFiniteNumbers() {
        assertThat(violations(metadata(Map.of("a", Map.of("k\u0000", 1))))).containsEntry("metadata",
                "has a key with a control character");
        assertThat(violations(metadata(Map.of("a", List.of(Double.POSITIVE_INFINITY))))).containsKey("metadata");
        assertThat(violations(metadata(Map.of("a", Double.NaN)))).containsKey("metadata");
        assertThat(violations(metadata(Map.of("a", 1.5, "b", -3, "c", "text")))).isEmpty();
    }

    @Test
    void modelBudgetsAndLimitsHoldOnlyTheirKindOfNumber() {
        assertThat(violations(new Body(null, null, null, null,
                Map.of("gpt-4o", Map.of("budget_limit", 0.5, "time_period", "30d")), Map.of("gpt-4o", 100)))).isEmpty();
        assertThat(violations(new Body(null, null, null, null, Map.of("gpt-4o", new BigDecimal("1e14")), null)))
                .containsOnlyKeys("modelBudgets");
        assertThat(violations(new Body(null, null, null, null, null, Map.of("gpt-4o", 1.5)))).containsOnlyKeys("modelLimits");
        assertThat(violations(new Body(null, null, null, null, null, Map.of("gpt-4o", -1)))).containsOnlyKeys("modelLimits");
    }

    private static Body metadata(Map<String, Object> metadata) {
        return new Body(null, null, null, metadata, null, null);
    }

    private static Map<String, Object> nested(int depth) {
        Map<String, Object> object = Map.of("v", 1);
        for (int level = 1; level < depth; level++) {
            object = Map.of("v", object);
        }
        return object;
    }

    /** Field name → message; a field's duplicates (a type-use and a field annotation) collapse. */
    private static Map<String, String> violations(Body body) {
        Set<ConstraintViolation<Body>> violations = VALIDATOR.validate(body);
        Map<String, String> byField = new LinkedHashMap<>();
        for (ConstraintViolation<Body> violation : violations) {
            String path = violation.getPropertyPath().toString();
            byField.put(path.contains(".") ? path.substring(0, path.indexOf('.')) : path, violation.getMessage());
        }
        return byField;
    }
}
