package dev.bulwark.core.internal.openapi;

import com.atlassian.oai.validator.model.Body;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request as the validator's {@link SimpleRequest} holds it, with its header fields answered
 * from the list they were handed over in instead of the builder's multimap: a {@link SimpleRequest}
 * runs a stream, a collector and a copy on every header read, and the steps read the same few
 * headers ({@code Content-Type}, {@code Accept}, {@code Authorization}) of every request.
 *
 * <p>The answers are the {@link SimpleRequest}'s ({@code ValidatorRequestTest} compares both): its
 * builder files each {@code withHeader(name, values)} under {@code name} in a tree keyed by
 * {@link String#CASE_INSENSITIVE_ORDER}, so the values of a name are those of every field whose name
 * that order finds equal to it, in the order they were handed over, without nulls, in an
 * unmodifiable list. Each read is one pass over the fields, and the steps read a number of
 * headers the spec fixes (media types, security, the operation's header parameters), so the cost
 * stays linear in the fields. The full header map ({@link #getHeaders()}, which no request step reads) is
 * the builder's own, built when asked for. Path, method, query and body are the wrapped
 * {@link SimpleRequest}'s, which was built without headers (its builder reads them only for a body
 * given as a string, which is never given here).
 */
final class ValidatorRequest implements Request {

    private final SimpleRequest withoutHeaders;
    /** Per {@code withHeader} call in order: the name followed by its values. */
    private final Collection<List<String>> fields;
    private final String method;
    private final Body body;

    /**
     * @param method the method as given to the builder of {@code withoutHeaders}, for {@link #getHeaders()}
     * @param fields the header fields, each the name as handed over followed by at least one value
     */
    ValidatorRequest(SimpleRequest withoutHeaders, String method, Collection<List<String>> fields) {
        this(withoutHeaders, method, fields, null);
    }

    /**
     * @param body the bytes {@code withoutHeaders} was built with as its body, read through a
     *     {@link ValidatorBody}; {@code null} for the wrapped request's own body
     */
    ValidatorRequest(SimpleRequest withoutHeaders, String method, Collection<List<String>> fields, byte[] body) {
        this.withoutHeaders = withoutHeaders;
        this.method = method;
        this.fields = fields;
        this.body = body == null ? null : new ValidatorBody(body);
    }

    @Override
    public Collection<String> getHeaderValues(String name) {
        if (name == null) {
            return Collections.emptyList();
        }
        List<String> found = null;
        for (List<String> field : fields) {
            if (String.CASE_INSENSITIVE_ORDER.compare(field.get(0), name) != 0) {
                continue;
            }
            if (found == null) {
                found = new ArrayList<>(field.size() - 1);
            }
            for (int i = 1; i < field.size(); i++) {
                if (field.get(i) != null) {
                    found.add(field.get(i));
                }
            }
        }
        return found == null ? Collections.emptyList() : Collections.unmodifiableList(found);
    }

    @Override
    public Optional<String> getHeaderValue(String name) {
        // Request's own reading, the first of the values, without a stream.
        Collection<String> values = getHeaderValues(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.iterator().next());
    }

    @Override
    public Map<String, Collection<String>> getHeaders() {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(method, withoutHeaders.getPath());
        for (List<String> field : fields) {
            builder.withHeader(field.get(0), field.subList(1, field.size()));
        }
        return builder.build().getHeaders();
    }

    @Override
    public String getPath() {
        return withoutHeaders.getPath();
    }

    @Override
    public Method getMethod() {
        return withoutHeaders.getMethod();
    }

    @Override
    public Optional<String> getBody() {
        return withoutHeaders.getBody();
    }

    @Override
    public Optional<Body> getRequestBody() {
        return body == null ? withoutHeaders.getRequestBody() : Optional.of(body);
    }

    @Override
    public Collection<String> getQueryParameters() {
        return withoutHeaders.getQueryParameters();
    }

    @Override
    public Collection<String> getQueryParameterValues(String name) {
        return withoutHeaders.getQueryParameterValues(name);
    }
}
