package dev.bulwark.spring.internal;

import dev.bulwark.core.BlockReply;
import dev.bulwark.core.BlockResponder;
import dev.bulwark.core.BlockType;
import dev.bulwark.core.Bulwark;
import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.SecurityEvent;
import dev.bulwark.servlet.BulwarkFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers Spring Security's refusals as Bulwark answers its blocks: the same block response
 * (the built-in problem document, or the configured {@code block-responses} for the block type,
 * chosen by {@code Accept}) with a new incident id, and one security event with that id on
 * {@code dev.bulwark.security}, naming the refusal as rule {@value #RULE_KEY}.
 */
public final class SecurityProblems {

    /** The rule key of Spring Security's refusals in the security log. */
    public static final String RULE_KEY = "SPRING-SECURITY";
    /** The rule id of a request Spring Security found unauthenticated (401). */
    public static final String UNAUTHENTICATED = "SPRING-SECURITY-UNAUTHENTICATED";
    /** The rule id of a request Spring Security denied access (403). */
    public static final String ACCESS_DENIED = "SPRING-SECURITY-ACCESS-DENIED";

    private static final Logger EVENTS = LoggerFactory.getLogger("dev.bulwark.security");

    private final BlockResponder responder;
    private final Clock clock;

    public SecurityProblems(Bulwark bulwark) {
        this.responder = new BlockResponder(bulwark.config().blockResponses());
        this.clock = Clock.systemUTC();
    }

    /** Answers 401, as Bulwark answers a missing or invalid token, with {@code WWW-Authenticate: Bearer}. */
    public void unauthenticated(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response, Finding.blocking(RULE_KEY, UNAUTHENTICATED, "Spring Security requires authentication",
                Location.REQUEST, BlockType.TOKEN, 401), true);
    }

    /** Answers 403, as Bulwark answers a token that lacks what the route requires. */
    public void accessDenied(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response, Finding.blocking(RULE_KEY, ACCESS_DENIED, "Spring Security denied access",
                Location.REQUEST, BlockType.FORBIDDEN, 403), false);
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, Finding finding, boolean challenge)
            throws IOException {
        Decision decision = Decision.failure(finding);
        if (EVENTS.isWarnEnabled()) {
            EVENTS.warn(SecurityEvent.json(decision, request.getMethod(), request.getRequestURI(), clientAddress(request),
                    request.getRemoteAddr(), decision.status(), clock.instant()));
        }
        if (response.isCommitted()) {
            return;
        }
        List<String> accept = Collections.list(request.getHeaders("Accept"));
        BlockReply reply = responder.reply(decision, accept);
        response.resetBuffer();
        response.setStatus(reply.status());
        reply.headers().forEach(response::setHeader);
        if (challenge) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentType(reply.contentType());
        response.setContentLength(reply.body().length);
        response.getOutputStream().write(reply.body());
        response.flushBuffer();
    }

    /** The client address Bulwark resolved for the request (trusted proxies considered), else the peer's. */
    private static String clientAddress(HttpServletRequest request) {
        return request.getAttribute(BulwarkFilter.DECISION_ATTRIBUTE) instanceof Decision decision
                ? decision.clientAddress().orElse(request.getRemoteAddr()) : request.getRemoteAddr();
    }
}
