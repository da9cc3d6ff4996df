package dev.bulwark.spring.internal;

import dev.bulwark.core.Decision;
import dev.bulwark.core.Finding;
import dev.bulwark.core.Mode;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.suggest.RoutePatterns;
import dev.bulwark.core.suggest.SuggestionCollector;
import dev.bulwark.servlet.BulwarkFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Records, for {@code /actuator/bulwark/suggestions}, the findings of requests let through in
 * log-only mode ({@code mode: log-only}), grouped by the Spring MVC handler pattern that served
 * them. Registered right after Bulwark's filter; it reads the pattern when the chain has returned,
 * since Spring MVC sets it only while dispatching. Requests no handler pattern names (static
 * resources, other servlets) are grouped by {@link RoutePatterns}. Findings of rules configured to
 * log only ({@code deny-rules.log-only}) are left out: they never block, so need no exception.
 */
public final class SuggestionRecorder implements Filter {

    /**
     * {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}, named here so that the starter does
     * not need Spring MVC on the class path.
     */
    static final String BEST_MATCHING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    private final SuggestionCollector collector;
    private final boolean logOnly;
    private final Set<String> rulesThatOnlyLog;

    public SuggestionRecorder(SuggestionCollector collector, BulwarkConfig config) {
        this.collector = collector;
        this.logOnly = config.mode() == Mode.LOG_ONLY;
        this.rulesThatOnlyLog = config.denyRules().logOnly();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, response);
        if (logOnly && request instanceof HttpServletRequest http
                && request.getAttribute(BulwarkFilter.DECISION_ATTRIBUTE) instanceof Decision decision
                && decision.hasFindings()) {
            record(http, decision);
        }
    }

    private void record(HttpServletRequest request, Decision decision) {
        List<Finding> findings = decision.findings().stream()
                .filter(f -> !rulesThatOnlyLog.contains(f.ruleKey()) && !rulesThatOnlyLog.contains(f.ruleId()))
                .toList();
        Object pattern = request.getAttribute(BEST_MATCHING_PATTERN);
        String route = pattern instanceof String text && text.startsWith("/") ? text
                : RoutePatterns.ofRawPath(request.getRequestURI());
        collector.record(route, request.getMethod(), decision.clientAddress().orElse(request.getRemoteAddr()), findings);
    }

    @Override
    public String toString() {
        return "SuggestionRecorder";
    }
}
