package dev.bulwark.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The starter's own {@code bulwark.*} properties: whether and where the filter is installed, where
 * the configuration comes from, and how a verified token becomes Spring Security's authentication. Every other {@code bulwark.*} key is the core's
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

    /** How a token Bulwark verified becomes an authentication of Spring Security. */
    private final SpringSecurity springSecurity = new SpringSecurity();

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

    public SpringSecurity getSpringSecurity() {
        return springSecurity;
    }

    /**
     * The bridge to Spring Security ({@code bulwark.spring-security.*}): with Spring Security on
     * the classpath and {@code bulwark.jwt} configured, a token Bulwark verified becomes the
     * request's authentication, its subject the name and its scopes the authorities, as Spring
     * Security's OAuth2 resource server maps them. Spring-specific, so a property of the starter,
     * not a key of Bulwark's configuration file.
     */
    public static class SpringSecurity {

        /** The authority prefix of the OAuth2 resource server, and the default here. */
        public static final String DEFAULT_AUTHORITY_PREFIX = "SCOPE_";

        /** Whether a verified token becomes Spring Security's authentication of the request. */
        private boolean enabled = true;

        /**
         * The claim holding the authorities (a space-separated string or a list of strings). When
         * unset, {@code scope} and then {@code scp}, as the OAuth2 resource server reads them.
         */
        private String authoritiesClaimName;

        /** The prefix of each authority taken from the claim, {@code SCOPE_} by default; may be empty. */
        private String authorityPrefix = DEFAULT_AUTHORITY_PREFIX;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getAuthoritiesClaimName() {
            return authoritiesClaimName;
        }

        public void setAuthoritiesClaimName(String authoritiesClaimName) {
            this.authoritiesClaimName = authoritiesClaimName;
        }

        public String getAuthorityPrefix() {
            return authorityPrefix;
        }

        public void setAuthorityPrefix(String authorityPrefix) {
            this.authorityPrefix = authorityPrefix;
        }
    }
}
