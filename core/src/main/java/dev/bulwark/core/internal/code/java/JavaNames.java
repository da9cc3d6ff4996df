package dev.bulwark.core.internal.code.java;

import dev.bulwark.core.internal.rules.KeywordSearch;
import dev.bulwark.core.internal.rules.Lexicon;
/**
 * Data tables of Java class, package and method names that matter to attacks on Java
 * applications. Matching is on whole identifier segments, ignoring case.
 */
final class JavaNames {

    /** A deserialization gadget class that is specific enough on its own. */
    static final int GADGET = 1;
    /** A gadget class whose simple name is also a word; needs Java context around it. */
    static final int GADGET_WEAK = 2;
    /** A class that runs commands, evaluates scripts, loads code or looks up JNDI. */
    static final int DANGEROUS = 4;
    /** First segment of a JDK or gadget-library package ({@code java}, {@code javax}, ...). */
    static final int ROOT = 8;
    /** Second segment of a package rooted at {@code com} or {@code org} that is a Java library. */
    static final int ROOT2 = 16;
    /** A property that leads from a bound bean to its class loader. */
    static final int LOADER_HOP = 32;

    /** Segment flags; a segment may carry several. */
    static final Lexicon SEGMENTS = Lexicon.builder()
            .add(GADGET,
                    // Apache Commons Collections functors and friends (ysoserial CommonsCollections*)
                    "InvokerTransformer", "ChainedTransformer", "ConstantTransformer",
                    "InstantiateTransformer", "CloneTransformer", "InstantiateFactory",
                    "PrototypeCloneFactory", "PrototypeSerializationFactory", "LazyMap",
                    "TiedMapEntry", "TransformingComparator", "TransformedMap",
                    // JDK and library gadgets
                    "TemplatesImpl", "JdbcRowSetImpl", "BadAttributeValueExpException",
                    "AnnotationInvocationHandler", "BeanComparator", "MethodClosure",
                    "ConvertedClosure", "ObjectFactoryDelegatingInvocationHandler",
                    "MethodInvokeTypeProvider", "PoolBackedDataSource", "ComboPooledDataSource",
                    "WrapperConnectionPoolDataSource", "RemoteObjectInvocationHandler",
                    "UnicastRef", "JRMPClient", "ysoserial", "MozillaInterpreter",
                    "NativeJavaObject", "XBeanRemoteObject", "ContextualObjectInputStream",
                    "FileSystemXmlApplicationContext", "ClassPathXmlApplicationContext",
                    "JtaTransactionManager", "SimpleJndiBeanFactory", "NashornScriptEngine",
                    "ScriptEngineFactory",
                    // polymorphic-typing gadgets (Jackson, Fastjson) that reach JNDI or load classes
                    "JNDIConnectionSource", "JndiConverter", "JndiRefForwardingDataSource",
                    "JndiDataSourceFactory", "JndiObjectFactory", "JndiObjectFactoryBean", "JndiRealmFactory",
                    "JMXServiceURL", "RMIConnector", "SpringPropertyPathFactory", "BeanFactoryPathFactory",
                    "DriverManagerConnectionSource", "JndiLocatorDelegate")
            .add(GADGET_WEAK, "ForClosure", "WhileClosure", "SwitchClosure", "ChainedClosure")
            .add(DANGEROUS, "Runtime", "ProcessBuilder", "ProcessImpl", "UNIXProcess",
                    "ScriptEngineManager", "InitialContext", "InitialDirContext",
                    "URLClassLoader", "ClassLoader", "MethodUtils", "XMLDecoder", "ELProcessor",
                    "ExpressionFactory", "JShell", "Unsafe", "reflect", "MethodHandles",
                    "ObjectInputStream", "JdbcRowSetImpl", "TemplatesImpl", "DefiningClassLoader",
                    "JavaAdapter", "GroovyShell", "GroovyClassLoader", "Interpreter", "OgnlContext",
                    "OgnlRuntime", "SpelExpressionParser", "JythonRuntime", "ObjectConstructor",
                    "Execute", "XStream", "FileSystemXmlApplicationContext",
                    "ClassPathXmlApplicationContext", "NashornScriptEngine")
            .add(LOADER_HOP, "classLoader", "protectionDomain")
            .add(ROOT, "java", "javax", "jakarta", "jdk", "sun", "ognl", "bsh", "groovy", "weblogic",
                    "freemarker")
            .add(ROOT2, "qos", "sun", "apache", "springframework", "bea", "codehaus", "opensymphony",
                    "omg", "mozilla", "python", "mchange", "jboss", "hibernate", "ibm", "alibaba",
                    "thoughtworks", "caucho", "rometools", "vaadin", "clojure", "fasterxml",
                    "esotericsoftware", "mysql", "h2database")
            .build();

