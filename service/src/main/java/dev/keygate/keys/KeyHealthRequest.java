package dev.keygate.keys;

/**
 * POST /key/health takes no fields (LiteLLM declares none: the key checked is the caller's). The
 * body is still read, so a field sent there is refused like any undeclared field (422), and a
 * body left unread cannot break the connection it came on.
 */
public record KeyHealthRequest() {}
