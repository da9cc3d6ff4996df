package dev.bulwark.core.internal.openapi;

import com.atlassian.oai.validator.schema.SwaggerV20Library;
import com.github.fge.jsonschema.cfg.ValidationConfiguration;
import com.github.fge.jsonschema.core.exceptions.ProcessingException;
import com.github.fge.jsonschema.core.processing.Processor;
import com.github.fge.jsonschema.core.report.ListReportProvider;
import com.github.fge.jsonschema.core.report.LogLevel;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.keyword.validator.AbstractKeywordValidator;
import com.github.fge.jsonschema.library.Keyword;
import com.github.fge.jsonschema.library.Library;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import com.github.fge.jsonschema.processors.data.FullData;
import com.github.fge.msgsimple.bundle.MessageBundle;
import com.github.fge.msgsimple.load.MessageBundles;
import com.github.fge.msgsimple.source.MessageSource;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * The validator's JSON Schema engine (java-json-tools, as {@link SwaggerV20Library#schemaFactory()}
 * builds it by default) without two costs it paid on every request; what it accepts and reports
 * does not change.
 *
 * <p>The {@code pattern} keyword: the stock one calls {@code new RegExp(pattern).test(value)} in
 * Rhino for every string it checks, so each value paid for parsing and compiling its expression.
 * Here each distinct pattern is compiled once, by the same Rhino {@code RegExp} (ECMA-262), and
 * only {@code test} runs per value. Patterns come from the spec alone, never from requests, so the
 * cache is bounded by the spec. A {@code RegExp} without the global flag (JSON Schema patterns have
 * no flags) keeps no state between matches, so threads share it; each matches in its own context.
 *
 * <p>Messages: every validation looks up a message ({@code err.common.validationLoop}) through
 * msg-simple's loading providers, which check for reloads and walk the locale chain each time.
 * Here each locale's answer for each key is kept after the first lookup; the keys are the library's
 * own (a few dozen) and the files they come from do not change while the service runs.
 */
final class SchemaEngine {

    private static final String KEYWORD = "pattern";

    /** Standard objects only, sealed: nothing a match does can change them. */
    private static final Scriptable SCOPE;
    private static final Function REG_EXP;

    static {
        Context context = Context.enter();
        try {
            ScriptableObject scope = context.initStandardObjects(null, true);
            SCOPE = scope;
            REG_EXP = (Function) ScriptableObject.getProperty(scope, "RegExp");
        } finally {
            Context.exit();
        }
    }

    private static final Map<String, CompiledPattern> COMPILED = new ConcurrentHashMap<>();

    private SchemaEngine() {
    }

    /** {@link SwaggerV20Library#schemaFactory()}: errors reported, fatal ones thrown. */
    static JsonSchemaFactory schemaFactory() {
        Library stock = SwaggerV20Library.get();
        Keyword pattern = Keyword.newBuilder(KEYWORD)
                .withSyntaxChecker(stock.getSyntaxCheckers().entries().get(KEYWORD))
                .withDigester(stock.getDigesters().entries().get(KEYWORD))
                .withValidatorFactory(digest -> new PatternValidator())
                .freeze();
        Library library = stock.thaw().addKeyword(pattern).freeze();
        ValidationConfiguration configuration = ValidationConfiguration.newBuilder()
                .setDefaultLibrary(SwaggerV20Library.OAI_V2_METASCHEMA_URI, library)
                .setSyntaxMessages(remembered(MessageBundles.getBundle(SwaggerV20Library.SyntaxBundle.class)))
                .setValidationMessages(remembered(MessageBundles.getBundle(SwaggerV20Library.ValidationBundle.class)))
                .freeze();
        return JsonSchemaFactory.newBuilder()
                .setValidationConfiguration(configuration)
                .setReportProvider(new ListReportProvider(LogLevel.ERROR, LogLevel.FATAL))
                .freeze();
    }

    /**
     * {@code bundle} with each answer kept: asked for a key in a locale, it answers what
     * {@code bundle} answered the first time (its message for the nearest locale that has one, or
     * the key itself).
     */
    static MessageBundle remembered(MessageBundle bundle) {
        Map<Locale, MessageSource> byLocale = new ConcurrentHashMap<>();
        return MessageBundle.newBuilder()
                .appendProvider(locale -> byLocale.computeIfAbsent(locale, asked -> {
                    Map<String, String> messages = new ConcurrentHashMap<>();
                    return key -> messages.computeIfAbsent(key, missing -> bundle.getMessage(asked, missing));
                }))
                .freeze();
    }

    /** Whether {@code value} matches {@code pattern} as ECMA-262's {@code RegExp.prototype.test}. */
    static boolean matches(String pattern, String value) {
        return COMPILED.computeIfAbsent(pattern, CompiledPattern::compile).test(value);
    }

    private record CompiledPattern(Scriptable regExp, Function test) {

        static CompiledPattern compile(String pattern) {
            Context context = Context.enter();
            try {
                Scriptable regExp = REG_EXP.construct(context, SCOPE, new Object[] {pattern});
                return new CompiledPattern(regExp, (Function) ScriptableObject.getProperty(regExp, "test"));
            } finally {
                Context.exit();
            }
        }

        boolean test(String value) {
            Context context = Context.enter();
            try {
                return Boolean.TRUE.equals(test.call(context, SCOPE, regExp, new Object[] {value}));
            } finally {
                Context.exit();
            }
        }
    }

    /** The stock keyword's checks and message, matched with the compiled expression. */
    private static final class PatternValidator extends AbstractKeywordValidator {

        PatternValidator() {
            super(KEYWORD);
        }

        @Override
        public void validate(Processor<FullData, FullData> processor, ProcessingReport report,
                MessageBundle bundle, FullData data) throws ProcessingException {
            String regex = data.getSchema().getNode().get(keyword).textValue();
            String value = data.getInstance().getNode().textValue();
            if (!matches(regex, value)) {
                report.error(newMsg(data, bundle, "err.common.pattern.noMatch")
                        .putArgument("regex", regex)
                        .putArgument("string", value));
            }
        }

        @Override
        public String toString() {
            return keyword;
        }
    }
}
