package dev.keygate.db;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Accepts the URL forms people paste into {@code DATABASE_URL}: JDBC ({@code jdbc:postgresql://...})
 * and libpq/LiteLLM style ({@code postgres://user:password@host:port/db}).
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    public static DatabaseUrl parse(String url, String user, String password) {
        if (url.startsWith("jdbc:")) {
            return new DatabaseUrl(url, user, password);
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw new IllegalArgumentException("DATABASE_URL must start with jdbc:postgresql://, postgres:// or postgresql://");
        }
        URI uri = URI.create(url);
        String parsedUser = user;
        String parsedPassword = password;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            parsedUser = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            parsedPassword = colon < 0 ? password : decode(userInfo.substring(colon + 1));
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String jdbc = "jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query;
        return new DatabaseUrl(jdbc, parsedUser, parsedPassword);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
