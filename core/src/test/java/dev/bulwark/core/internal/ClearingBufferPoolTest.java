package dev.bulwark.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClearingBufferPoolTest {

    private final String secret = "card-" + UUID.randomUUID();

    @Test
    void copiedMapperLeavesNoDocumentReadFromAStringInTheThreadsBuffers() throws Exception {
        ObjectMapper mapper = ClearingBufferPool.withClearedBuffers(new ObjectMapper());

        JsonNode tree = mapper.readTree("{\"card\":\"" + secret + "\"}");

        assertThat(tree.get("card").asText()).isEqualTo(secret);
        assertThat(JacksonBuffers.ofThisThread()).doesNotContain(secret);
    }

    @Test
    void copiedMapperLeavesNoValueReadFromBytesInTheThreadsBuffers() throws Exception {
        ObjectMapper mapper = ClearingBufferPool.withClearedBuffers(new ObjectMapper());

        mapper.readTree(("{\"card\":\"" + secret + "\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(JacksonBuffers.ofThisThread()).doesNotContain(secret);
    }

    @Test
    void copiedMapperLeavesNoWrittenValueInTheThreadsBuffers() throws Exception {
        ObjectMapper mapper = ClearingBufferPool.withClearedBuffers(new ObjectMapper());

        String written = mapper.writeValueAsString(Map.of("card", secret));

        assertThat(written).contains(secret);
        assertThat(JacksonBuffers.ofThisThread()).doesNotContain(secret);
    }

    @Test
    void copiedMapperKeepsTheSettingsOfTheOriginal() throws Exception {
        ObjectMapper original = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

        JsonNode number = ClearingBufferPool.withClearedBuffers(original).readTree("1.5");

        assertThat(number.isBigDecimal()).isTrue();
    }

    @Test
    void dropsABufferThatGrewPastTheKeptLength() throws Exception {
        ObjectMapper mapper = ClearingBufferPool.withClearedBuffers(new ObjectMapper());
        String longValue = "x".repeat(4 * ClearingBufferPool.MAX_KEPT_LENGTH);

        mapper.readTree(("{\"text\":\"" + longValue + "\"}").getBytes(StandardCharsets.UTF_8));

        BufferRecycler recycler = ClearingBufferPool.INSTANCE.acquirePooled();
        char[] text = recycler.allocCharBuffer(BufferRecycler.CHAR_TEXT_BUFFER);
        recycler.releaseCharBuffer(BufferRecycler.CHAR_TEXT_BUFFER, text);
        assertThat(text.length).isLessThanOrEqualTo(ClearingBufferPool.MAX_KEPT_LENGTH);
    }

    @Test
    void clearsTheCharBuffersAMapperOnJacksonsDefaultPoolKeeps() throws Exception {
        ObjectMapper shared = new ObjectMapper();
        shared.readTree("{\"card\":\"" + secret + "\"}");
        assertThat(JacksonBuffers.ofThisThread()).contains(secret);

        ClearingBufferPool.clearCharBuffersOf(shared);

        assertThat(JacksonBuffers.ofThisThread()).doesNotContain(secret);
    }

    @Test
    void givesEachThreadItsOwnBuffers() throws Exception {
        BufferRecycler here = ClearingBufferPool.INSTANCE.acquirePooled();
        BufferRecycler[] there = new BufferRecycler[1];
        Thread other = new Thread(() -> there[0] = ClearingBufferPool.INSTANCE.acquirePooled());
        other.start();
        other.join();

        assertThat(ClearingBufferPool.INSTANCE.acquirePooled()).isSameAs(here);
        assertThat(there[0]).isNotNull().isNotSameAs(here);
    }
}
