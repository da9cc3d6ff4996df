package dev.bulwark.core.internal.code.python;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.ScriptPasses;
import java.util.List;

/**
 * The rules of the Python family (key {@code CODE}), in the order {@link PythonInjectionDetector}
 * collects them.
 */
final class PythonRules {

    static final String KEY = ScriptPasses.RULE_KEY;

    static final RuleDefinition PYTHON_CODE = rule("CODE-PYTHON", Level.STANDARD,
            "Python code execution: __import__(...), os.system(...), subprocess.*(...), eval(compile(...))", cwe(94));
    static final RuleDefinition PYTHON_INTROSPECTION = rule("CODE-PYTHON-INTROSPECTION", Level.STANDARD,
            "Python object-graph traversal (.__class__, __mro__, __subclasses__(), __globals__)", cwe(94));
    static final RuleDefinition SERIALIZED_CODE = rule("CODE-SERIALIZED-OBJECT", Level.STANDARD,
            "Python pickle calling a module function, or a YAML tag that instantiates objects", cwe(502));
    static final RuleDefinition ORM_LOOKUP = rule("CODE-ORM-LOOKUP", Level.STANDARD,
            "Django-style ORM filter on a secret field, a deep relation walk, a regex, or a JSON key lookup"
                    + " (has_key) probing for a secret field (ORM leak)", cwe(943));
    static final RuleDefinition ORM_LOOKUP_ANY = rule("CODE-ORM-LOOKUP-ANY", Level.STRICT,
            "Django-style ORM filter lookup (field__lookup) in a name", cwe(943));

    static final List<RuleDefinition> ALL = List.of(PYTHON_CODE, PYTHON_INTROSPECTION, SERIALIZED_CODE,
            ORM_LOOKUP, ORM_LOOKUP_ANY);

    private PythonRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
