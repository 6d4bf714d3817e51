package dev.keygate.keys;

/** GET /key/info: {@code key} is the token (hash), never the cleartext. */
public record KeyInfoResponse(String key, KeyView info) {}
