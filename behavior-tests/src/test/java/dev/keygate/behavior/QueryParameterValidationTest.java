package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A query value the route cannot read is bad input (400, the parameter named), not a missing route. */
@BehaviorTest
class QueryParameterValidationTest {

    @ParameterizedTest(name = "GET {0} -> 400 naming {1}")
    @CsvSource({
            "/key/list?page=abc, page",
            "/key/list?page=2147483648, page",
            "/key/list?size=ten, size",
            "/key/list?page=1&size=1.5, size",
    })
    void unreadableQueryValue400(String path, String param) {
        Response response = Keygate.api().get(path, Actor.PROXY_ADMIN.credential()).assertError(400);

        assertThat(response.body().path("error").path("param").asText()).isEqualTo(param);
        assertThat(response.body().path("error").path("message").asText()).contains(param);
    }
}
