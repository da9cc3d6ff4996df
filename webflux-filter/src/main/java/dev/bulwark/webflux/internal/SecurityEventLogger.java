package dev.bulwark.webflux.internal;

import dev.bulwark.core.Decision;
import dev.bulwark.core.SecurityEvent;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one security event per request with findings, rendered and masked by core's
 * {@link SecurityEvent}: one line of JSON on the logger {@value #LOGGER_NAME}, at WARN for blocked
 * requests and INFO for requests let through with log-only findings, as the servlet filter does.
 */
public final class SecurityEventLogger {

    /** The name of the logger security events go to. */
    public static final String LOGGER_NAME = "dev.bulwark.security";

    private static final Logger FAILURES = LoggerFactory.getLogger(SecurityEventLogger.class);

    private final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);
    private final Clock clock = Clock.systemUTC();

    /**
     * Logs the event for {@code decision}; nothing when it has no findings. Never throws: a broken
     * log must not turn into a failed request.
     *
     * @param statusCode the status sent to the client, or {@code null} when not known
     */
    public void log(Decision decision, RequestSummary request, Integer statusCode) {
        if (!decision.hasFindings()) {
            return;
        }
        try {
            if (decision.blocked()) {
                if (logger.isWarnEnabled()) {
                    logger.warn(event(decision, request, statusCode));
                }
            } else if (logger.isInfoEnabled()) {
                logger.info(event(decision, request, statusCode));
            }
        } catch (RuntimeException e) {
            FAILURES.error("Could not write the security event for incident {}", decision.incidentId(), e);
        }
    }

    private String event(Decision decision, RequestSummary request, Integer statusCode) {
        return SecurityEvent.json(decision, request.method(), request.rawPath(), request.sourceIp(), request.peerIp(),
                statusCode, Instant.now(clock));
    }
}
