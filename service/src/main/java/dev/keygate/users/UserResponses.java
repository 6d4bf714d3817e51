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
    /** POST /user/delete: the ids of the users deleted (LiteLLM answers their number). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Deleted(List<String> deletedUsers) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AvailableRole(String description, String uiLabel) {}

    /**
     * POST /user/bulk_update, LiteLLM's BulkUpdateUserResponse: one result per user named, in order.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BulkUpdate(List<UserUpdateResult> results, int totalRequested, int successfulUpdates,
                             int failedUpdates) {}

    /**
     * One user of a bulk update, LiteLLM's UserUpdateResult: {@code updated_user} is what /user/update
     * answers; a failed one has {@code error} and Keygate's {@code code}, the status /user/update would
     * have answered, and no {@code updated_user} (the caller may not have been allowed to see it).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UserUpdateResult(String userId, String userEmail, boolean success, String error, String code,
                                   Updated updatedUser) {}

    /**
     * GET /v2/user/info, LiteLLM's UserInfoV2Response: the user's own fields and the ids of their teams,
     * without their keys. {@code sso_user_id} is null: Keygate has no SSO.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record InfoV2(String userId, String userEmail, String userAlias, String userRole, java.math.BigDecimal spend,
                         java.math.BigDecimal maxBudget, List<String> models, String budgetDuration,
                         java.time.Instant budgetResetAt, java.util.Map<String, Object> metadata,
                         java.time.Instant createdAt, java.time.Instant updatedAt, String ssoUserId, List<String> teams) {

        static InfoV2 of(Info info) {
            UserView user = info.userInfo().user();
            return new InfoV2(user.userId(), user.userEmail(), user.userAlias(), user.userRole(), user.spend(),
                    user.maxBudget(), user.models(), user.budgetDuration(), user.budgetResetAt(), user.metadata(),
                    user.createdAt(), user.updatedAt(), null, info.teams());
        }
    }
}
