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
 * One Tomcat response's header fields, to which headers are added as bytes, where the servlet API
 * would hand Tomcat a string. Tomcat 11 keeps a header set through the servlet API as a string and
 * encodes it when it writes the response, with a new {@code CharsetEncoder} for each value
 * ({@code MessageBytes.toBytes}); building an encoder costs more than writing the value. The
 * security headers go on every response, so {@link ResponseHeaderWriter} hands them over as bytes,
 * which Tomcat writes as they are.
 *
 * <p>Tomcat is reached by reflection through names stable since Tomcat 9:
 * {@code ResponseFacade.response}, and the public {@code Response.getCoyoteResponse},
 * {@code org.apache.coyote.Response.getMimeHeaders}, {@code MimeHeaders.addValue(String)},
 * {@code MimeHeaders.removeHeader(String)} and {@code MessageBytes.setBytes}; there is no
 * compile-time dependency. Anywhere else (Jetty, a response wrapped by another filter) {@link #of}
 * finds nothing and the caller uses the servlet API. The resolved methods are kept per response
 * class, as {@link TomcatBodyRead} keeps its own, which holds the web application's class loader
 * as long as Tomcat's.
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

    private final FacadeAccess access;
    /** Tomcat's {@code MimeHeaders} of the response. */
    private final Object fields;

    private TomcatResponseHeaders(FacadeAccess access, Object fields) {
        this.access = access;
        this.fields = fields;
    }

    /**
     * The header fields of {@code response}; {@code null} when it is not Tomcat's own response.
     *
     * @throws IllegalStateException when Tomcat's internals do not answer as resolved
     */
    static TomcatResponseHeaders of(HttpServletResponse response) {
        FacadeAccess access = FACADES.get(response.getClass()).orElse(null);
        if (access == null) {
            return null;
        }
        Object fields;
        try {
            fields = access.mimeHeaders(response);
        } catch (Throwable e) {
            throw new IllegalStateException("Tomcat's response header fields not reachable", e);
        }
        if (fields == null) {
            throw new IllegalStateException("Tomcat's response has no header fields");
        }
        return new TomcatResponseHeaders(access, fields);
    }

    /**
     * Adds the field {@code name: value}, {@code value} being the field's bytes, which Tomcat takes
     * over: it writes into the array when it reuses the field for a later response, so each call
     * needs an array of its own. The caller has checked that the response is not committed and that
     * {@code name} is none Tomcat treats specially ({@code Content-Type}, {@code Content-Length}).
     *
     * @throws IllegalStateException when Tomcat refuses; no field of the name is left behind
     */
    void add(String name, byte[] value) {
        try {
            Object field = (Object) access.addValue.invokeExact(fields, name);
            access.setBytes.invokeExact(field, value, 0, value.length);
        } catch (Throwable e) {
            try {
                access.removeHeader.invokeExact(fields, name);
            } catch (Throwable removal) {
                e.addSuppressed(removal);
            }
            throw new IllegalStateException("Tomcat refused the response header " + name, e);
        }
    }

    /** {@code ResponseFacade.response} and the public methods that lead from it to the header fields. */
    private record FacadeAccess(MethodHandle response, MethodHandle coyoteResponse, MethodHandle getMimeHeaders,
            MethodHandle addValue, MethodHandle removeHeader, MethodHandle setBytes) {

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
                MethodHandle removeHeader = lookup.unreflect(mimeHeaders.getMethod("removeHeader", String.class));
                Class<?> messageBytes = addValue.type().returnType();
                MethodHandle setBytes = lookup.unreflect(messageBytes.getMethod("setBytes", byte[].class, int.class,
                        int.class));
                return new FacadeAccess(generic(MethodHandles.lookup().unreflectGetter(response)),
                        generic(coyoteResponse), generic(getMimeHeaders),
                        addValue.asType(MethodType.methodType(Object.class, Object.class, String.class)),
                        removeHeader.asType(MethodType.methodType(void.class, Object.class, String.class)),
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
