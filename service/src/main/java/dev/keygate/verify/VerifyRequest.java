package dev.keygate.verify;

/** {@code POST /key/verify}: {@code key} names the key to verify on someone's behalf; absent: the caller's own. */
public record VerifyRequest(String key) {}
