package dev.keygate.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * POST /user/new: the user, its memberships and, when auto_create_key was on, its first key
 * ({@code key} in cleartext, shown this once; {@code token} its id).
 */
public record NewUserResponse(
        @JsonUnwrapped UserView user,
        @JsonProperty("teams") List<String> teams,
        @JsonProperty("organizations") List<String> organizations,
        @JsonProperty("key") @JsonInclude(JsonInclude.Include.NON_NULL) String key,
        @JsonProperty("token") @JsonInclude(JsonInclude.Include.NON_NULL) String token) {}
