package dev.keygate.users;

import java.util.List;

/** GET /user/list as SQL parameters: the caller's visibility and the optional filters (null when absent). */
public record UserListQuery(boolean all, String callerUserId, List<String> adminOrganizations, List<String> adminTeams,
                            String role, String email) {}
