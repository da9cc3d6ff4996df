package dev.bulwark.spring.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.endpoint.Show;

/**
 * Warns once at start-up that the {@code bulwark} endpoint is exposed over HTTP while Spring
 * Security is not on the classpath, so nothing but the network stands between a client and the
 * description of the application's defences. Registered only in that situation.
 */
public final class UnprotectedEndpointWarning implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(UnprotectedEndpointWarning.class);

    private final Show showValues;

    public UnprotectedEndpointWarning(Show showValues) {
        this.showValues = showValues;
    }

    @Override
    public void afterSingletonsInstantiated() {
        LOG.warn("The bulwark actuator endpoint is exposed over HTTP and Spring Security is not on the classpath:"
                + " anyone who reaches the management port can call it{}. Protect it with Spring Security, bind"
                + " management to a port clients cannot reach (management.server.port and"
                + " management.server.address), or take it out of management.endpoints.web.exposure.include.",
                showValues == Show.ALWAYS ? " and read the whole configuration (management.endpoint.bulwark"
                        + ".show-values=always)" : "");
    }
}
