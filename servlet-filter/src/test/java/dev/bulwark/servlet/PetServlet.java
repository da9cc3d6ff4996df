package dev.bulwark.servlet;

import dev.bulwark.core.Decision;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A petstore application whose answers do or do not match the contract, for response validation.
 * Every response carries the incident id in {@code X-Incident}, so a test can find the request's
 * security event.
 * <ul>
 *   <li>{@code /api/pets/1}: a valid pet, written to the stream;</li>
 *   <li>{@code /api/pets/2}: an invalid pet ({@code id} a string, {@code name} a number,
 *       {@code species} missing), written to the stream;</li>
 *   <li>{@code /api/pets/3}: the invalid pet through the writer, UTF-8;</li>
 *   <li>{@code /api/pets/4}: the invalid pet, written asynchronously;</li>
 *   <li>{@code /api/pets/5}: 418, a status the contract does not list;</li>
 *   <li>{@code /api/pets}: {@link #LARGE_COUNT} invalid pets, a body over the capture limit.</li>
 * </ul>
 */
final class PetServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String VALID = "{\"id\":1,\"name\":\"Rex\",\"species\":\"dog\",\"tags\":[\"café\"]}";
    static final String INVALID = "{\"id\":\"two\",\"name\":7,\"tags\":[\"crème\"]}";
    static final int LARGE_COUNT = 40_000;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object decision = request.getAttribute(BulwarkFilter.DECISION_ATTRIBUTE);
        response.setHeader("X-Incident", decision instanceof Decision d ? d.incidentId() : "none");
        switch (request.getRequestURI()) {
            case "/api/pets/1" -> stream(response, VALID);
            case "/api/pets/2" -> stream(response, INVALID);
            case "/api/pets/3" -> {
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write(INVALID);
            }
            case "/api/pets/4" -> {
                AsyncContext async = request.startAsync();
                async.start(() -> {
                    try {
                        stream(response, INVALID);
                    } catch (IOException e) {
                        response.setStatus(599);
                    }
                    async.complete();
                });
            }
            case "/api/pets/5" -> {
                response.setStatus(418);
                stream(response, VALID);
            }
            case "/api/pets" -> stream(response, large());
            default -> response.sendError(404);
        }
    }

    static String large() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < LARGE_COUNT; i++) {
            json.append(i == 0 ? "" : ",").append(INVALID);
        }
        return json.append(']').toString();
    }

    private static void stream(HttpServletResponse response, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
