package dev.keygate.teams;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.keygate.web.InputLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** POST /team/member_add: {@code member} is one member or a list of them ({@code [null]} is 422, not a member). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MemberAddRequest(
        @NotBlank @InputLimits.Id String teamId,
        @NotEmpty @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<@Valid @NotNull TeamMember> member) {}
