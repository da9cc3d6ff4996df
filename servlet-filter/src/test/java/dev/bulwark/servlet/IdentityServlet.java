package dev.bulwark.servlet;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application behind the filter in the token tests: answers with JSON saying who it thinks the
 * caller is ({@code getUserPrincipal()}, {@code getRemoteUser()}, {@code getAuthType()}), the
 * claims request attribute, the {@code X-User-Id} headers it sees, the body it reads and how many
 * request wrappers lie between it and the container. Counts its calls, so a test can show that a
 * refused request never reached it.
 */
final class IdentityServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the servlet is mapped in the test context. */
    static final String PATH = "/whoami";

    final transient AtomicInteger calls = new AtomicInteger();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        calls.incrementAndGet();
        Map<String, Object> seen = new LinkedHashMap<>();
        Principal principal = request.getUserPrincipal();
        seen.put("principal", principal == null ? null : principal.getName());
        seen.put("remoteUser", request.getRemoteUser());
        seen.put("authType", request.getAuthType());
        seen.put("claims", request.getAttribute("bulwark.jwt.claims"));
        seen.put("subject", request.getAttribute("bulwark.jwt.subject"));
        seen.put("issuer", request.getAttribute("bulwark.jwt.issuer"));
        seen.put("xUserId", Collections.list(request.getHeaders("X-User-Id")));
        seen.put("body", new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        seen.put("wrappers", wrappers(request));
        byte[] json = JSON.writeValueAsBytes(seen);
        response.setContentType("application/json");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    private static int wrappers(ServletRequest request) {
        int count = 0;
        for (ServletRequest r = request; r instanceof ServletRequestWrapper wrapper; r = wrapper.getRequest()) {
            count++;
        }
        return count;
    }
}
