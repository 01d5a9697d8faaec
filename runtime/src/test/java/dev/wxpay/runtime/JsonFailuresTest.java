package dev.wxpay.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JsonFailures: a mapping failure names the field path it happened at")
class JsonFailuresTest {
    private final ObjectMapper mapper = new ObjectMapper();

    static class Contact {
        @JsonProperty("phones")
        List<Integer> phones;
    }

    static class Payer {
        @JsonProperty("contact")
        Contact contact;
    }

    @Test
    @DisplayName("names nested fields and array indexes, and keeps only the first line of Jackson's message")
    void nestedPath() {
        JsonProcessingException e = catchThrowableOfType(
                () -> mapper.readValue("{\"contact\":{\"phones\":[1,\"secret-value\"]}}", Payer.class),
                JsonProcessingException.class);
        String described = JsonFailures.describe(e);
        assertThat(described).startsWith(" (at contact.phones[1]): Cannot deserialize value of type `java.lang.Integer`")
                .doesNotContain("\n").doesNotContain("through reference chain");
    }

    @Test
    @DisplayName("without a path (the root has the wrong shape, or the JSON is broken) only the first line")
    void noPath() {
        JsonProcessingException e = catchThrowableOfType(() -> mapper.readValue("[1]", Payer.class),
                JsonProcessingException.class);
        assertThat(JsonFailures.describe(e)).startsWith(": Cannot deserialize value of type").doesNotContain("\n");
        assertThat(JsonFailures.describe(new IOException("first\nsecond"))).isEqualTo(": first");
    }
}
