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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * The validator's JSON Schema engine with the {@code pattern} keyword matched by an expression
 * compiled once per pattern instead of once per match.
 *
 * <p>The stock keyword calls {@code new RegExp(pattern).test(value)} in Rhino for every string it
 * checks, so each validated value pays for parsing and compiling its expression; in a 1 KiB order
 * with eight items that was most of the validation's cost. Here each distinct pattern of the spec
 * is compiled once, by the same Rhino {@code RegExp} (ECMA-262, as the stock keyword), and only
 * {@code test} runs per value, so what matches does not change. Patterns come from the spec alone,
 * never from requests, so the cache is bounded by the spec. A {@code RegExp} without the global
 * flag (JSON Schema patterns have no flags) keeps no state between matches, so threads share it;
 * each thread matches in its own Rhino context. Everything else is {@link SwaggerV20Library}'s
 * factory as the validator builds it by default.
 */
final class CompiledPatterns {

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

    private CompiledPatterns() {
    }

    /**
     * The factory of {@link SwaggerV20Library#schemaFactory()} (errors reported, fatal ones thrown)
     * with the compiled {@code pattern} keyword.
     */
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
                .setSyntaxMessages(MessageBundles.getBundle(SwaggerV20Library.SyntaxBundle.class))
                .setValidationMessages(MessageBundles.getBundle(SwaggerV20Library.ValidationBundle.class))
                .freeze();
        return JsonSchemaFactory.newBuilder()
                .setValidationConfiguration(configuration)
                .setReportProvider(new ListReportProvider(LogLevel.ERROR, LogLevel.FATAL))
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
