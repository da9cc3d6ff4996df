package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.ByteArrayBody;
import dev.bulwark.core.internal.JacksonBuffers;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValidatorBodyTest {

    @Test
    void readsJsonAsTheValidatorsOwnBodyDoes() throws Exception {
        byte[] json = "{\"n\":1.50,\"big\":12345678901234567890,\"s\":\"\\u00e9\",\"a\":[true,null]}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(new ValidatorBody(json).toJsonNode()).isEqualTo(new ByteArrayBody(json).toJsonNode());
    }

    @Test
    void readsUtf16JsonAsTheValidatorsOwnBodyDoes() throws Exception {
        byte[] json = "{\"name\":\"Rex\"}".getBytes(StandardCharsets.UTF_16BE);

        assertThat(new ValidatorBody(json).toJsonNode()).isEqualTo(new ByteArrayBody(json).toJsonNode());
    }

    @Test
    void answersTextAndPresenceAsTheValidatorsOwnBodyDoes() throws Exception {
        byte[] text = "a=1&b=é".getBytes(StandardCharsets.UTF_8);

        assertThat(new ValidatorBody(text).toString(StandardCharsets.UTF_8)).isEqualTo("a=1&b=é");
        assertThat(new ValidatorBody(text).hasBody()).isTrue();
        assertThat(new ValidatorBody(new byte[0]).hasBody()).isEqualTo(new ByteArrayBody(new byte[0]).hasBody()).isFalse();
    }

    @Test
    void readingJsonLeavesNoValueInTheThreadsBuffers() throws Exception {
        String secret = "card-" + UUID.randomUUID();

        new ValidatorBody(("{\"card\":\"" + secret + "\"}").getBytes(StandardCharsets.UTF_8)).toJsonNode();

        assertThat(JacksonBuffers.ofThisThread()).doesNotContain(secret);
    }
}
