package dev.keygate.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.math.BigDecimal;

/**
 * The input contract: how long, how large and how deep a value of each kind may be, so that
 * nothing the database cannot hold reaches it (a value it refuses fails deep inside a query, as a
 * 500). Request records state it with these annotations; Bean Validation enforces them before a
 * resource runs, so a refused request has changed nothing (422 naming the field, see
 * {@link ValidationExceptionMapper}). Query parameters are held to the same lengths by
 * {@link QueryParameterFilter} (400). docs/api.md lists every limit under "Input limits".
 */
public final class InputLimits {

    private InputLimits() {}

    /**
     * Ids (user, team, organization ids; a key's cleartext or token). Ids are primary and foreign
     * keys, indexed in btrees whose entries must fit a third of a page (2,704 bytes): 256 characters
     * stay under that even at 4 bytes a character, with room for the composite indexes that pair an
     * id with a timestamp and a token. LiteLLM's ids are UUIDs; nobody needs more.
     */
    public static final int ID = 256;
    /** Aliases: {@code key_alias} is unique (a btree), so it has the room an id has. */
    public static final int ALIAS = 256;
    /** An email address: 64 characters before the @ and 255 after it (RFC 5321), so 320. */
    public static final int EMAIL = 320;
    /** Names: models, tags, routes, member permissions; real ones are far shorter. */
    public static final int NAME = 256;

    /**
     * The largest budget or spend: the columns are {@code numeric(20, 6)}, 14 digits before the
     * point. Postgres rounds to 6 decimals before it checks, so anything above this (even
     * 99999999999999.9999995) overflows; anything at or below it fits.
     */
    public static final String LARGEST_BUDGET = "99999999999999.999999";
    private static final BigDecimal LARGEST_BUDGET_VALUE = new BigDecimal(LARGEST_BUDGET);
    private static final BigDecimal LARGEST_RATE_LIMIT = BigDecimal.valueOf(Long.MAX_VALUE);

    /**
     * A free JSON object ({@code metadata} and the like): its size as compact UTF-8 JSON. Stored
     * whole in a jsonb column and read back in every key answer and cache entry; 64 KB is far more
     * than labels need and keeps one key from weighing on every list page.
     */
    public static final int JSON_BYTES = 64 * 1024;
    /** A free JSON object's nesting: the object itself is level 1, each object or array inside one more. */
    public static final int JSON_DEPTH = 32;

    /**
     * The longest value a query parameter may carry: query parameters are ids, aliases, hashes and
     * names, held to the id limit, except {@code user_email}, held to the email limit.
     */
    public static int maxQueryLength(String parameter) {
        return parameter.equals("user_email") ? EMAIL : ID;
    }

    /**
     * The largest power of ten a budget may be written with, either way ({@code 1e-1000} and
     * {@code 0e1000} at most). The driver sends the exact value and Postgres rounds it to 6 decimals
     * only then: {@code 1e-999999999} (or a zero written {@code 0e999999999}) overflowed the driver
     * before it reached Postgres, a 500. A client's floats need far less (a double prints at most
     * 17 digits and an exponent of -324).
     */
    public static final int BUDGET_EXPONENT = 1_000;

    /**
     * Non-negative, small enough for {@code numeric(20, 6)}, and written with an exponent within
     * {@link #BUDGET_EXPONENT}; a BigDecimal is always finite.
     */
    public static boolean isBudget(BigDecimal value) {
        return Math.abs(value.scale()) <= BUDGET_EXPONENT && value.signum() >= 0
                && value.compareTo(LARGEST_BUDGET_VALUE) <= 0;
    }

    /**
     * Non-negative, whole and within a long. The fields' own types (long for the bigint columns, int
     * for the integer one) already refuse larger numbers when the body is read; numbers inside JSON
     * objects are held to a long.
     */
    public static boolean isRateLimit(BigDecimal value) {
        return value.signum() >= 0 && value.compareTo(LARGEST_RATE_LIMIT) <= 0
                && value.stripTrailingZeros().scale() <= 0;
    }

