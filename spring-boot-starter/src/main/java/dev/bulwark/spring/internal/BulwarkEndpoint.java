package dev.bulwark.spring.internal;

import dev.bulwark.core.Bulwark;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code bulwark} actuator endpoint: the effective configuration, with the YAML file's keys
 * and every secret masked, and since start-up the number of requests with blocking and with
 * log-only findings per rule key. Like every endpoint it is off the web until exposed
 * ({@code management.endpoints.web.exposure.include=bulwark}).
 */
@Endpoint(id = "bulwark")
public final class BulwarkEndpoint {

    private final Bulwark bulwark;
    private final BlockCounts counts;

    public BulwarkEndpoint(Bulwark bulwark, BlockCounts counts) {
        this.bulwark = bulwark;
        this.counts = counts;
    }

    @ReadOperation
    public Map<String, Object> bulwark() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("configuration", ConfigDescription.describe(bulwark.config()));
        body.put("blocked", counts.blocked());
        body.put("logged", counts.logged());
        return body;
    }
}
