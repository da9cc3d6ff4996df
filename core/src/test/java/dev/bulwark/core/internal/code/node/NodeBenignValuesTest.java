package dev.bulwark.core.internal.code.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.rules.BenignValues;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JavaScript shown in developer forms: named function declarations and console calls that log a message or a variable: each must pass the engine at its default level in a query, a form, a JSON body
 * and a header. Their attack look-alikes stay blocked in a query: anonymous function literals, console calls that probe with a constant or are reached indirectly (CODE).
 *
 * <p>The benign values are in {@code code/node/javascript-snippets.tsv} (see {@link BenignValues}).
 */
class NodeBenignValuesTest {

    static List<Arguments> benignValues() {
        return BenignValues.read("/code/node/javascript-snippets.tsv");
    }

    static List<String> attacks() {
        return List.of(
            "function() {",
            "function(){ return 1 }",
            "(function(){ x() })()",
            "function (a) { return a }",
            "x=function(){}",
            "!function(){}()",
            "[].map(function(x){return x})",
            "console.info(1)",
            "console.log(1)",
            "console.log(7*7)",
            "console.log( 42 )",
            "console.error(0)",
            "c\\u006fnsole.info(1)",
            "console[\"info\"](1)",
            "console['log'](2)",
            "console.info.call(this,1)",
            "console.log.apply(null,[1])",
            "console.log.bind(console)(1)",
            "function ( ) { }",
            "setTimeout(function(){ x() }, 1)",
            "console.log(0x41)",
            "console.log(1e3)",
            "console.log(-1)",
            "console.log((1))",
            "console.warn(1337)",
            "(function x(){ go() })()",
            "!function x(){ go() }()",
            "setTimeout(function x(){ go() },1)",
            "console.log(1,2)");
    }

    @Test
    void holdsThirtyBenignValuesAndTwentyAttacks() {
        assertThat(benignValues()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(attacks()).hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("benignValues")
    void allowsJavaScriptSnippetInEverySource(String kind, String value) {
        assertThat(BenignValues.blockingRules(value)).as(value).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void keepsFunctionLiteralOrConsoleProbeBlocked(String value) {
        assertThat(BenignValues.blockingRulesInQuery(value)).as(value).isNotEmpty();
    }
}
