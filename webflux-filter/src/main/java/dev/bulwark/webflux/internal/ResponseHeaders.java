package dev.bulwark.webflux.internal;

import dev.bulwark.core.ResponseHeaderPolicy;
import dev.bulwark.core.SecurityEvent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * Core's {@link ResponseHeaderPolicy} on a reactive response, applied once, just before the
 * response is committed (whoever writes it: the application, an error handler, or the filter's
 * block response): headers the policy removes are removed, CORS headers it polices are removed
 * unless it releases them, and missing security headers are added. Unlike a servlet response, a
 * reactive one keeps its headers editable until that moment, so nothing needs holding back.
 */
public final class ResponseHeaders {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseHeaders.class);
    private static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    private static final String ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";

    private ResponseHeaders() {
    }

    /**
     * Applies {@code policy} to {@code response} before it is committed.
     *
     * @param secure whether the client spoke HTTPS (for {@code Strict-Transport-Security})
     */
    public static void policeBeforeCommit(ServerHttpResponse response, ResponseHeaderPolicy policy, boolean secure) {
        if (!policy.changesResponses()) {
            return;
        }
        response.beforeCommit(() -> {
            apply(response.getHeaders(), policy, secure);
            return Mono.empty();
        });
    }

    static void apply(HttpHeaders headers, ResponseHeaderPolicy policy, boolean secure) {
        for (String name : policy.removals()) {
            headers.remove(name);
        }
        List<String> policedCors = null; // created by the first CORS header, as most responses have none
        for (String name : headers.headerNames()) {
            if (policy.holdsBack(name)) {
                if (policedCors == null) {
                    policedCors = new ArrayList<>(2);
                }
                policedCors.add(name);
            }
        }
        if (policedCors != null
                && !policy.releasesHeldCors(values(headers, ALLOW_ORIGIN), values(headers, ALLOW_CREDENTIALS))) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("Removing the application's CORS headers: Access-Control-Allow-Origin {} is not allowed",
                        SecurityEvent.clean(String.join(", ", values(headers, ALLOW_ORIGIN)), 128));
            }
            policedCors.forEach(headers::remove);
        }
        List<ResponseHeaderPolicy.SecurityHeader> additions = policy.securityHeaders(secure);
        for (int i = 0, count = additions.size(); i < count; i++) {
            ResponseHeaderPolicy.SecurityHeader header = additions.get(i);
            if (!headers.containsHeader(header.name())) {
                headers.set(header.name(), header.value());
            }
        }
    }

    private static List<String> values(HttpHeaders headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? List.of() : values;
    }
}
