package dev.bulwark.core.internal.engine;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Client;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HeaderChanges;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Mode;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Violation;
import dev.bulwark.core.config.Route;
import dev.bulwark.core.config.RoutingPath;
import dev.bulwark.core.internal.decode.SuspiciousPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The engine's {@link Inspection} of one request. */
public final class RequestInspection implements Inspection {

    private final HttpRequest request;
    private final List<RequestValue> values;
    private final List<RequestValue> readOnlyValues;
    private final List<Finding> findings = new ArrayList<>(2);
    /**
     * Attributes as names and values in turn: checks publish a handful (client address, token
     * claims), so a scan finds one sooner than a hash map is built, and the decision's immutable
     * map is made from them directly.
     */
    private Object[] attributes;
    private int attributeCount;
    private Set<String> removedHeaders;
    private Map<String, String> setHeaders;
    private Map<String, String> responseHeaders;
    private List<Violation> violations;
    private RequestValue pathValue;
    /** Given by the parser, or built from the raw path when a condition asks before the request was parsed. */
    private RoutingPath routingPath;
    private SuspiciousPath suspiciousPath;
    private Client client;
    private String method;
    private Route route;
    private Mode mode;
    private boolean blocked;

    RequestInspection(HttpRequest request, List<RequestValue> values, Mode mode) {
        this.request = request;
        this.values = values;
        this.readOnlyValues = Collections.unmodifiableList(values);
        this.mode = mode;
        this.client = Client.direct(request);
        this.method = request.method();
    }

    /** The list the parser fills; checks only see it read-only through {@link #values()}. */
    List<RequestValue> mutableValues() {
        return values;
    }

    void path(RequestValue value, RoutingPath routed, SuspiciousPath suspicious) {
        this.pathValue = value;
        this.routingPath = routed;
        this.suspiciousPath = suspicious;
    }

    /** The first sequence in the path that a container should reject, or {@code null}. */
    SuspiciousPath suspiciousPath() {
        return suspiciousPath;
    }

    /** Sets the resolved client that conditions, the policy checks and logs use. */
    void client(Client resolved) {
        this.client = resolved;
    }

    /** Sets the method policies judge: the override a {@code POST} asks for, when overrides are allowed. */
    void method(String effectiveMethod) {
        this.method = effectiveMethod;
    }

    void route(Route matched, Mode effectiveMode) {
        this.route = matched;
        this.mode = effectiveMode;
    }

    @Override
    public HttpRequest request() {
        return request;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String normalizedPath() {
        // Until the parser gives it, the routing path, if asked for, is the raw path's.
        return routingPath == null ? request.rawPath() : routingPath.exact();
    }

    @Override
    public RoutingPath routingPath() {
        if (routingPath == null) {
            routingPath = RoutingPath.of(normalizedPath());
        }
        return routingPath;
    }

    @Override
    public RequestValue pathValue() {
        return pathValue;
    }

    @Override
    public List<RequestValue> values() {
        return readOnlyValues;
    }

    @Override
    public Client client() {
        return client;
    }

    @Override
    public Route route() {
        return route;
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public void report(Finding finding) {
        // An internal failure blocks in every mode: a request that could not be inspected is never passed.
        Finding effective = mode == Mode.LOG_ONLY && finding.blockType() != BlockType.INTERNAL
                ? finding.withMode(Mode.LOG_ONLY) : finding;
        findings.add(effective);
        if (effective.blocks()) {
            blocked = true;
        }
    }

    @Override
    public boolean blocked() {
        return blocked;
    }

    @Override
    public void attribute(String name, Object value) {
        for (int i = 0; i < attributeCount; i++) {
            if (Objects.equals(attributes[2 * i], name)) {
                attributes[2 * i + 1] = value;
                return;
            }
        }
        if (attributes == null) {
            attributes = new Object[8];
        } else if (attributes.length == 2 * attributeCount) {
            attributes = Arrays.copyOf(attributes, 2 * attributes.length);
        }
        attributes[2 * attributeCount] = name;
        attributes[2 * attributeCount + 1] = value;
        attributeCount++;
    }

    @Override
    public void setRequestHeader(String name, String value) {
        if (setHeaders == null) {
            setHeaders = new LinkedHashMap<>();
        }
        setHeaders.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        setHeaders.put(name, value);
    }

    @Override
    public void removeRequestHeader(String name) {
        if (removedHeaders == null) {
            removedHeaders = new LinkedHashSet<>();
        }
        removedHeaders.add(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public void responseHeader(String name, String value) {
        if (responseHeaders == null) {
            responseHeaders = new LinkedHashMap<>();
        }
        responseHeaders.put(name, value);
    }

    @Override
    public void violation(Violation violation) {
        if (violations == null) {
            violations = new ArrayList<>();
        }
        violations.add(violation);
    }

    List<Violation> violations() {
        return violations == null ? List.of() : violations;
    }

    HeaderChanges headerChanges() {
        if (removedHeaders == null && setHeaders == null && responseHeaders == null) {
            return HeaderChanges.NONE;
        }
        return new HeaderChanges(removedHeaders == null ? Set.of() : removedHeaders,
                setHeaders == null ? Map.of() : setHeaders, responseHeaders == null ? Map.of() : responseHeaders);
    }

    List<Finding> findings() {
        return findings;
    }

    /** A value a check published with {@link #attribute(String, Object)}; {@code null} when none did. */
    Object attribute(String name) {
        for (int i = 0; i < attributeCount; i++) {
            if (Objects.equals(attributes[2 * i], name)) {
                return attributes[2 * i + 1];
            }
        }
        return null;
    }

    /** The attributes as an immutable map; rejects a {@code null} name or value as {@link Map#copyOf} does. */
    @SuppressWarnings("unchecked")
    Map<String, Object> attributes() {
        if (attributeCount == 0) {
            return Map.of();
        }
        if (attributeCount == 2) {
            // The client's address and scheme, which every request has: no entries to build.
            return Map.of((String) attributes[0], attributes[1], (String) attributes[2], attributes[3]);
        }
        Map.Entry<String, Object>[] entries = new Map.Entry[attributeCount];
        for (int i = 0; i < attributeCount; i++) {
            entries[i] = Map.entry((String) attributes[2 * i], attributes[2 * i + 1]);
        }
        return Map.ofEntries(entries);
    }
}