    @Target({FIELD, METHOD, PARAMETER, TYPE_USE})
    @Retention(RUNTIME)
    @Constraint(validatedBy = {})
    @Size(max = ID)
    @ReportAsSingleViolation
    public @interface Id {
        String message() default "must be at most " + ID + " characters";
        Class<?>[] groups() default {};
        Class<? extends Payload>[] payload() default {};
    }

    @Target({FIELD, METHOD, PARAMETER, TYPE_USE})
    @Retention(RUNTIME)
    @Constraint(validatedBy = {})
    @Size(max = ALIAS)
    @ReportAsSingleViolation
    public @interface Alias {
        String message() default "must be at most " + ALIAS + " characters";
        Class<?>[] groups() default {};
        Class<? extends Payload>[] payload() default {};
    }

    /** The length only: where an address is stored, {@code @Email} checks its form as well. */
    @Target({FIELD, METHOD, PARAMETER, TYPE_USE})
    @Retention(RUNTIME)
    @Constraint(validatedBy = {})
    @Size(max = EMAIL)
    @ReportAsSingleViolation
    public @interface Email {
        String message() default "must be at most " + EMAIL + " characters";
        Class<?>[] groups() default {};
        Class<? extends Payload>[] payload() default {};
    }

    @Target({FIELD, METHOD, PARAMETER, TYPE_USE})
    @Retention(RUNTIME)
    @Constraint(validatedBy = {})
    @Size(max = NAME)
    @ReportAsSingleViolation
    public @interface Name {
        String message() default "must be at most " + NAME + " characters";
        Class<?>[] groups() default {};
        Class<? extends Payload>[] payload() default {};
    }

    /** A budget or a spend, as {@link #isBudget}. */
    @Target({FIELD, METHOD, PARAMETER, TYPE_USE})
    @Retention(RUNTIME)
    @Constraint(validatedBy = BudgetCheck.class)
    public @interface Budget {
        String message() default "must be a number from 0 to " + LARGEST_BUDGET;
        Class<?>[] groups() default {};
        Class<? extends Payload>[] payload() default {};
    }

    /** tpm, rpm and parallel-request limits, as {@link #isRateLimit}. */
    @Target({FIELD, METHOD, PARAMETER, TYPE_USE})
    @Retention(RUNTIME)
    @Constraint(validatedBy = RateLimitCheck.class)
    public @interface RateLimit {
        String message() default "must be a whole number from 0";
        Class<?>[] groups() default {};
        Class<? extends Payload>[] payload() default {};
    }

    /**
     * A free JSON object: at most {@link #JSON_BYTES} and {@link #JSON_DEPTH} deep, no control
     * character in any key, and only finite numbers, each also a budget or a rate limit when
     * {@link #numbers} says so (the values of {@code model_max_budget}, {@code model_rpm_limit}).
     */
    @Target({FIELD, METHOD, PARAMETER, TYPE_USE})
    @Retention(RUNTIME)
    @Constraint(validatedBy = JsonObjectCheck.class)
    public @interface JsonObject {
        JsonNumbers numbers() default JsonNumbers.ANY;
        String message() default "is not a JSON object Keygate can store";
        Class<?>[] groups() default {};
        Class<? extends Payload>[] payload() default {};
    }

    /** What every number inside a {@link JsonObject} must be. */
    public enum JsonNumbers {
        ANY("a finite number"),
        BUDGETS("a number from 0 to " + LARGEST_BUDGET),
        RATE_LIMITS("a whole number from 0 to " + Long.MAX_VALUE);

        private final String description;

        JsonNumbers(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    public static final class BudgetCheck implements ConstraintValidator<Budget, BigDecimal> {
        @Override
        public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
            return value == null || isBudget(value);
        }
    }

    public static final class RateLimitCheck implements ConstraintValidator<RateLimit, Number> {
        @Override
        public boolean isValid(Number value, ConstraintValidatorContext context) {
            return value == null || isRateLimit(new BigDecimal(value.toString()));
        }
    }
}
