package dev.bulwark.servlet.internal;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;

/** What the body-reading tests stand in for the container with: a request that only has a body, and its stream. */
final class ContainerBodies {

    private ContainerBodies() {
    }

    /** An HTTP/1.1 request; chunked when {@code contentLength} is -1. */
    static HttpServletRequest request(long contentLength, ServletInputStream stream) {
        return request("HTTP/1.1", contentLength, contentLength < 0 ? "chunked" : null, stream);
    }

    /** A request that answers only for its body: length, stream, protocol and {@code Transfer-Encoding}. */
    static HttpServletRequest request(String protocol, long contentLength, String transferEncoding,
            ServletInputStream stream) {
        return (HttpServletRequest) Proxy.newProxyInstance(ContainerBodies.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getContentLengthLong" -> contentLength;
                    case "getInputStream" -> stream;
                    case "getProtocol" -> protocol;
                    case "getHeader" -> "Transfer-Encoding".equalsIgnoreCase((String) args[0]) ? transferEncoding : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A container's stream in blocking mode: always ready, and without non-blocking reads. */
    abstract static class BlockingStream extends ServletInputStream {
        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