    /**
     * Packages whose names, given as a whole value, are type hints for polymorphic deserialization
     * (Jackson default typing, XStream, Fastjson {@code @type}) rather than data: the JDK's I/O,
     * reflection, naming and scripting packages and the libraries gadget chains come from.
     */
    static final Lexicon SENSITIVE_PACKAGES = Lexicon.of(
            "java.lang", "java.io", "java.nio", "java.net", "java.rmi", "java.beans",
            "java.security", "javax.script", "javax.naming", "javax.management", "javax.el",
            "javax.imageio", "javax.sql", "jdk.nashorn", "jdk.jshell", "jdk.internal", "sun.misc",
            "sun.reflect", "sun.rmi", "sun.print", "com.sun", "com.opensymphony", "com.mchange",
            "com.bea", "org.omg", "org.codehaus", "org.mozilla", "org.python", "ognl", "bsh",
            "groovy.lang", "groovy.util", "org.apache.commons", "org.apache.xalan",
            "org.apache.xbean", "org.apache.bcel", "org.apache.naming", "org.apache.catalina",
            "org.apache.tomcat", "org.apache.struts2", "org.apache.myfaces", "org.apache.wicket",
            "org.apache.click", "org.apache.shiro", "org.springframework.beans",
            "org.springframework.context", "org.springframework.aop", "org.springframework.jndi",
            "org.springframework.transaction", "com.thoughtworks.xstream", "com.alibaba.fastjson",
            "org.hibernate.engine", "org.jboss.interceptor", "com.caucho.naming",
            "com.rometools.rome", "com.esotericsoftware.kryo", "weblogic");

    /** Methods of reflection and scripting that attack payloads call on a receiver. */
    static final Lexicon REFLECTIVE_METHODS = Lexicon.of(
            "forName", "getDeclaredMethod", "getDeclaredMethods", "getMethod", "getMethods",
            "getDeclaredConstructor", "getDeclaredConstructors", "getConstructor",
            "getDeclaredField", "getDeclaredFields", "setAccessible", "newInstance", "defineClass",
            "loadClass", "getClassLoader", "getSystemClassLoader", "getContextClassLoader",
            "getEngineByName", "getEngineByExtension", "getEngineByMimeType", "getClass",
            "getProtectionDomain", "invokeMethod", "invokeStaticMethod", "findStatic",
            "findVirtual", "parseExpression");

    /**
     * Class and gadget names recognised in base64 decoded at every alignment. The first
     * {@value #COMMON_ENCODED_KEYWORDS} are also ordinary words of configuration text
     * ({@code "runtime": "nodejs"}), so they count only when the run encodes little else.
     */
    static final KeywordSearch ENCODED_KEYWORDS = new KeywordSearch(
            "runtime", "classloader",
            "processbuilder", "java.lang.", "java/lang/", "javax.naming", "javax/naming", "${jndi:",
            "templatesimpl", "jdbcrowsetimpl", "invokertransformer", "chainedtransformer",
            "constanttransformer", "instantiatetransformer", "clonetransformer", "forclosure", "whileclosure",
            "instantiatefactory", "prototypeclonefactory", "prototypeserializationfactory", "ysoserial",
            "scriptenginemanager", "badattributevalueexpexception", "annotationinvocationhandler");

    static final int COMMON_ENCODED_KEYWORDS = 2;

    /** How many decoded bytes besides a common keyword a run may hold and still count. */
    static final int COMMON_KEYWORD_SLACK = 4;

    /** OGNL context variables that payloads read or overwrite. */
    static final Lexicon OGNL_VARIABLES = Lexicon.of(
            "context", "_memberAccess", "_root", "_this", "request", "response", "session",
            "application", "attr", "parameters", "dm", "ct", "ou", "os", "cmd", "cmds", "p",
            "process", "ros", "iswin");

    private JavaNames() {}
}
