package dev.bulwark.core.internal;

import java.io.InputStream;

/** Opens the {@code classpath:} locations named in the configuration, the same way wherever one is read. */
public final class ClasspathResource {

    public static final String PREFIX = "classpath:";

    private ClasspathResource() {
    }

    /** The resource a {@code classpath:} location names, without a leading slash, as class loaders name resources. */
    public static String name(String location) {
        String resource = location.substring(PREFIX.length());
        return resource.startsWith("/") ? resource.substring(1) : resource;
    }

    /**
     * Opens a {@code classpath:} location with the thread's context class loader, which sees the
     * application's resources in containers; without one, with the class loader of the core.
     *
     * @return the resource, or {@code null} when there is none of that name
     */
    public static InputStream open(String location) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return (loader != null ? loader : ClasspathResource.class.getClassLoader()).getResourceAsStream(name(location));
    }
}
