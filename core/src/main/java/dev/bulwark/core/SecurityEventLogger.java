package dev.bulwark.core;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one security event per request with findings: a single line of JSON with Elastic Common
 * Schema field names, on the SLF4J logger {@value #LOGGER_NAME} at WARN for blocked requests and
 * INFO for requests let through with log-only findings.
 *
 * <pre>{@code
 * {"@timestamp":"2025-01-01T12:00:00Z","event.kind":"alert","event.module":"bulwark",
 *  "event.dataset":"bulwark.security","event.category":["intrusion_detection","web"],
 *  "event.type":["denied"],"event.action":"blocked","event.reason":"...","message":"...",
 *  "rule.id":"SQL-UNION","rule.category":"SQL","rule.description":"...",
 *  "http.request.method":"GET","url.path":"/search","source.ip":"192.0.2.1",
 *  "bulwark.peer_ip":"10.0.0.1",
 *  "http.response.status_code":403,"bulwark.incident_id":"7QH2M0X5C1ZK4R8D",
 *  "bulwark.location":"query:q","bulwark.excerpt":"' UNION SELECT","bulwark.mode":"block",
 *  "bulwark.level":"standard","bulwark.block_type":"deny","bulwark.findings":[...]}
 * }</pre>
 *
 * <p>The {@code rule.*} and top-level {@code bulwark.*} fields describe the finding that decided
 * (the first blocking one, or the first one when none blocks); {@code bulwark.findings} lists all.
 * {@code source.ip} is the resolved client address; {@code bulwark.peer_ip}, present only when it
 * differs, the connection's peer (the proxy that forwarded the request).
 *
 * <p>Every adapter writes its events through this class, so the lines are the same whichever filter
 * wrote them. The event is rendered and masked by {@link SecurityEvent} and {@link Masking}; this
 * class only writes it. The log must not become a store of credentials or a channel for log injection: excerpts at
 * secret-looking locations (the {@code Authorization}, {@code Cookie} and
 * {@code Proxy-Authorization} headers, cookies, and any item whose name
 * {@linkplain Masking#isSecretName looks secret}) are masked whatever the check put in them,
 * secret-looking {@code name=value} pairs and credentials inside an excerpt are masked too, and
 * every request-controlled string is truncated with its control characters escaped.
 */
public final class SecurityEventLogger {

    /** The name of the logger security events go to. */
    public static final String LOGGER_NAME = "dev.bulwark.security";

    private static final Logger FAILURES = LoggerFactory.getLogger(SecurityEventLogger.class);

    private final Logger logger;
    private final Clock clock;

    /** Events to {@value #LOGGER_NAME}, stamped with the system clock. */
    public SecurityEventLogger() {
        this(LoggerFactory.getLogger(LOGGER_NAME), Clock.systemUTC());
    }

    /** Events to {@code logger}, stamped with {@code clock}. */
    public SecurityEventLogger(Logger logger, Clock clock) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

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

    /** The event for {@code decision} as one line of JSON (see {@link SecurityEvent}). */
    public String event(Decision decision, RequestSummary request, Integer statusCode) {
        return SecurityEvent.json(decision, request.method(), request.rawPath(), request.sourceIp(), request.peerIp(),
                statusCode, Instant.now(clock));
    }
}
