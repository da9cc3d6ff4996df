package dev.bulwark.core.internal.deny;

import dev.bulwark.core.Client;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.Violation;
import dev.bulwark.core.config.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * An inspection of given values in blocking mode that records the findings reported to it. The
 * deny-rule check only reads values and reports findings, so header changes are refused.
 */
final class FakeInspection implements Inspection {

    final List<Finding> findings = new ArrayList<>();
    private final HttpRequest request;
    private final List<RequestValue> values;
    private final String path;
    private final Route route;

    FakeInspection(HttpRequest request, List<RequestValue> values, String path, Route route) {
        this.request = request;
        this.values = values;
        this.path = path;
        this.route = route;
    }

    @Override
    public HttpRequest request() {
        return request;
    }

    @Override
    public String normalizedPath() {
        return path;
    }

    @Override
    public RequestValue pathValue() {
        return RequestValue.plain(Location.value(Source.PATH, ""), path);
    }

    @Override
    public List<RequestValue> values() {
        return values;
    }

    @Override
    public Client client() {
        return new Client("127.0.0.1", "127.0.0.1", false, null, false);
    }

    @Override
    public Route route() {
        return route;
    }

    @Override
    public Mode mode() {
        return Mode.BLOCK;
    }

    @Override
    public void report(Finding finding) {
        findings.add(finding);
    }

    @Override
    public boolean blocked() {
        return findings.stream().anyMatch(Finding::blocks);
    }

    @Override
    public void attribute(String name, Object value) {
    }

    @Override
    public void setRequestHeader(String name, String value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeRequestHeader(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void responseHeader(String name, String value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void violation(Violation violation) {
        throw new UnsupportedOperationException();
    }
}
