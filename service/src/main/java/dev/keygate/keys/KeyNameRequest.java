package dev.keygate.keys;

/** POST /key/block and /key/unblock: {@code {"key": cleartext or hash}}. */
public record KeyNameRequest(String key) {}
