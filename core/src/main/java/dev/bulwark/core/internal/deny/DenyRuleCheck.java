package dev.bulwark.core.internal.deny;

import dev.bulwark.core.BlockType;
import dev.bulwark.core.Check;
import dev.bulwark.core.Finding;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Inspection;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.Mode;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.config.CustomRule;
import dev.bulwark.core.config.DenyRuleException;
import dev.bulwark.core.config.DenyRulesConfig;
import dev.bulwark.core.config.RequestCondition;
import dev.bulwark.core.config.Route;
import dev.bulwark.core.config.RuleOverride;
import dev.bulwark.core.internal.parse.BasicCredentials;
import dev.bulwark.core.internal.rules.DetectionSink;
import dev.bulwark.core.internal.rules.Detector;
import dev.bulwark.core.internal.rules.Excerpts;
import dev.bulwark.core.internal.rules.RequestDetector;
import dev.bulwark.core.internal.rules.RequestSink;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.ScanTarget;
import java.util.List;

/**
 * Runs the built-in deny rules and the custom rules over every inspected value, applying levels,
 * overrides, exceptions and log-only settings.
 *
 * <p>Order per value: each detector scans the decoded value; a reported rule counts when the
 * effective level (first matching override, else the route's, else the global level) enables it
 * and no exception covers it. The first counted rule of a detector on a value becomes a finding;
 * inspection stops at the first finding that blocks.
 * On the password of Basic credentials only BASIC rules count ({@link BasicCredentials}).
 *
 * <p>Path conditions that relax protection (exceptions, overrides that lower a level or log only)
 * match the routed path exactly; those that add protection (custom rules, overrides that raise
 * the level) match any of its spellings, see {@link RequestCondition}.
 *
 * <p>Values on which no detector reported anything, and that recur, are remembered
 * ({@link CleanValueCache}: header and cookie values in one, short values from elsewhere in another)
 * and not scanned again in later requests.
 */
public final class DenyRuleCheck implements Check {

    private final DenyRulesConfig config;
    private final List<Detector> detectors;
    private final List<RequestDetector> requestDetectors;
    private final Level lowestRuleLevel;
    private final CleanValueCache cleanHeaderValues = new CleanValueCache(CLEAN_HEADER_SLOTS);
    private final CleanValueCache cleanOtherValues = new CleanValueCache(CLEAN_OTHER_SLOTS);

    /**
     * Slots of the clean-value cache for header and cookie values: room for the recurring header
     * values of many clients. At most 1,280 values are kept (the slots, and the 256 of the table
     * of last values a racing thread can leave behind), each of at most 2,048 characters at a name of
     * at most 256: 2.8 Mi characters, 5.6 MiB at two bytes a character.
     */
    private static final int CLEAN_HEADER_SLOTS = 1024;
    /**
     * Slots of the clean-value cache for short values from elsewhere (paths, queries, bodies): a
     * cache of their own, so that a document of many records neither pushes out the header values
     * nor outgrows a shared one. At most 4,352 values of at most 64 characters at names of at most
     * 256 (the slots and the table of last values): 1.3 Mi characters, 2.7 MiB at two bytes a
     * character.
     */
    private static final int CLEAN_OTHER_SLOTS = 4096;

    public DenyRuleCheck(DenyRulesConfig config, List<Detector> detectors, List<RequestDetector> requestDetectors) {
        this.config = config;
        this.detectors = List.copyOf(detectors);
        this.requestDetectors = List.copyOf(requestDetectors);
        this.lowestRuleLevel = Level.BASIC;
    }

    @Override
    public String name() {
        return "deny-rules";
    }

    @Override
    public void inspect(Inspection inspection) {
        Route route = inspection.route();
        Level level = route != null && route.denyRulesLevel() != null ? route.denyRulesLevel() : config.level();
        boolean anyOverride = !config.overrides().isEmpty();
        if (!anyOverride && !level.enables(lowestRuleLevel) && config.customRules().isEmpty()) {
            return;
        }
        RequestState state = new RequestState(inspection, level);
        if (anyOverride || level.enables(lowestRuleLevel)) {
            for (RequestDetector detector : requestDetectors) {
                state.beginDetector();
                detector.inspect(inspection.request(), inspection.values(), state.forRequest());
                if (inspection.blocked()) {
                    return;
                }
            }
            List<RequestValue> values = inspection.values();
            for (int i = 0, count = values.size(); i < count; i++) {
                RequestValue value = values.get(i);
                String text = value.decoded();
                if (text.isEmpty()) {
                    continue;
                }
                Location location = value.location();
                boolean cacheable = CleanValueCache.accepts(location, text);
                CleanValueCache cleanValues = location.source() == Source.HEADER || location.source() == Source.COOKIE
                        ? cleanHeaderValues : cleanOtherValues;
                if (cacheable && cleanValues.isLastAt(location, text)) {
                    continue;
                }
                int hash = cacheable ? CleanValueCache.hash(location, text) : 0;
                if (cacheable && cleanValues.isClean(hash, location, text)) {
                    continue;
                }
                ScanTarget target = new ScanTarget(text, location.source(), location.component(), location.name());
                DetectionSink sink = state.sinkFor(location, text);
                for (Detector detector : detectors) {
                    state.beginDetector();
                    detector.scan(target, sink);
                    if (inspection.blocked()) {
                        return;
                    }
                }
                if (cacheable && !state.valueReported) {
                    cleanValues.markClean(hash, location, text);
                }
            }
        }
        for (CustomRule rule : config.customRules()) {
            if (!state.holdsForAnySpelling(rule.when())) {
                continue;
            }
            for (RequestValue value : inspection.values()) {
                if (rule.selector().selects(value.location(), value.decoded())) {
                    Mode mode = rule.mode() != null ? rule.mode() : Mode.BLOCK;
                    state.report(new RuleDefinition(rule.id(), rule.key(), Level.BASIC, rule.description(),
                            "https://owasp.org/www-community/Virtual_Patching_Best_Practices"),
                            value.location(), value.decoded(), 0, value.decoded().length(), mode);
                    break;
                }
            }
            if (inspection.blocked()) {
                return;
            }
        }
    }

