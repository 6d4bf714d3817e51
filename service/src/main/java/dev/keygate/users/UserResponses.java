package dev.keygate.users;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

public final class UserResponses {

    private UserResponses() {}

    /** GET /user/info: the user, the keys of theirs the caller may read, their teams. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Info(String userId, UserView userInfo, List<Object> keys, List<String> teams,
                       List<String> organizations) {

        Info withKeys(List<Object> visibleKeys) {
            return new Info(userId, userInfo, visibleKeys, teams, organizations);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Page(List<UserView> users, long totalCount, int currentPage, int totalPages) {}
}
