package dev.bulwark.samples.echo;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers 200 to every method and path with JSON describing what the application received:
 *
 * <pre>{@code
 * {"method":"POST","path":"/login","query":"next=%2F",
 *  "headers":{"Host":["127.0.0.1:8080"],"Content-Type":["application/x-www-form-urlencoded"]},
 *  "bodyLength":17,"bodySha256":"…","parameters":{"next":["/"],"user":["bob"]}}
 * }</pre>
 *
 * <p>{@code path} and {@code query} are as sent (still percent-encoded); {@code bodySha256} is the
 * hex SHA-256 of the body bytes, so a client can check that they arrived unchanged. Parameters are
 * read before the body, the order most frameworks use. Behind the filter the body is still there
 * afterwards; without it (the servlet specification's rule) a container that has parsed a form
 * body for the parameters leaves nothing to read, so form posts show {@code bodyLength} 0.
 */
public final class EchoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
        byte[] body = request.getInputStream().readAllBytes();

        Map<String, Object> description = new LinkedHashMap<>();
        description.put("method", request.getMethod());
        description.put("path", request.getRequestURI());
        description.put("query", request.getQueryString());
        description.put("headers", headers(request));
        description.put("bodyLength", body.length);
        description.put("bodySha256", sha256(body));
        description.put("parameters", parameters);

        byte[] json = JSON.writeValueAsBytes(description);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.computeIfAbsent(name, n -> new ArrayList<>()).addAll(Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
