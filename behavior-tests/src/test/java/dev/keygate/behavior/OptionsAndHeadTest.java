package dev.keygate.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What OPTIONS and HEAD answer, as docs/api.md says: OPTIONS lists a route's methods in
 * {@code Allow} without authentication (it reveals only what {@code GET /routes} does); HEAD is
 * answered as GET would be, authentication included, without a body.
 */
@BehaviorTest
class OptionsAndHeadTest {

    private static final String CALLER = "Authorization: Bearer " + Actor.PROXY_ADMIN.key() + "\r\n";

    @Test
    void optionsListsTheRouteMethodsWithoutAKey200() {
        RawHttp.RawResponse response = RawHttp.exchange(RawHttp.head("OPTIONS", "/key/info", ""));

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.headers().get("allow")).as("%s", response).isEqualTo("HEAD,GET,OPTIONS");
    }

    @Test
    void optionsOnAnUnknownRoute404() {
        RawHttp.exchange(RawHttp.head("OPTIONS", "/no-such-route", "")).asResponse().assertError(404);
    }

    @Test
    void headAnswersAsGetWithoutABody200() {
        RawHttp.RawResponse response = RawHttp.exchange(RawHttp.head("HEAD", "/key/info", CALLER));

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void headWithoutAKey401WithoutABody() {
        RawHttp.RawResponse response = RawHttp.exchange(RawHttp.head("HEAD", "/key/info", ""));

        assertThat(response.status()).as("%s", response).isEqualTo(401);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void headOnAPostRoute405WithoutABody() {
        RawHttp.RawResponse response = RawHttp.exchange(RawHttp.head("HEAD", "/key/generate", CALLER));

        assertThat(response.status()).as("%s", response).isEqualTo(405);
        assertThat(response.headers().get("allow")).as("%s", response).isEqualTo("POST,OPTIONS");
        assertThat(response.body()).isEmpty();
    }
}
