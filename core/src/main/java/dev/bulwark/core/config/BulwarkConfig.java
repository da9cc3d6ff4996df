package dev.bulwark.core.config;

import dev.bulwark.core.Mode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The whole configuration of one Bulwark instance. Immutable; built with {@link #custom()}, read
 * from YAML with {@link #load(Path)} or {@link #fromYaml(String)}, or bound from Spring properties.
 * All sources produce the same objects and validate the same way.
 */
public final class BulwarkConfig {

    /** Percent-decoding passes applied to parameters and paths; default 3. */
    public static final int DEFAULT_DECODING_PASSES = 3;

    private static final BulwarkConfig DEFAULTS = custom().build();

    private final Mode mode;
    private final Limits limits;
    private final int decodingPasses;
    private final UninspectablePolicy uninspectable;
    private final DenyRulesConfig denyRules;
    private final List<Route> routes;
    private final JwtConfig jwt;
    private final OpenApiConfig openapi;
    private final GraphQlConfig graphql;
    private final AllowedMethods allowedMethods;
    private final MethodOverridePolicy methodOverride;
    private final AllowRulesConfig allowRules;
    private final HeaderPolicy headers;
    private final CsrfConfig csrf;
    private final ClientIpConfig clientIp;
    private final IpRules ipRules;
    private final BlockResponses blockResponses;
    private final RateLimitsConfig rateLimits;

    private BulwarkConfig(Builder builder) {
        this.mode = builder.mode;
        this.limits = builder.limits;
        this.decodingPasses = builder.decodingPasses;
        this.uninspectable = builder.uninspectable;
        this.denyRules = builder.denyRules;
        this.routes = List.copyOf(builder.routes);
        this.jwt = builder.jwt;
        this.openapi = builder.openapi;
        this.graphql = builder.graphql;
        this.allowedMethods = builder.allowedMethods;
        this.methodOverride = builder.methodOverride;
        this.allowRules = builder.allowRules;
        this.headers = builder.headers;
        this.csrf = builder.csrf;
        this.clientIp = builder.clientIp;
        this.ipRules = builder.ipRules;
        this.blockResponses = builder.blockResponses;
        this.rateLimits = builder.rateLimits;
        boolean claimLimits = rateLimits.limits().stream().anyMatch(limit -> limit.key().kind() == RateLimitKey.Kind.CLAIM)
                || routes.stream().flatMap(route -> route.rateLimits().stream())
                        .anyMatch(limit -> limit.key().kind() == RateLimitKey.Kind.CLAIM);
        if (claimLimits && !jwt.enabled()) {
            throw new IllegalArgumentException("a rate limit is keyed by a token claim but no jwt issuer is configured");
        }
        for (Route route : routes) {
            if (route.jwt() != null && Boolean.TRUE.equals(route.jwt().required()) && !jwt.enabled()) {
                throw new IllegalArgumentException("a route requires a token but no jwt issuer is configured");
            }
        }
    }

    /** Secure defaults: block mode, default limits, standard deny rules. */
    public static BulwarkConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.mode = mode;
        builder.limits = limits;
        builder.decodingPasses = decodingPasses;
        builder.uninspectable = uninspectable;
        builder.denyRules = denyRules;
        builder.routes.addAll(routes);
        builder.jwt = jwt;
        builder.openapi = openapi;
        builder.graphql = graphql;
        builder.allowedMethods = allowedMethods;
        builder.methodOverride = methodOverride;
        builder.allowRules = allowRules;
        builder.headers = headers;
        builder.csrf = csrf;
        builder.clientIp = clientIp;
        builder.ipRules = ipRules;
        builder.blockResponses = blockResponses;
        builder.rateLimits = rateLimits;
        return builder;
    }

    /** Reads a YAML file; see {@link ConfigLoader}. */
    public static BulwarkConfig load(Path file) {
        return ConfigLoader.load(file);
    }

    /** Reads YAML text; see {@link ConfigLoader}. */
    public static BulwarkConfig fromYaml(String yaml) {
        return ConfigLoader.fromYaml(yaml);
    }

    /** Block or log only, for every check; default {@link Mode#BLOCK}. */
    public Mode mode() {
        return mode;
    }

    public Limits limits() {
        return limits;
    }

    /** How many times percent-decoding is repeated on parameters and paths; default 3. */
    public int decodingPasses() {
        return decodingPasses;
    }

    /** What to do with bodies that cannot be inspected; default {@link UninspectablePolicy#LOG}. */
    public UninspectablePolicy uninspectable() {
        return uninspectable;
    }

    public DenyRulesConfig denyRules() {
        return denyRules;
    }

    /** Per-route settings in order; the first matching route applies. */
    public List<Route> routes() {
        return routes;
    }

    /** GraphQL protection; {@link GraphQlConfig#defaults()} (on for {@code /graphql}) by default. */
    public GraphQlConfig graphql() {
        return graphql;
    }

    /** OpenAPI enforcement; {@link OpenApiConfig#disabled()} by default. */
    public OpenApiConfig openapi() {
        return openapi;
    }

    /** Token validation; {@link JwtConfig#disabled()} by default. */
    public JwtConfig jwt() {
        return jwt;
    }

    /** The methods the service answers; {@link AllowedMethods#standard()} by default. */
    public AllowedMethods allowedMethods() {
        return allowedMethods;
    }

    /**
     * Whether a method override header or {@code _method} field is refused or judged as the method
     * it asks for; {@link MethodOverridePolicy#REFUSE} by default.
     */
    public MethodOverridePolicy methodOverride() {
        return methodOverride;
    }

    /** The positive model; {@link AllowRulesConfig#none()} by default. */
    public AllowRulesConfig allowRules() {
        return allowRules;
    }

    /** Request header filtering and response headers; {@link HeaderPolicy#defaults()} by default. */
    public HeaderPolicy headers() {
        return headers;
    }

    /** The CSRF check; {@link CsrfConfig#disabled()} by default. */
    public CsrfConfig csrf() {
        return csrf;
    }

    /** Where the client address comes from; {@link ClientIpConfig#defaults()} (the connection) by default. */
    public ClientIpConfig clientIp() {
        return clientIp;
    }

    /** IP allow and deny lists; {@link IpRules#none()} by default. */
    public IpRules ipRules() {
        return ipRules;
    }

    /** Custom block responses; {@link BlockResponses#none()} (problem+json only) by default. */
    public BlockResponses blockResponses() {
        return blockResponses;
    }

    /** Rate limits and repeat-offender blocking; {@link RateLimitsConfig#none()} by default. */
    public RateLimitsConfig rateLimits() {
        return rateLimits;
    }

    /** Builds a {@link BulwarkConfig}; setters reject bad values at once. */
    public static final class Builder {
        private Mode mode = Mode.BLOCK;
        private Limits limits = Limits.defaults();
        private int decodingPasses = DEFAULT_DECODING_PASSES;
        private UninspectablePolicy uninspectable = UninspectablePolicy.LOG;
        private DenyRulesConfig denyRules = DenyRulesConfig.defaults();
        private final List<Route> routes = new ArrayList<>();
        private JwtConfig jwt = JwtConfig.disabled();
        private OpenApiConfig openapi = OpenApiConfig.disabled();
        private GraphQlConfig graphql = GraphQlConfig.defaults();
        private AllowedMethods allowedMethods = AllowedMethods.standard();
        private MethodOverridePolicy methodOverride = MethodOverridePolicy.REFUSE;
        private AllowRulesConfig allowRules = AllowRulesConfig.none();
        private HeaderPolicy headers = HeaderPolicy.defaults();
        private CsrfConfig csrf = CsrfConfig.disabled();
        private ClientIpConfig clientIp = ClientIpConfig.defaults();
        private IpRules ipRules = IpRules.none();
        private BlockResponses blockResponses = BlockResponses.none();
        private RateLimitsConfig rateLimits = RateLimitsConfig.none();

        private Builder() {
        }

        public Builder rateLimits(RateLimitsConfig rateLimits) {
            this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
            return this;
        }

        public Builder allowedMethods(AllowedMethods allowedMethods) {
            this.allowedMethods = Objects.requireNonNull(allowedMethods, "allowedMethods");
            return this;
        }

        public Builder methodOverride(MethodOverridePolicy methodOverride) {
            this.methodOverride = Objects.requireNonNull(methodOverride, "methodOverride");
            return this;
        }

        public Builder allowRules(AllowRulesConfig allowRules) {
            this.allowRules = Objects.requireNonNull(allowRules, "allowRules");
            return this;
        }

        public Builder headers(HeaderPolicy headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            return this;
        }

        public Builder csrf(CsrfConfig csrf) {
            this.csrf = Objects.requireNonNull(csrf, "csrf");
            return this;
        }

        public Builder clientIp(ClientIpConfig clientIp) {
            this.clientIp = Objects.requireNonNull(clientIp, "clientIp");
            return this;
        }

        public Builder ipRules(IpRules ipRules) {
            this.ipRules = Objects.requireNonNull(ipRules, "ipRules");
            if (ipRules.allow() == null) {
                throw new IllegalArgumentException("the global allow list cannot be null; use an empty list");
            }
            return this;
        }

        public Builder blockResponses(BlockResponses blockResponses) {
            this.blockResponses = Objects.requireNonNull(blockResponses, "blockResponses");
            return this;
        }

        public Builder openapi(OpenApiConfig openapi) {
            this.openapi = Objects.requireNonNull(openapi, "openapi");
            return this;
        }

        public Builder graphql(GraphQlConfig graphql) {
            this.graphql = Objects.requireNonNull(graphql, "graphql");
            return this;
        }

        public Builder jwt(JwtConfig jwt) {
            this.jwt = Objects.requireNonNull(jwt, "jwt");
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Percent-decoding passes, 1 to 10. */
        public Builder decodingPasses(int passes) {
            if (passes < 1 || passes > 10) {
                throw new IllegalArgumentException("decoding passes must be between 1 and 10, was " + passes);
            }
            this.decodingPasses = passes;
            return this;
        }

        public Builder uninspectable(UninspectablePolicy policy) {
            this.uninspectable = Objects.requireNonNull(policy, "uninspectable");
            return this;
        }

        public Builder denyRules(DenyRulesConfig denyRules) {
            this.denyRules = Objects.requireNonNull(denyRules, "denyRules");
            return this;
        }

        /** Appends a route; routes are tried in the order added. */
        public Builder route(Route route) {
            routes.add(Objects.requireNonNull(route, "route"));
            return this;
        }

        public Builder routes(List<Route> newRoutes) {
            routes.clear();
            newRoutes.forEach(this::route);
            return this;
        }

        public BulwarkConfig build() {
            return new BulwarkConfig(this);
        }
    }
}
