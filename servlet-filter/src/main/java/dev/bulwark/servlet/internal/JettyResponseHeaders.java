package dev.bulwark.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds response headers on Jetty 12 as fields encoded once ({@code PreEncodedHttpField}), where the
 * servlet API would hand Jetty a name and a value: Jetty looks the name up, builds a field and, when
 * it writes the response, checks and copies the value character by character; a pre-encoded field
 * is copied as bytes. The security headers go on every response, so {@link ResponseHeaderWriter}
 * encodes them once per Jetty.
 *
 * <p>Jetty is reached by reflection through its public API: the servlet response
 * ({@code org.eclipse.jetty.ee10.servlet.ServletApiResponse}, or ee11's) gives its core
 * {@code Response}, whose {@code getHeaders()} takes an {@code HttpField}; there is no
 * compile-time dependency. Anywhere else (Tomcat, a response wrapped by another filter) {@link #of}
 * finds nothing and the caller uses the servlet API. The resolved methods are kept per response
 * class, which holds the web application's class loader as long as Jetty's.
 */
final class JettyResponseHeaders {

    private static final Logger LOG = LoggerFactory.getLogger(JettyResponseHeaders.class);

    private static final ClassValue<Optional<JettyResponseHeaders>> BY_RESPONSE_TYPE = new ClassValue<>() {
        @Override
        protected Optional<JettyResponseHeaders> computeValue(Class<?> type) {
            return Optional.ofNullable(resolve(type));
        }
    };

    private final MethodHandle coreResponse;
    private final MethodHandle getHeaders;
    private final MethodHandle addField;
    private final MethodHandle newPlainField;
    private final MethodHandle headerOf;
    private final MethodHandle newField;

    private JettyResponseHeaders(MethodHandle coreResponse, MethodHandle getHeaders, MethodHandle addField,
            MethodHandle newPlainField, MethodHandle headerOf, MethodHandle newField) {
        this.coreResponse = coreResponse;
        this.getHeaders = getHeaders;
        this.addField = addField;
        this.newPlainField = newPlainField;
        this.headerOf = headerOf;
        this.newField = newField;
    }

    /** The access to Jetty's header fields for {@code response}; {@code null} when it is not Jetty's own response. */
    static JettyResponseHeaders of(HttpServletResponse response) {
        return BY_RESPONSE_TYPE.get(response.getClass()).orElse(null);
    }

    /**
     * The field {@code name: value}, encoded once, knowing its header as Jetty's own
     * {@code new HttpField(name, value)} does; the value must be plain ASCII.
     *
     * @throws IllegalStateException when Jetty refuses
     */
    Object encode(String name, String value) {
        try {
            Object header = (Object) headerOf.invokeExact((Object) newPlainField.invokeExact(name, value));
            return (Object) newField.invokeExact(header, name, value);
        } catch (Throwable e) {
            throw new IllegalStateException("Jetty refused the response header " + name, e);
        }
    }

    /**
     * The header fields ({@code HttpFields.Mutable}) of {@code response}, a response of the type
     * this access was made for.
     *
     * @throws IllegalStateException when Jetty refuses
     */
    Object fields(HttpServletResponse response) {
        try {
            return (Object) getHeaders.invokeExact((Object) coreResponse.invokeExact((Object) response));
        } catch (Throwable e) {
            throw new IllegalStateException("Jetty's response header fields not reachable", e);
        }
    }

    /**
     * Adds {@code field}, made by {@link #encode} of this access, to {@code fields}. The caller has
     * checked that the response is not committed.
     *
     * @throws IllegalStateException when Jetty refuses
     */
    void add(Object fields, Object field) {
        try {
            addField.invokeExact(fields, field);
        } catch (Throwable e) {
            throw new IllegalStateException("Jetty refused a response header", e);
        }
    }

    private static JettyResponseHeaders resolve(Class<?> responseType) {
        String name = responseType.getName();
        if (!name.startsWith("org.eclipse.jetty.") || !name.endsWith(".servlet.ServletApiResponse")) {
            return null;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle coreResponse = lookup.unreflect(responseType.getMethod("getResponse"));
            Class<?> core = coreResponse.type().returnType();
            MethodHandle getHeaders = lookup.unreflect(core.getMethod("getHeaders"));
            Class<?> mutable = getHeaders.type().returnType();
            ClassLoader loader = responseType.getClassLoader();
            Class<?> httpField = Class.forName("org.eclipse.jetty.http.HttpField", false, loader);
            Class<?> preEncoded = Class.forName("org.eclipse.jetty.http.PreEncodedHttpField", false, loader);
            Class<?> httpHeader = Class.forName("org.eclipse.jetty.http.HttpHeader", false, loader);
            MethodHandle addField = lookup.unreflect(mutable.getMethod("add", httpField));
            MethodHandle newPlainField = lookup.unreflectConstructor(httpField.getConstructor(String.class, String.class));
            MethodHandle headerOf = lookup.unreflect(httpField.getMethod("getHeader"));
            MethodHandle newField = lookup.unreflectConstructor(
                    preEncoded.getConstructor(httpHeader, String.class, String.class));
            return new JettyResponseHeaders(
                    coreResponse.asType(MethodType.methodType(Object.class, Object.class)),
                    getHeaders.asType(MethodType.methodType(Object.class, Object.class)),
                    addField.asType(MethodType.methodType(void.class, Object.class, Object.class)),
                    newPlainField.asType(MethodType.methodType(Object.class, String.class, String.class)),
                    headerOf.asType(MethodType.methodType(Object.class, Object.class)),
                    newField.asType(MethodType.methodType(Object.class, Object.class, String.class, String.class)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("Jetty's response header fields not found; security headers are added by name: {}", e.toString());
            return null;
        }
    }
}
