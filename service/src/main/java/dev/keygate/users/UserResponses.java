package dev.keygate.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.web.Paging;
import java.util.List;

public final class UserResponses {

    private UserResponses() {}

    /** GET /user/info: the user, the keys of theirs the caller may read, their teams. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Info(String userId, UserInfo userInfo, List<Object> keys, List<String> teams,
                       List<String> organizations) {

        Info(String userId, UserView user, List<String> teams, List<String> organizations) {
            this(userId, new UserInfo(user, teams), List.of(), teams, organizations);
        }

        Info withKeys(List<Object> visibleKeys) {
            return new Info(userId, userInfo, visibleKeys, teams, organizations);
        }
    }

    /** {@code user_info}: the user with their team ids inside, where LiteLLM's user row has them. */
    public record UserInfo(@JsonUnwrapped UserView user, @JsonProperty("teams") List<String> teams) {}

    /**
     * POST /user/update: LiteLLM's {@code {"user_id", "data": user}}, with the user's fields also at the
     * top level, where Keygate's answer had them, so scripts written either way read what they expect.
     */
    public record Updated(@JsonUnwrapped UserView user) {

        @JsonProperty("data")
        public UserView data() {
            return user;
        }
    }

    /**
     * GET /user/list: LiteLLM pages users with {@code total}, {@code page}, {@code page_size}; Keygate's
     * {@code total_count} and {@code current_page}, the convention of its other lists, say the same beside them.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Page(List<UserView> users, long totalCount, int currentPage, int totalPages, long total, int page,
                       int pageSize) {

        Page(List<UserView> users, long total, Paging paging) {
            this(users, total, paging.page(), paging.totalPages(total), total, paging.page(), paging.size());
        }
    }

    /** One entry of GET /user/available_roles, LiteLLM's {@code {description, ui_label}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AvailableRole(String description, String uiLabel) {}
}
