package dev.bulwark.core.internal.code.node;

import static org.assertj.core.api.Assertions.assertThat;
import dev.bulwark.core.Component;
import dev.bulwark.core.Level;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Scans;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeInjectionDetectorTest {

    private final NodeInjectionDetector detector = new NodeInjectionDetector();

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void detectsNodeSerializeFunctionMarker() {
        assertThat(Scans.json(detector, "_$$ND_FUNC$$_function(){return 1}()")).contains("CODE-NODE-DESERIALIZATION");
    }

    @Test
    void detectsEscapedNodeSerializeFunctionMarker() {
        assertThat(Scans.value(detector, "_$$\\u004eD_FUNC$$_function(){}")).contains("CODE-NODE-DESERIALIZATION");
    }

    @Test
    void detectsBase64EncodedNodeSerializeMarker() {
        assertThat(Scans.value(detector, base64("{\"x\":\"_$$ND_FUNC$$_function(){}()\"}")))
                .contains("CODE-NODE-DESERIALIZATION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"require('child_process').exec('id')", "require ( \"child_process\" )",
        "x=require(`child_process`)"})
    void detectsChildProcessRequire(String value) {
        assertThat(Scans.value(detector, value, Level.BASIC)).contains("CODE-NODE-CHILD-PROCESS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"process.mainModule.require('fs')", "process.binding('spawn_sync')", "process.env",
        "process[\"env\"]", "require.main.constructor._load('fs')", "module.exports={}", "global.process.exit(1)",
        "require('fs').readFileSync('/etc/passwd')"})
    void detectsNodeInternals(String value) {
        assertThat(Scans.value(detector, value)).contains("CODE-NODE-INTERNALS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"process.env is how Node reads settings", "the process. Then we left",
        "a business process (BPMN)", "this module exports nothing", "require a signature"})
    void ignoresProseAboutNode(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"this.constructor.constructor('return process')()", "[].constructor['constructor']('x')",
        "new Function('return 1')()", "eval(atob('YWxlcnQoMSk='))", "eval(String.fromCharCode(97))",
        "setTimeout('x()', 1)"})
    void detectsDynamicJavaScriptCode(String value) {
        assertThat(Scans.value(detector, value)).contains("CODE-JS-DYNAMIC-CODE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"function() {", "function (a, b) { return a }", "console.log(1)", "console.log(7 * 7)",
        "console.log(0x41)", "console['info'](2)", "console.info.call(this, 1)"})
    void detectsAnonymousFunctionLiteralOrProbingConsoleCall(String value) {
        assertThat(Scans.value(detector, value)).contains("CODE-JS-FUNCTION-LITERAL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(function x(){return 1})()", "!function x(){return 1}()", "setTimeout(function x(){go()},1)",
        "a = function x() { go() }", "[function x(){}]", "{k: function x(){}}", "return function x(){}",
        "void function x(){go()}()", "+function x(){go()}()"})
    void detectsNamedFunctionInExpressionPosition(String value) {
        assertThat(Scans.value(detector, value)).contains("CODE-JS-FUNCTION-LITERAL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"console.log(1,2)", "console.log(1, 2)", "console.info(7*7, 0x41)"})
    void detectsProbingConsoleCallWithSeveralNumbers(String value) {
        assertThat(Scans.value(detector, value)).contains("CODE-JS-FUNCTION-LITERAL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"function greet(name) { return \"Hi \" + name; }", "function noop() {}",
        "console.log(\"hello\")", "console.log(user.name)", "console.error(\"Failed\", err)", "console.log()",
        "console.log(items.length + 1)"})
    void ignoresNamedFunctionDeclarationOrConsoleCallThatLogsAMessage(String value) {
        assertThat(Scans.value(detector, value)).doesNotContain("CODE-JS-FUNCTION-LITERAL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"while(true);", "while (1) {}", "while(!0)", "while(!!{});", "for(;;);", "do{}while(true)",
        "while((Infinity))"})
    void detectsConstantLoop(String value) {
        assertThat(Scans.value(detector, value)).contains("CODE-INFINITE-LOOP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"while (waiting) we read", "for (int i = 0; i < 10; i++) sum += i;",
        "I worked while (1) child slept", "for (a while)"})
    void ignoresLoopsWithRealConditionsAndProse(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"__proto__[admin]", "__proto__.isAdmin", "constructor.prototype.polluted",
        "constructor[prototype][x]", "a[constructor][prototype][onerror]", "__pro\\u0074o__.x"})
    void detectsPrototypePollutionInName(String name) {
        assertThat(Scans.name(detector, name)).contains("CODE-PROTOTYPE-POLLUTION");
    }

    @Test
    void detectsPrototypeKeyNestedUnderConstructorInJson() {
        assertThat(Scans.at(Level.BASIC, detector,
                new ScanTarget("prototype", Source.JSON, Component.NAME, "/constructor/prototype"))).contains("CODE-PROTOTYPE-POLLUTION");
    }

    @Test
    void detectsWriteToObjectPrototype() {
        assertThat(Scans.value(detector, "Object.prototype.isAdmin = true")).contains("CODE-PROTOTYPE-REFERENCE");
    }

    @Test
    void ignoresReadOfObjectPrototypeInProse() {
        assertThat(Scans.value(detector, "Object.prototype.toString is handy")).isEmpty();
    }

    @Test
    void detectsPrototypeKeyInJsonText() {
        assertThat(Scans.value(detector, "{\"__proto__\":{\"isAdmin\":true}}")).contains("CODE-PROTOTYPE-REFERENCE");
    }

    @Test
    void detectsFlightReferenceToConstructor() {
        assertThat(Scans.value(detector, "{\"then\":\"$1:constructor:constructor\"}")).contains("CODE-JS-DYNAMIC-CODE");
    }

    @Test
    void detectsFlightReferenceToPrototype() {
        assertThat(Scans.value(detector, "{\"x\":\"$3:Module:prototype:_compile\"}")).contains("CODE-PROTOTYPE-REFERENCE");
    }

    @Test
    void ignoresConstructorInProse() {
        assertThat(Scans.value(detector, "Use the constructor to build the prototype")).isEmpty();
    }
}