    /** Per-request state: condition results are computed once and reused for every value. */
    private final class RequestState implements RequestSink {
        private final Inspection inspection;
        private final Level level;
        private final HttpRequest request;
        private final String mediaType;
        private Location location;
        private String text;
        private boolean detectorReported;
        /** Whether any detector reported anything on the current value, counted or not. */
        private boolean valueReported;

        RequestState(Inspection inspection, Level level) {
            this.inspection = inspection;
            this.level = level;
            this.request = inspection.request();
            this.mediaType = request.mediaType();
        }

        DetectionSink sinkFor(Location newLocation, String newText) {
            this.location = newLocation;
            this.text = newText;
            this.valueReported = false;
            return this;
        }

        /** This state as the sink of a request detector: findings at the request unless reported in a value. */
        RequestState forRequest() {
            sinkFor(Location.REQUEST, "");
            return this;
        }

        @Override
        public void reportIn(RuleDefinition rule, RequestValue value) {
            if (BasicCredentials.isPassword(value.location())) {
                // Located at the request, as a password is not a place to point at (nor skipped as one).
                report(rule, 0, 0);
                return;
            }
            Location requestLocation = location;
            String requestText = text;
            location = value.location();
            text = value.decoded();
            try {
                report(rule, 0, 0);
            } finally {
                location = requestLocation;
                text = requestText;
            }
        }

        void beginDetector() {
            detectorReported = false;
        }

        /** For conditions that relax protection: the path as routed, exactly. */
        boolean holds(RequestCondition condition) {
            return condition.isAlways() || condition.matches(inspection.normalizedPath(), inspection.method(), mediaType,
                    inspection.clientAddress());
        }

        /** For conditions that add protection: any spelling of the routed path. */
        boolean holdsForAnySpelling(RequestCondition condition) {
            return condition.isAlways() || condition.matchesAnySpelling(inspection.routingPath(), inspection.method(),
                    mediaType, inspection.clientAddress());
        }

        /** Whether an override only adds protection: a higher level, still blocking. */
        private boolean raises(RuleOverride override) {
            return override.level() != null && override.level().ordinal() > level.ordinal()
                    && override.mode() != Mode.LOG_ONLY;
        }

        @Override
        public void report(RuleDefinition rule, int offset, int length) {
            valueReported = true;
            if (detectorReported || inspection.blocked()) {
                return;
            }
            if (rule.level() != Level.BASIC && BasicCredentials.isPassword(location)) {
                return;
            }
            Level effectiveLevel = level;
            Mode mode = null;
            for (RuleOverride override : config.overrides()) {
                if (override.coversRule(rule.key(), rule.id()) && override.selector().selects(location, text)
                        && (raises(override) ? holdsForAnySpelling(override.when()) : holds(override.when()))) {
                    if (override.level() != null) {
                        effectiveLevel = override.level();
                    }
                    mode = override.mode();
                    break;
                }
            }
            if (!effectiveLevel.enables(rule.level())) {
                return;
            }
            if (mode == null) {
                mode = config.logOnly().contains(rule.key()) || config.logOnly().contains(rule.id()) ? Mode.LOG_ONLY : Mode.BLOCK;
            }
            report(rule, location, text, offset, length, mode);
        }

        void report(RuleDefinition rule, Location at, String value, int offset, int length, Mode mode) {
            for (DenyRuleException exception : config.exceptions()) {
                if (exception.coversRule(rule.key(), rule.id()) && exception.selector().selects(at, value)
                        && holds(exception.when())) {
                    return;
                }
            }
            detectorReported = true;
            inspection.report(new Finding(rule.key(), rule.id(), rule.description(), at,
                    Excerpts.of(at, value, offset, length), rule.level(), mode, BlockType.DENY, BlockType.DENY.defaultStatus()));
        }
    }
}
