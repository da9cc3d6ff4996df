package dev.bulwark.core.config;

/**
 * The configuration is invalid. The message names the path of the offending key, e.g.
 * {@code deny-rules.exceptions[2].parameter.name: unknown matcher 'exakt'}, and start-up must stop:
 * a gateway that runs with a configuration other than the one written is worse than none.
 */
public final class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;

    public ConfigurationException(String path, String message) {
        super(path.isEmpty() ? message : path + ": " + message);
        this.path = path;
    }

    public ConfigurationException(String path, String message, Throwable cause) {
        super(path.isEmpty() ? message : path + ": " + message, cause);
        this.path = path;
    }

    /** The path of the offending key, e.g. {@code limits.json.depth}; empty for the whole file. */
    public String path() {
        return path;
    }
}
