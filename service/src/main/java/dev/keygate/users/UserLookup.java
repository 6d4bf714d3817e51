package dev.keygate.users;

import dev.keygate.web.ApiException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Finds the user a request names by user_id or user_email. */
public final class UserLookup {

    private UserLookup() {}

    /** The user named, by user_id first; 404 when there is none. */
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

    /**
     * The user a member_add names, or empty when Keygate knows none (member_add then creates them).
     * With both user_id and user_email, the email may not belong to a user other than the id's: that
     * request names two users (or a new user with a taken email), 400. An existing user named by id
     * keeps their own email: member_add does not change user records.
     */
    public static Optional<UserRow> findNamed(Handle handle, String userId, String userEmail, String param) {
        if (userId == null && userEmail == null) {
            throw ApiException.badRequest("Name the user with user_id or user_email", param);
        }
        UserDao users = handle.attach(UserDao.class);
        Optional<UserRow> byEmail = userEmail == null ? Optional.empty() : users.findByEmail(userEmail);
        if (userId == null) {
            return byEmail;
        }
        if (byEmail.isPresent() && !byEmail.get().userId().equals(userId)) {
            // Neither id is echoed: the caller learns that the email is taken, not by whom.
            throw ApiException.badRequest("user_email " + userEmail + " belongs to another user than user_id "
                    + userId, param);
        }
        return users.find(userId);
    }
}
