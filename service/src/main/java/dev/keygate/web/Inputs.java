package dev.keygate.web;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Small normalisations of request input shared by every feature. */
public final class Inputs {

    private Inputs() {}

    /** An absent list is empty; null elements ({@code "models": [null]}) are dropped. */
    public static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }

    /** Whether an update field was sent (a JSON null counts: it clears) with a value other than {@code current}. */
    public static <T> boolean changes(Optional<T> sent, T current) {
        return sent != null && !Objects.equals(sent.orElse(null), current);
    }
}
