package dev.bulwark.core.internal.code.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Component;
import dev.bulwark.core.Level;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Scans;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

class CodeInjectionDetectorTest {

    private final CodeInjectionDetector detector = new CodeInjectionDetector();

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
    @ValueSource(strings = {"function() {", "function x(a, b) { return a }", "console.log(1)", "console['info'](2)"})
    void detectsJavaScriptFunctionLiteralOrConsoleCall(String value) {
        assertThat(Scans.value(detector, value)).contains("CODE-JS-FUNCTION-LITERAL");
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

    @ParameterizedTest
    @ValueSource(strings = {"__import__('os').system('id')", "os.system('id')", "os.popen('id').read()",
        "subprocess.check_output(['id'])", "x;import os;os.execv('/bin/sh', [])"})
    void detectsPythonCommandExecution(String value) {
        assertThat(Scans.value(detector, value)).contains("CODE-PYTHON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"().__class__.__bases__[0].__subclasses__()", "x.__globals__['os']",
        "request.__init__.__globals__"})
    void detectsPythonObjectGraphTraversal(String value) {
        assertThat(Scans.value(detector, value)).contains("CODE-PYTHON-INTROSPECTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"the __init__ method", "Python's os module", "use os.path to join", "__main__"})
    void ignoresPythonTermsInProse(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @Test
    void detectsProtocolZeroPickle() {
        assertThat(Scans.value(detector, "cos\nsystem\n(S'id'\ntR.")).contains("CODE-SERIALIZED-OBJECT");
    }

    @Test
    void ignoresMultiLineTextThatStartsLikeAPickle() {
        assertThat(Scans.value(detector, "sin\ncos\ntan\nsystem\n")).isEmpty();
    }

    @Test
    void detectsBase64Pickle() {
        byte[] pickle = "\u0080\u0004\u0095\u001e\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u008c\u0005posix\u0094\u008c\u0006system\u0094\u0093\u0094\u008c\u0002id\u0094\u0085\u0094R\u0094."
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Scans.value(detector, Base64.getEncoder().encodeToString(pickle))).contains("CODE-SERIALIZED-OBJECT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!python/object/apply:os.system [\"id\"]", "--- !ruby/object:Gem::Installer\ni: x",
        "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://h/\"]]]]"})
    void detectsYamlObjectTag(String value) {
        assertThat(Scans.value(detector, value)).contains("CODE-SERIALIZED-OBJECT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Kernel.exec('id')", "Kernel.system \"id\"", "IO.popen('id').read", "%x(id)",
        "Open3.capture2('id')", "Process.spawn(\"id\")", "Marshal.load(x)", "obj.instance_eval('1')",
        "x.send(:system, 'id')", "send(:eval, 'x')"})
    void detectsRubyCommandExecution(String value) {
        assertThat(Scans.value(detector, value)).contains("CODE-RUBY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@{[system 'id']}", "@{ [ uc 'x' ] }", "qx{id}", "open(FH, \"|cat /etc/passwd\")",
        "open F, 'ls |'"})
    void detectsPerlCode(String value) {
        assertThat(Scans.value(detector, value)).contains("CODE-PERL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@{user} mentioned you", "open the door, 'now'", "IO error", "the Kernel panicked",
        "Process.spawn is a method name"})
    void ignoresLookalikesOfRubyAndPerl(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"data:text/plain;base64,SGVsbG8=", "data:text/html,<b>x</b>", "data:application/x-php,1"})
    void detectsDocumentDataUri(String value) {
        assertThat(Scans.value(detector, value)).contains("CODE-DATA-URI");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data:image/png;base64,iVBORw0KGgo=", "data:audio/mpeg;base64,SUQz", "data: 5 items"})
    void ignoresMediaDataUri(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"password__startswith", "user__password__regex", "created_by__dept__staff__user__email__startswith",
        "name__iregex"})
    void detectsOrmLeakLookup(String name) {
        assertThat(Scans.name(detector, name)).contains("CODE-ORM-LOOKUP");
    }

    @Test
    void reportsOrdinaryOrmFilterOnlyAtStrictLevel() {
        assertThat(Scans.name(detector, "price__gte")).isEmpty();
        assertThat(Scans.at(Level.STRICT, detector,
                new ScanTarget("price__gte", Source.QUERY, Component.NAME, "price__gte")))
                .contains("CODE-ORM-LOOKUP-ANY");
    }

    @ParameterizedTest
    @FieldSource("dev.bulwark.core.internal.rules.Scans#ORDINARY_VALUES")
    void ignoresOrdinaryValue(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"((((", "while(", "constructor.", "__proto__", "@{[", "a.b(", "$1:", "function(",
        "require(", "\\u0041", "%x(", "qx{"})
    void finishesQuicklyOnOneMebibyteOfRepetition(String unit) {
        String value = Scans.mebibyteOf(unit);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Scans.value(detector, value, Level.STRICT));
    }

    @Test
    void finishesQuicklyOnOneMebibyteOfBase64Text() {
        String value = base64(Scans.mebibyteOf("while(true);"));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Scans.value(detector, value, Level.STRICT));
    }

    @Test
    void listsEveryRuleItReports() {
        assertThat(detector.rules()).extracting(r -> r.key()).containsOnly("CODE");
        assertThat(detector.rules()).extracting(r -> r.id()).doesNotHaveDuplicates();
    }
}
