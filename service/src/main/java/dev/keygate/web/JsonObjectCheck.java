package dev.keygate.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keygate.web.InputLimits.JsonNumbers;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Enforces {@link InputLimits.JsonObject}. Strings inside were already checked for control
 * characters as the body was read (see {@link ControlCharacters}), but Jackson reads the keys of
 * nested objects without a key deserializer, so a NUL in one reached Postgres (jsonb refuses it):
 * keys are checked here, at every level.
 */
public final class JsonObjectCheck implements ConstraintValidator<InputLimits.JsonObject, Map<String, ?>> {

    /** Only measures: plain maps, lists, strings and numbers serialize the same with any mapper. */
    private static final ObjectMapper SIZE = new ObjectMapper();

    private JsonNumbers numbers;

    @Override
    public void initialize(InputLimits.JsonObject annotation) {
        numbers = annotation.numbers();
    }

    @Override
    public boolean isValid(Map<String, ?> value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        String problem = problemWith(value, numbers);
        if (problem != null) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
        }
        return problem == null;
    }

    /**
     * What is wrong with a free JSON object ({@code metadata}) that Keygate puts together rather than
     * reads whole, held to the same limits; null if nothing.
     */
    public static String problemWith(Map<String, ?> value) {
        return problemWith(value, JsonNumbers.ANY);
    }

    private static String problemWith(Map<String, ?> value, JsonNumbers numbers) {
        String problem = problemIn(value, 1, numbers);
        if (problem == null && serializedSize(value) > InputLimits.JSON_BYTES) {
            problem = "must be at most " + InputLimits.JSON_BYTES + " bytes as JSON";
        }
        return problem;
    }

    /** The first thing wrong at {@code depth} (the field's own object is 1) or below it; null if none. */
    private static String problemIn(Object node, int depth, JsonNumbers numbers) {
        if (node instanceof Map<?, ?> || node instanceof List<?>) {
            if (depth > InputLimits.JSON_DEPTH) {
                return "must be nested at most " + InputLimits.JSON_DEPTH + " levels deep";
            }
            if (node instanceof Map<?, ?> object) {
                for (Map.Entry<?, ?> entry : object.entrySet()) {
                    if (ControlCharacters.contains(String.valueOf(entry.getKey()))) {
                        return "has a key with a control character";
                    }
                    String problem = problemIn(entry.getValue(), depth + 1, numbers);
                    if (problem != null) {
                        return problem;
                    }
                }
            } else {
                for (Object element : (List<?>) node) {
                    String problem = problemIn(element, depth + 1, numbers);
                    if (problem != null) {
                        return problem;
                    }
                }
            }
            return null;
        }
        if (node instanceof Number number && !isAllowed(number, numbers)) {
            return "must hold only numbers that are " + numbers.description();
        }
        return null;
    }

    private static boolean isAllowed(Number number, JsonNumbers numbers) {
        // A number past a double (1e400) reads as Infinity, which would be stored as the text "Infinity".
        if ((number instanceof Double d && !Double.isFinite(d)) || (number instanceof Float f && !Float.isFinite(f))) {
            return false;
        }
        BigDecimal value = number instanceof Double || number instanceof Float
                ? BigDecimal.valueOf(number.doubleValue())
                : new BigDecimal(number.toString());
        return switch (numbers) {
            case ANY -> true;
            case BUDGETS -> InputLimits.isBudget(value);
            case RATE_LIMITS -> InputLimits.isRateLimit(value);
        };
    }

    private static long serializedSize(Map<String, ?> value) {
        try {
            return SIZE.writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON object read from a request cannot be written back", e);
        }
    }
}
