package dev.keygate.enforcement;

import dev.keygate.auth.KeyRecord;
import dev.keygate.auth.TokenScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * May this key use this model: every level that names models must allow it — the key's
 * {@code models} (where {@code all-team-models} stands for the team's list), the team's
 * {@code models} and a sign-in token's scope. An empty list allows every model, as in LiteLLM;
 * {@code *} and {@code all-proxy-models} do too, and an entry ending in {@code *} is a prefix
 * ({@code openai/*}). A name in the key's {@code aliases} is allowed when either the alias or the
 * model it stands for is.
 */
final class ModelAccess {

    static final String ALL_TEAM_MODELS = "all-team-models";
    private static final String ALL_PROXY_MODELS = "all-proxy-models";

    private ModelAccess() {}

    /** The model a requested name stands for: the key's alias for it, else the name itself. */
    static String resolve(KeyRecord record, String model) {
        return record.limits().aliases().get(model) instanceof String target ? target : model;
    }

    /** Null when the model and every fallback are allowed, else why not. */
    static String refusal(KeyRecord record, TokenScope scope, String model, List<String> fallbacks) {
        return firstRefused("key", model, fallbacks, name -> usable(record, scope, name));
    }

    /** As {@link #refusal} for a sign-in token without a key: only its scope's models restrict it. */
    static String scopeRefusal(TokenScope scope, String model, List<String> fallbacks) {
        return firstRefused("token", model, fallbacks, name -> scopeAllows(scope, name));
    }

    /** May the key (used with this scope, if any) call the model, by its name or the model its alias stands for. */
    static boolean usable(KeyRecord record, TokenScope scope, String model) {
        return allowed(record, scope, model) || allowed(record, scope, resolve(record, model));
    }

    static boolean scopeAllows(TokenScope scope, String model) {
        return scope == null || listAllows(scope.models(), model);
    }

    /**
     * Whether a name is a model rather than a rule about models: {@code *}, {@code all-proxy-models},
     * {@code all-team-models} and prefixes ending in {@code *} stand for many models, none by that name.
     */
    static boolean isModelName(String name) {
        return !name.isBlank() && !name.endsWith("*") && !name.equals(ALL_PROXY_MODELS) && !name.equals(ALL_TEAM_MODELS);
    }

    private static String firstRefused(String holder, String model, List<String> fallbacks, Predicate<String> usable) {
        List<String> requested = new ArrayList<>();
        requested.add(model);
        requested.addAll(fallbacks);
        for (String name : requested) {
            if (!usable.test(name)) {
                return "The " + holder + (name.equals(model) ? " may not use model " : " may not use fallback model ")
                        + name;
            }
        }
        return null;
    }

    private static boolean allowed(KeyRecord record, TokenScope scope, String model) {
        return keyAllows(record, model)
                && (record.teamModels() == null || listAllows(record.teamModels(), model))
                && scopeAllows(scope, model);
    }

    private static boolean keyAllows(KeyRecord record, String model) {
        List<String> models = record.models();
        if (models.isEmpty()) {
            return true;
        }
        if (models.contains(ALL_TEAM_MODELS)) {
            // The team's list, whatever it becomes; a key without a team gets nothing from it.
            List<String> own = models.stream().filter(m -> !m.equals(ALL_TEAM_MODELS)).toList();
            boolean fromTeam = record.teamModels() != null && listAllows(record.teamModels(), model);
            return fromTeam || (!own.isEmpty() && listAllows(own, model));
        }
        return listAllows(models, model);
    }

    private static boolean listAllows(Collection<String> models, String model) {
        if (models.isEmpty()) {
            return true;
        }
        for (String entry : models) {
            if (entry.equals(ALL_PROXY_MODELS) || TokenScope.matches(entry, model)) {
                return true;
            }
        }
        return false;
    }
}
