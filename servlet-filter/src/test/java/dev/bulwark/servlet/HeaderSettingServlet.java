package dev.bulwark.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An application that sets response headers as told by its query, for tests of the response
 * header policy:
 * <ul>
 *   <li>{@code set=Name:Value} and {@code add=Name:Value} call {@code setHeader} / {@code addHeader};</li>
 *   <li>{@code reflect-origin} sets {@code Access-Control-Allow-Origin} to the request's {@code Origin},
 *       the classic CORS mistake; {@code credentials} adds {@code Access-Control-Allow-Credentials: true};</li>
 *   <li>{@code body=stream|writer|none|error} writes {@code ok} through the stream (default) or the
 *       writer, writes nothing (204), or calls {@code sendError(404)}.</li>
 * </ul>
 */
final class HeaderSettingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] set = request.getParameterValues("set");
        if (set != null) {
            for (String header : set) {
                int colon = header.indexOf(':');
                response.setHeader(header.substring(0, colon), header.substring(colon + 1));
            }
        }
        String[] add = request.getParameterValues("add");
        if (add != null) {
            for (String header : add) {
                int colon = header.indexOf(':');
                response.addHeader(header.substring(0, colon), header.substring(colon + 1));
            }
        }
        if (request.getParameter("reflect-origin") != null && request.getHeader("Origin") != null) {
            response.setHeader("Access-Control-Allow-Origin", request.getHeader("Origin"));
            response.setHeader("Vary", "Origin");
        }
        if (request.getParameter("credentials") != null) {
            response.setHeader("Access-Control-Allow-Credentials", "true");
        }
        String body = request.getParameter("body");
        if ("none".equals(body)) {
            response.setStatus(204);
        } else if ("error".equals(body)) {
            response.sendError(404);
        } else if ("writer".equals(body)) {
            response.setContentType("text/plain; charset=utf-8");
            response.getWriter().print("ok");
        } else {
            response.setContentType("text/plain");
            response.getOutputStream().write("ok".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
