package dev.keygate.keys;

import dev.keygate.web.InputLimits;

/** POST /key/block and /key/unblock: {@code {"key": cleartext or hash}}. */
public record KeyNameRequest(@InputLimits.Id String key) {}
