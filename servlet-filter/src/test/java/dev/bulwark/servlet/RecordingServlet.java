package dev.bulwark.servlet;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Decision;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application behind the filter in the integration tests: answers every request with JSON
 * describing what it received. How it reads the body depends on the path:
 * <ul>
 *   <li>{@code /params-first/...}: {@code getParameterMap()} first, then the stream;</li>
 *   <li>{@code /reader/...}: {@code getReader()}, then tries {@code getInputStream()};</li>
 *   <li>{@code /stream-then-reader/...}: the stream, then tries {@code getReader()};</li>
 *   <li>{@code /async/...}: non-blocking reads through a {@link ReadListener};</li>
 *   <li>{@code /forward/...}: forwards to {@code /echo/forwarded};</li>
 *   <li>{@code /fail/...}: {@code sendError(500)}, which the container dispatches to the error page;</li>
 *   <li>anything else: the stream, then {@code getParameterMap()}.</li>
 * </ul>
 */
final class RecordingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    final transient AtomicInteger calls = new AtomicInteger();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (path.startsWith("/forward/")) {
            try {
                request.getRequestDispatcher("/echo/forwarded").forward(request, response);
            } catch (jakarta.servlet.ServletException e) {
                throw new IOException(e);
            }
            return;
        }
        calls.incrementAndGet();
        if (path.startsWith("/fail/")) {
            response.sendError(500);
            return;
        }
        if (path.startsWith("/async/")) {
            readAsync(request, response);
            return;
        }
        Map<String, Object> seen = new LinkedHashMap<>();
        Map<String, String[]> parameters = null;
        byte[] body;
        if (path.startsWith("/params-first/")) {
            parameters = request.getParameterMap();
            body = request.getInputStream().readAllBytes();
        } else if (path.startsWith("/reader/")) {
            body = readAll(request.getReader()).getBytes(StandardCharsets.UTF_8);
            seen.put("streamAfterReader", attempt(() -> request.getInputStream()));
        } else if (path.startsWith("/stream-then-reader/")) {
            body = request.getInputStream().readAllBytes();
            seen.put("readerAfterStream", attempt(() -> request.getReader()));
        } else {
            body = request.getInputStream().readAllBytes();
        }
        if (parameters == null) {
            parameters = request.getParameterMap();
        }
        describe(request, body, parameters, seen);
        write(response, seen);
    }

    private void readAsync(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AsyncContext async = request.startAsync();
        ServletInputStream in = request.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        in.setReadListener(new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
                byte[] buffer = new byte[1024];
                while (in.isReady() && !in.isFinished()) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    received.write(buffer, 0, n);
                }
            }

            @Override
            public void onAllDataRead() throws IOException {
                Map<String, Object> seen = new LinkedHashMap<>();
                seen.put("finished", in.isFinished());
                describe(request, received.toByteArray(), request.getParameterMap(), seen);
                write(response, seen);
                async.complete();
            }

            @Override
            public void onError(Throwable t) {
                response.setStatus(599);
                async.complete();
            }
        });
    }

    private static void describe(HttpServletRequest request, byte[] body, Map<String, String[]> parameters,
            Map<String, Object> seen) {
        seen.put("method", request.getMethod());
        seen.put("path", request.getRequestURI());
        seen.put("query", request.getQueryString());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        seen.put("headers", headers);
        seen.put("xUser", request.getHeader("x-user"));
        seen.put("xForwardedFor", request.getHeader("X-Forwarded-For"));
        seen.put("bodyLength", body.length);
        seen.put("bodySha256", sha256(body));
        seen.put("contentLength", request.getContentLengthLong());
        Map<String, List<String>> parameterMap = new LinkedHashMap<>();
        parameters.forEach((name, values) -> parameterMap.put(name, List.of(values)));
        seen.put("parameters", parameterMap);
        seen.put("parameterNames", Collections.list(request.getParameterNames()));
        Object decision = request.getAttribute(BulwarkFilter.DECISION_ATTRIBUTE);
        seen.put("incidentId", decision instanceof Decision d ? d.incidentId() : null);
        seen.put("claim", request.getAttribute("test.claim"));
        seen.put("dispatcher", request.getDispatcherType().name());
    }

    private static void write(HttpServletResponse response, Map<String, Object> seen) throws IOException {
        byte[] json = JSON.writeValueAsBytes(seen);
        response.setContentType("application/json");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readAll(Reader reader) throws IOException {
        StringWriter out = new StringWriter();
        reader.transferTo(out);
        return out.toString();
    }

    private interface Attempt {
        Object run() throws IOException;
    }

    private static String attempt(Attempt attempt) {
        try {
            attempt.run();
            return "allowed";
        } catch (IllegalStateException e) {
            return "IllegalStateException";
        } catch (IOException e) {
            return "IOException";
        }
    }
}
