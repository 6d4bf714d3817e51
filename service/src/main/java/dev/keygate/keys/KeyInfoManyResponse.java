package dev.keygate.keys;

import java.util.List;

/**
 * POST /v2/key/info: {@code key} lists the keys answered for, as tokens (hashes) even when they
 * were named by cleartext or alias, and {@code info} holds each key, in the same order.
 */
public record KeyInfoManyResponse(List<String> key, List<KeyView> info) {}
