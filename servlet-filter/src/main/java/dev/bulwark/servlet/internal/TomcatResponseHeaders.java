package dev.bulwark.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds response headers on Tomcat as bytes encoded once, where the servlet API would hand Tomcat a
 * string. Tomcat keeps a header set through the servlet API as a string and encodes it when it
 * writes the response, with a new {@code CharsetEncoder} for each value
 * ({@code MessageBytes.toBytes}); building an encoder costs more than writing the value. The
 * security headers go on every response, so {@link SecurityHeaderWriter} hands them over as bytes,
 * which Tomcat writes as they are.
 *
 * <p>Tomcat is reached by reflection through names stable since Tomcat 9:
 * {@code ResponseFacade.response}, and the public {@code Response.getCoyoteResponse},
 * {@code org.apache.coyote.Response.getMimeHeaders}, {@code MimeHeaders.addValue(String)} and
 * {@code MessageBytes.setBytes}; there is no compile-time dependency. Anywhere else (Jetty, a
 * response wrapped by another filter, a Tomcat whose internals differ) {@link #add} declines and
 * the caller uses the servlet API.
 */
final class TomcatResponseHeaders {

    private static final Logger LOG = LoggerFactory.getLogger(TomcatResponseHeaders.class);
    private static final String RESPONSE_FACADE = "org.apache.catalina.connector.ResponseFacade";

    private static final ClassValue<Optional<FacadeAccess>> FACADES = new ClassValue<>() {
        @Override
        protected Optional<FacadeAccess> computeValue(Class<?> type) {
            return Optional.ofNullable(FacadeAccess.of(type));
        }
    };

    private TomcatResponseHeaders() {
    }

    /**
     * Adds the field {@code name: value} to {@code response}, {@code value} being the field's bytes
     * (Tomcat keeps the array and only reads it). The caller has checked that the response is not
     * committed. False, with nothing added, when {@code response} is not Tomcat's own response.
     */
    static boolean add(HttpServletResponse response, String name, byte[] value) {
        FacadeAccess access = FACADES.get(response.getClass()).orElse(null);
        if (access == null) {
            return false;
        }
        Object headers;
        try {
            headers = access.mimeHeaders(response);
        } catch (Throwable e) {
            LOG.debug("Tomcat's response headers not reachable; adding through the servlet API", e);
            return false;
        }
        if (headers == null) {
            return false;
        }
        try {
            Object field = (Object) access.addValue.invokeExact(headers, name);
            access.setBytes.invokeExact(field, value, 0, value.length);
            return true;
        } catch (Throwable e) {
            // The methods were resolved with these types; a failure here is a Tomcat bug, not ours to hide.
            throw new IllegalStateException("Tomcat refused the response header " + name, e);
        }
    }

    /** {@code ResponseFacade.response} and the public methods that lead from it to the header fields. */
    private record FacadeAccess(MethodHandle response, MethodHandle coyoteResponse, MethodHandle getMimeHeaders,
            MethodHandle addValue, MethodHandle setBytes) {

        static FacadeAccess of(Class<?> facadeType) {
            if (!facadeType.getName().equals(RESPONSE_FACADE)) {
                return null;
            }
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                Field response = facadeType.getDeclaredField("response");
                response.setAccessible(true);
                Class<?> catalinaResponse = response.getType();
                MethodHandle coyoteResponse = lookup.unreflect(catalinaResponse.getMethod("getCoyoteResponse"));
                Class<?> coyoteType = coyoteResponse.type().returnType();
                MethodHandle getMimeHeaders = lookup.unreflect(coyoteType.getMethod("getMimeHeaders"));
                Class<?> mimeHeaders = getMimeHeaders.type().returnType();
                MethodHandle addValue = lookup.unreflect(mimeHeaders.getMethod("addValue", String.class));
                Class<?> messageBytes = addValue.type().returnType();
                MethodHandle setBytes = lookup.unreflect(messageBytes.getMethod("setBytes", byte[].class, int.class,
                        int.class));
                return new FacadeAccess(generic(MethodHandles.lookup().unreflectGetter(response)),
                        generic(coyoteResponse), generic(getMimeHeaders),
                        addValue.asType(MethodType.methodType(Object.class, Object.class, String.class)),
                        setBytes.asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class,
                                int.class)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.info("Tomcat's response internals not found; security headers are added as strings: {}",
                        e.toString());
                return null;
            }
        }

        /** {@code handle}, one argument in and a result out, typed {@code Object} for {@code invokeExact}. */
        private static MethodHandle generic(MethodHandle handle) {
            return handle.asType(MethodType.methodType(Object.class, Object.class));
        }

        Object mimeHeaders(HttpServletResponse facade) throws Throwable {
            Object catalina = (Object) response.invokeExact((Object) facade);
            if (catalina == null) {
                return null;
            }
            Object coyote = (Object) coyoteResponse.invokeExact(catalina);
            return coyote == null ? null : (Object) getMimeHeaders.invokeExact(coyote);
        }
    }
}
