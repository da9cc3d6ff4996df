package dev.bulwark.core.internal.openapi;

import com.atlassian.oai.validator.model.Body;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.internal.ClearingBufferPool;
import io.swagger.v3.core.util.Json;
import java.io.IOException;
import java.nio.charset.Charset;

/**
 * A request body as the validator's own byte-array body reads it, except that its JSON is read
 * with {@link #READER}: swagger-core's mapper keeps what it read in the thread's buffers after
 * the request.
 */
final class ValidatorBody implements Body {

    /**
     * swagger-core's mapper, which the validator reads bodies and values with (so what parses is
     * unchanged), with buffers that are cleared when given back.
     */
    static final ObjectMapper READER = ClearingBufferPool.withClearedBuffers(Json.mapper());

    private final byte[] content;

    ValidatorBody(byte[] content) {
        this.content = content;
    }

    @Override
    public boolean hasBody() {
        return content.length > 0;
    }

    @Override
    public JsonNode toJsonNode() throws IOException {
        return READER.readTree(content);
    }

    @Override
    public String toString(Charset charset) {
        return new String(content, charset);
    }
}
