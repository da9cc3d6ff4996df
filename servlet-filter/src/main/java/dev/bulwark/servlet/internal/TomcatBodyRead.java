package dev.bulwark.servlet.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends blocking body reads at their deadline on Tomcat's HTTP/1.1 connectors, where an interrupt
 * does not. Tomcat's NIO connector waits for data in {@code NioEndpoint.NioSocketWrapper.fillReadBuffer}
 * with {@code readLock.wait(timeout)}, treats an {@code InterruptedException} as a spurious wake-up
 * and waits again for what is left of the connection's read timeout ({@code connectionTimeout}).
 * That timeout is taken at the start of each wait, so setting it to the time left until the
 * deadline before each read that may block makes Tomcat end the read itself, at the deadline, with
 * a {@code SocketTimeoutException}. The connection's own timeout is restored when the body has been
 * read; Tomcat sets it again between requests in any case.
 *
 * <p>After a failed body read {@link #abandonBody} does two things Tomcat would otherwise not:
 * <ul>
 *   <li>it stops Tomcat from draining the rest of the body after the response (Tomcat's
 *       {@code ActionCode.DISABLE_SWALLOW_INPUT}, as for an aborted upload): the drain is another
 *       blocking read, bounded only by {@code connectionTimeout}, which a stalled client would
 *       otherwise hold the thread in after its 408; the connection is closed instead;</li>
 *   <li>it takes the response back from Tomcat's error handling: Tomcat answers a failed read with
 *       {@code sendError} (408 for a timeout, 400 otherwise), which suspends the response until the
 *       container renders its error page; the filter's own problem response, with its incident id,
 *       goes out instead.</li>
 * </ul>
 *
 * <p>Tomcat is reached by reflection through names stable since Tomcat 8.5
 * ({@code RequestFacade.request}, {@code Http11InputBuffer.wrapper}, the public methods of
 * {@code SocketWrapperBase}, Coyote's {@code Request.action} and Catalina's {@code Response});
 * there is no compile-time dependency.
 * Anywhere else (Jetty, Tomcat's HTTP/2 streams, a Tomcat whose internals differ) {@link #of}
 * finds nothing and the watchdog's interrupt is what ends the read.
 */
final class TomcatBodyRead {

    private static final Logger LOG = LoggerFactory.getLogger(TomcatBodyRead.class);
    private static final String REQUEST_FACADE = "org.apache.catalina.connector.RequestFacade";
    private static final String HTTP11_INPUT_BUFFER = "org.apache.coyote.http11.Http11InputBuffer";

    private static final ClassValue<Optional<FacadeAccess>> FACADES = new ClassValue<>() {
        @Override
        protected Optional<FacadeAccess> computeValue(Class<?> type) {
            return Optional.ofNullable(FacadeAccess.of(type));
        }
    };
    private static final ClassValue<Optional<SocketAccess>> SOCKETS = new ClassValue<>() {
        @Override
        protected Optional<SocketAccess> computeValue(Class<?> type) {
            return Optional.ofNullable(SocketAccess.of(type));
        }
    };

    private final Object socket;
    private final SocketAccess access;
    private final long originalTimeoutMillis;

    private TomcatBodyRead(Object socket, SocketAccess access, long originalTimeoutMillis) {
        this.socket = socket;
        this.access = access;
        this.originalTimeoutMillis = originalTimeoutMillis;
    }

    /** The HTTP/1.1 connection of {@code request} on Tomcat; {@code null} anywhere else. */
    static TomcatBodyRead of(ServletRequest request) {
        Object catalinaRequest = catalinaRequest(request);
        if (catalinaRequest == null) {
            return null;
        }
        FacadeAccess facade = FACADES.get(unwrap(request).getClass()).orElseThrow();
        try {
            Object inputBuffer = facade.inputBuffer.invoke(facade.coyoteRequest.invoke(catalinaRequest));
            if (inputBuffer == null || !inputBuffer.getClass().getName().equals(HTTP11_INPUT_BUFFER)) {
                return null;
            }
            SocketAccess access = SOCKETS.get(inputBuffer.getClass()).orElse(null);
            if (access == null) {
                return null;
            }
            Object socket = access.wrapper.get(inputBuffer);
            return socket == null ? null : new TomcatBodyRead(socket, access, (long) access.getReadTimeout.invoke(socket));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Tomcat's connection not reachable; body reads end by interrupt only", e);
            return null;
        }
    }

    /** Lets the next blocking read wait at most {@code nanos}, at least one millisecond. */
    void limitNextRead(long nanos) {
        setReadTimeout(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999)));
    }

    /**
     * Called by the watchdog at the deadline: a read made of several waits (a chunk header that
     * trickles in byte by byte) then ends at the next one.
     */
    void expire() {
        setReadTimeout(1);
    }

    /** Gives the connection its own read timeout back. */
    void restore() {
        setReadTimeout(originalTimeoutMillis);
    }

    private void setReadTimeout(long millis) {
        try {
            access.setReadTimeout.invoke(socket, millis);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Could not set Tomcat's read timeout", e);
        }
    }

    /**
     * After a failed body read: keeps Tomcat from draining the rest of the body and from replacing
     * the filter's response with its error page (see the class comment). Does nothing anywhere else.
     */
    static void abandonBody(ServletRequest request) {
        Object catalinaRequest = catalinaRequest(request);
        if (catalinaRequest == null) {
            return;
        }
        FacadeAccess facade = FACADES.get(unwrap(request).getClass()).orElseThrow();
        try {
            facade.action.invoke(facade.coyoteRequest.invoke(catalinaRequest), facade.disableSwallowInput, null);
            Object response = facade.response.invoke(catalinaRequest);
            if ((boolean) facade.isErrorReportRequired.invoke(response)) {
                facade.setErrorReported.invoke(response);
                facade.setSuspended.invoke(response, false);
                request.removeAttribute(RequestDispatcher.ERROR_EXCEPTION);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Could not take the failed body read back from Tomcat", e);
        }
    }

    private static Object catalinaRequest(ServletRequest request) {
        ServletRequest facadeRequest = unwrap(request);
        if (!facadeRequest.getClass().getName().equals(REQUEST_FACADE)) {
            return null;
        }
        FacadeAccess facade = FACADES.get(facadeRequest.getClass()).orElse(null);
        if (facade == null) {
            return null;
        }
        try {
            return facade.request.get(facadeRequest);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static ServletRequest unwrap(ServletRequest request) {
        ServletRequest unwrapped = request;
        while (unwrapped instanceof ServletRequestWrapper wrapper) {
            unwrapped = wrapper.getRequest();
        }
        return unwrapped;
    }

    /** {@code RequestFacade.request} and the public methods of Catalina's and Coyote's requests and Catalina's response. */
    private record FacadeAccess(Field request, Method coyoteRequest, Method inputBuffer, Method response,
            Method action, Object disableSwallowInput, Method isErrorReportRequired, Method setErrorReported,
            Method setSuspended) {

        static FacadeAccess of(Class<?> facadeType) {
            if (!facadeType.getName().equals(REQUEST_FACADE)) {
                return null;
            }
            try {
                Field request = facadeType.getDeclaredField("request");
                request.setAccessible(true);
                Class<?> catalinaRequest = request.getType();
                Method coyoteRequest = catalinaRequest.getMethod("getCoyoteRequest");
                Class<?> coyoteType = coyoteRequest.getReturnType();
                Class<?> actionCode = Class.forName("org.apache.coyote.ActionCode", false, coyoteType.getClassLoader());
                Method response = catalinaRequest.getMethod("getResponse");
                Class<?> responseType = response.getReturnType();
                return new FacadeAccess(request, coyoteRequest, coyoteType.getMethod("getInputBuffer"), response,
                        coyoteType.getMethod("action", actionCode, Object.class),
                        actionCode(actionCode, "DISABLE_SWALLOW_INPUT"), responseType.getMethod("isErrorReportRequired"),
                        responseType.getMethod("setErrorReported"), responseType.getMethod("setSuspended", boolean.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.info("Tomcat's request internals not found; blocking body reads end by interrupt only, "
                        + "which Tomcat's HTTP/1.1 connectors ignore: {}", e.toString());
                return null;
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object actionCode(Class<?> actionCode, String name) {
        return Enum.valueOf((Class) actionCode, name);
    }

    /** {@code Http11InputBuffer.wrapper} and the read timeout of the socket wrapper it holds. */
    private record SocketAccess(Field wrapper, Method getReadTimeout, Method setReadTimeout) {

        static SocketAccess of(Class<?> inputBufferType) {
            try {
                Field wrapper = inputBufferType.getDeclaredField("wrapper");
                wrapper.setAccessible(true);
                Class<?> socketType = wrapper.getType();
                return new SocketAccess(wrapper, socketType.getMethod("getReadTimeout"),
                        socketType.getMethod("setReadTimeout", long.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.info("Tomcat's socket internals not found; blocking body reads end by interrupt only, "
                        + "which Tomcat's HTTP/1.1 connectors ignore: {}", e.toString());
                return null;
            }
        }
    }
}
