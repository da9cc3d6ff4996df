package dev.bulwark.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The starter's own {@code bulwark.*} properties: whether and where the filter is installed, and
 * where the configuration comes from. Every other {@code bulwark.*} key is the core's
 * ({@link dev.bulwark.core.config.ConfigSchema}), bound straight from the environment by the
 * starter, so that no key is spelled twice.
 */
@ConfigurationProperties(prefix = "bulwark")
public class BulwarkProperties {

    /**
     * The default order of the filter: before every filter that reads the body or the parameters
     * (Spring's hidden-method filter at -10000 and form-content filter at -9900, which parses the
     * form bodies of PUT, PATCH and DELETE requests) and so before Spring Security's filter chain
     * at -100; after the filters at the very start that only prepare the request, such as
     * character encoding, forwarded headers and observation.
     */
    public static final int DEFAULT_FILTER_ORDER = -10_100;

    /** Whether to install the Bulwark filter. */
    private boolean enabled = true;

    /**
     * Order of the Bulwark filter among the servlet filters (among the web filters in a reactive
     * application). The default runs it before any filter that reads the body or the parameters
     * (Spring's form-content filter is at -9900) and so before Spring Security's filter chain
     * (-100): requests are inspected before authentication.
     */
    private int filterOrder = DEFAULT_FILTER_ORDER;

    /**
     * A Bulwark YAML configuration file to read instead of the other properties: a file path or a
     * {@code classpath:} location. Cannot be combined with them.
     */
    private String configFile;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getFilterOrder() {
        return filterOrder;
    }

    public void setFilterOrder(int filterOrder) {
        this.filterOrder = filterOrder;
    }

    public String getConfigFile() {
        return configFile;
    }

    public void setConfigFile(String configFile) {
        this.configFile = configFile;
    }
}
