package dev.bulwark.core.internal.parse;

import dev.bulwark.core.Component;
import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it receives and, like the engine's, may stop at a count of values. */
final class CollectingSink implements ValueSink {

    final List<RequestValue> values = new ArrayList<>();
    private final int maxValues;

    CollectingSink() {
        this(Integer.MAX_VALUE);
    }

    CollectingSink(int maxValues) {
        this.maxValues = maxValues;
    }

    @Override
    public void accept(RequestValue value) throws LimitExceededException {
        if (values.size() >= maxValues) {
            throw new LimitExceededException("test.count", value.location(), maxValues, 400);
        }
        values.add(value);
    }

    /** Each value as {@code component name=decoded}, for compact assertions. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (RequestValue value : values) {
            Location location = value.location();
            lines.add(location.component() + " " + location.name() + "=" + value.decoded());
        }
        return lines;
    }

    RequestValue first(Component component, String name) {
        for (RequestValue value : values) {
            if (value.location().component() == component && value.location().name().equals(name)) {
                return value;
            }
        }
        throw new AssertionError("no " + component + " " + name + " in " + lines());
    }

    boolean allFrom(Source source) {
        return values.stream().allMatch(v -> v.location().source() == source);
    }
}
