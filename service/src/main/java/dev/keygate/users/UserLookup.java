package dev.keygate.users;

import dev.keygate.web.ApiException;
import org.jdbi.v3.core.Handle;

/** Finds the user a request names by user_id or user_email; 404 when there is none. */
public final class UserLookup {

    private UserLookup() {}

    public static UserRow require(Handle handle, String userId, String userEmail, String param) {
        UserDao users = handle.attach(UserDao.class);
        if (userId != null) {
            return users.find(userId).orElseThrow(() -> ApiException.notFound("User not found: " + userId, param));
        }
        if (userEmail != null) {
            return users.findByEmail(userEmail)
                    .orElseThrow(() -> ApiException.notFound("No user with email " + userEmail, param));
        }
        throw ApiException.badRequest("Name the user with user_id or user_email", param);
    }
}
