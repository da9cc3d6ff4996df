package dev.bulwark.core.internal.code.node;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.rules.ScriptPasses;
import java.util.List;

/**
 * The rules of the Node.js family (key {@code CODE}), in the order {@link NodeInjectionDetector}
 * collects them.
 */
final class NodeRules {

    static final String KEY = ScriptPasses.RULE_KEY;

    static final RuleDefinition NODE_DESERIALIZATION = rule("CODE-NODE-DESERIALIZATION", Level.BASIC,
            "node-serialize function marker _$$ND_FUNC$$_ (remote code on unserialize)", cwe(502));
    static final RuleDefinition NODE_FUNCTION_MARKER = rule("CODE-NODE-FUNCTION-MARKER", Level.STANDARD,
            "Serialized JavaScript function marker (__js_function)", cwe(502));
    static final RuleDefinition NODE_CHILD_PROCESS = rule("CODE-NODE-CHILD-PROCESS", Level.BASIC,
            "require('child_process'): Node.js command execution", cwe(94));
    static final RuleDefinition NODE_INTERNALS = rule("CODE-NODE-INTERNALS", Level.STANDARD,
            "Node.js internals: child_process, process.mainModule / binding / env, require.main, module.exports, require('x')",
            cwe(94));
    static final RuleDefinition JS_DYNAMIC_CODE = rule("CODE-JS-DYNAMIC-CODE", Level.STANDARD,
            "JavaScript code built at run time: constructor.constructor, new Function(...), eval of a string or decoder",
            cwe(95));
    static final RuleDefinition JS_FUNCTION_LITERAL = rule("CODE-JS-FUNCTION-LITERAL", Level.STANDARD,
            "JavaScript function literal where an expression stands (function(...) {, (function x(){...})()), or a console call that probes (console.info(1))"
                    + " or is reached indirectly (console['log'], console.log.call)", cwe(94));
    static final RuleDefinition INFINITE_LOOP = rule("CODE-INFINITE-LOOP", Level.STANDARD,
            "Loop with a constant condition (while(true), for(;;)): denial of service through evaluated code",
            cwe(835));
    static final RuleDefinition PROTOTYPE_POLLUTION = rule("CODE-PROTOTYPE-POLLUTION", Level.BASIC,
            "Parameter or key name writing through __proto__ or constructor.prototype", cwe(1321));
    static final RuleDefinition PROTOTYPE_REFERENCE = rule("CODE-PROTOTYPE-REFERENCE", Level.STANDARD,
            "Value referring to __proto__ or constructor.prototype", cwe(1321));

    static final List<RuleDefinition> ALL = List.of(NODE_DESERIALIZATION, NODE_FUNCTION_MARKER,
            NODE_CHILD_PROCESS, NODE_INTERNALS, JS_DYNAMIC_CODE, JS_FUNCTION_LITERAL, INFINITE_LOOP,
            PROTOTYPE_POLLUTION, PROTOTYPE_REFERENCE);

    private NodeRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
