package dev.keygate.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Absent fields stay, null clears": the wire contract of every update route hangs on this. */
class KeyChangeRequestJsonTest {

    private final ObjectMapper mapper = Jackson.newObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void absentFieldIsNullExplicitNullIsEmptyValueIsPresent() throws Exception {
        KeyChangeRequest request = mapper.readValue(
                "{\"key\":\"sk-x\",\"key_alias\":null,\"max_budget\":12.5}", KeyChangeRequest.class);
        assertThat(request.key).isEqualTo("sk-x");
        assertThat(request.keyAlias).isEqualTo(Optional.empty());
        assertThat(request.maxBudget).contains(new BigDecimal("12.5"));
        assertThat(request.duration).isNull();
        assertThat(request.metadata).isNull();
    }
}
