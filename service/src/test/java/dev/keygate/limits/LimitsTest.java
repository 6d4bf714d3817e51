package dev.keygate.limits;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keygate.web.ApiException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitsTest {

    private static final Limits TEAM = new Limits(List.of("gpt-4o", "gpt-4o-mini"), new BigDecimal("50"), 1000L, 60L);

    @Test
    void narrowerOrInheritedLimitsPass() {
        assertThatCode(() -> Limits.requireWithin(new Limits(List.of("gpt-4o"), new BigDecimal("50.0"), 10L, 60L), TEAM, "team t"))
                .doesNotThrowAnyException();
        assertThatCode(() -> Limits.requireWithin(new Limits(List.of(), null, null, null), TEAM, "team t"))
                .doesNotThrowAnyException();
    }

    @Test
    void eachWiderLimitIs400NamingItsField() {
        assertRejected(new Limits(List.of("claude"), null, null, null), "models");
        assertRejected(new Limits(List.of(), new BigDecimal("50.01"), null, null), "max_budget");
        assertRejected(new Limits(List.of(), null, 1001L, null), "tpm_limit");
        assertRejected(new Limits(List.of(), null, null, 61L), "rpm_limit");
    }

    @Test
    void anUnlimitedParentAllowsAnything() {
        assertThatCode(() -> Limits.requireWithin(new Limits(List.of("any"), new BigDecimal("1e9"), 1L, 1L),
                new Limits(List.of(), null, null, null), "org o")).doesNotThrowAnyException();
    }

    private static void assertRejected(Limits child, String field) {
        assertThatThrownBy(() -> Limits.requireWithin(child, TEAM, "team t"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(400);
                    org.assertj.core.api.Assertions.assertThat(e.param()).isEqualTo(field);
                });
    }
}
