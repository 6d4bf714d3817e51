package dev.keygate.web;

import java.util.List;
import java.util.Objects;

/** Small normalisations of request input shared by every feature. */
public final class Inputs {

    private Inputs() {}

    /** An absent list is empty; null elements ({@code "models": [null]}) are dropped. */
    public static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }
}
