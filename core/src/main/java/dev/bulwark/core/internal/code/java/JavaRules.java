package dev.bulwark.core.internal.code.java;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/** The rules of the Java family (key {@code JAVA}), in the order {@link JavaAttackDetector} collects them. */
final class JavaRules {

    static final String KEY = "JAVA";

    static final RuleDefinition JNDI_LOOKUP = rule("JAVA-JNDI-LOOKUP", Level.BASIC,
            "Log4j lookup that resolves to a JNDI lookup (Log4Shell), nested-lookup evasions included",
            "https://nvd.nist.gov/vuln/detail/CVE-2021-44228");
    static final RuleDefinition LOG4J_LOOKUP = rule("JAVA-LOG4J-LOOKUP", Level.STANDARD,
            "Log4j lookup (env, sys, lower, ::- default, ...) used to exfiltrate secrets or hide a JNDI lookup",
            cwe(917));
    static final RuleDefinition CLASSLOADER_ACCESS = rule("JAVA-CLASSLOADER-ACCESS", Level.BASIC,
            "Bound property path class.classLoader or class.module.classLoader (Spring4Shell, Struts)", cwe(915));
    static final RuleDefinition CLASSLOADER_PATH = rule("JAVA-CLASSLOADER-PATH", Level.STANDARD,
            "Property path through classLoader or protectionDomain", cwe(915));
    static final RuleDefinition SERIALIZED_OBJECT = rule("JAVA-SERIALIZED-OBJECT", Level.BASIC,
            "Value starts with a Java serialization stream (AC ED 00 05), raw, hex or base64", cwe(502));
    static final RuleDefinition SERIALIZED_EMBEDDED = rule("JAVA-SERIALIZED-EMBEDDED", Level.STANDARD,
            "Java serialization stream header inside a value, raw, hex or base64", cwe(502));
    static final RuleDefinition GZIP_BASE64 = rule("JAVA-GZIP-BASE64", Level.STRICT,
            "Value starts with base64 of gzip data, a common wrapper of serialized objects", cwe(502));
    static final RuleDefinition RUNTIME_EXEC = rule("JAVA-RUNTIME-EXEC", Level.BASIC,
            "Call of Runtime.getRuntime() or ProcessBuilder(...): operating-system commands from Java code", cwe(94));
    static final RuleDefinition REFLECTION_CALL = rule("JAVA-REFLECTION-CALL", Level.STANDARD,
            "Reflective or script-engine call on a receiver (forName, getMethod, newInstance, getEngineByName, ...)",
            cwe(470));
    static final RuleDefinition GADGET_CLASS = rule("JAVA-GADGET-CLASS", Level.STANDARD,
            "Name of a deserialization gadget class (commons-collections functors, TemplatesImpl, JdbcRowSetImpl, ...)",
            cwe(502));
    static final RuleDefinition DANGEROUS_CLASS = rule("JAVA-DANGEROUS-CLASS", Level.STANDARD,
            "Qualified name of a class that runs commands, evaluates scripts, loads code or looks up JNDI", cwe(470));
    static final RuleDefinition CLASS_NAME_VALUE = rule("JAVA-CLASS-NAME-VALUE", Level.STANDARD,
            "Whole value is a class or package name of a sensitive JDK package or gadget library (a type hint)",
            cwe(502));
    static final RuleDefinition OGNL_EXPRESSION = rule("JAVA-OGNL-EXPRESSION", Level.STANDARD,
            "OGNL expression: %{...}, (#var=...), #context, @class@member static access", cwe(917));
    static final RuleDefinition OGNL_SANDBOX_BYPASS = rule("JAVA-OGNL-SANDBOX-BYPASS", Level.BASIC,
            "OGNL _memberAccess / DEFAULT_MEMBER_ACCESS, or a static call into a command-running class", cwe(917));
    static final RuleDefinition XML_OBJECT_GRAPH = rule("JAVA-XML-OBJECT-GRAPH", Level.STANDARD,
            "XMLDecoder or XStream object graph (<java class=...>, <void method=...>, <dynamic-proxy>)", cwe(502));
    static final RuleDefinition ENCODED_KEYWORD = rule("JAVA-ENCODED-KEYWORD", Level.STANDARD,
            "Base64 that decodes to a command-running class or gadget name", cwe(502));
    static final RuleDefinition JSP_UPLOAD = rule("JAVA-JSP-UPLOAD", Level.STANDARD,
            "Uploaded file name with a JSP extension (web shell)", cwe(434));

    static final List<RuleDefinition> ALL = List.of(JNDI_LOOKUP, LOG4J_LOOKUP,
            CLASSLOADER_ACCESS, CLASSLOADER_PATH, SERIALIZED_OBJECT, SERIALIZED_EMBEDDED, GZIP_BASE64,
            RUNTIME_EXEC, REFLECTION_CALL, GADGET_CLASS, DANGEROUS_CLASS, CLASS_NAME_VALUE,
            OGNL_EXPRESSION, OGNL_SANDBOX_BYPASS, XML_OBJECT_GRAPH, ENCODED_KEYWORD, JSP_UPLOAD);

    private JavaRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
