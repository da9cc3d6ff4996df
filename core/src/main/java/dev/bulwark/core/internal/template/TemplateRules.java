package dev.bulwark.core.internal.template;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/**
 * The rules of the template injection family (key {@code TEMPLATE}), in the order
 * {@link TemplateInjectionDetector} collects them.
 */
final class TemplateRules {

    static final String KEY = "TEMPLATE";

    static final RuleDefinition CODE_EXECUTION = rule("TEMPLATE-CODE-EXECUTION", Level.BASIC,
            "Template expression calling into or walking to code-execution objects (__class__.__mro__, getRuntime(), T(java.lang.Runtime))",
            cwe(1336));
    static final RuleDefinition SENSITIVE_OBJECT = rule("TEMPLATE-SENSITIVE-OBJECT", Level.STANDARD,
            "Template expression naming an object that leaks secrets or leads to code (config, self, __class__,"
                    + " SpEL systemEnvironment or a @bean), also when spelled in concatenated pieces",
            cwe(1336));
    static final RuleDefinition EXPRESSION = rule("TEMPLATE-EXPRESSION", Level.STANDARD,
            "Template expression that computes, calls or runs a command ({{7*7}}, ${x.y()}, <%= 7*7 %>, #{`id`})",
            cwe(1336));
    static final RuleDefinition STATEMENT = rule("TEMPLATE-STATEMENT", Level.STANDARD,
            "Template statement that imports, includes, assigns or defines ({% import %}, {% set %}, <#assign>,"
                    + " #set(...), <% require %>, Handlebars {{#with x}})", cwe(1336));
    static final RuleDefinition CONTROL_STATEMENT = rule("TEMPLATE-CONTROL-STATEMENT", Level.STRICT,
            "Template control-flow statement on data ({% if user %}, {% for x in items %}, <#list>,"
                    + " {{#each items}}) with nothing else that computes, calls or names a dangerous object",
            cwe(1336));
    static final RuleDefinition POLYGLOT_PROBE = rule("TEMPLATE-POLYGLOT-PROBE", Level.STANDARD,
            "Short value of punctuation holding the openers of three or more template languages (${{<%[%'\"}}%\\.),"
                    + " the probe that makes an engine fail and name itself", cwe(1336));
    static final RuleDefinition PREPROCESSING = rule("TEMPLATE-PREPROCESSING", Level.STANDARD,
            "Thymeleaf preprocessing expression __${...}__", cwe(1336));
    static final RuleDefinition TYPE_REFERENCE = rule("TEMPLATE-TYPE-REFERENCE", Level.STANDARD,
            "Expression-language type reference or instantiation: SpEL T(a.b.C), Freemarker ?new() / ?api", cwe(917));
    static final RuleDefinition PROPERTY_REFERENCE = rule("TEMPLATE-PROPERTY-REFERENCE", Level.STRICT,
            "Template expression reading a property chain or applying a filter ({{user.name}})", cwe(1336));

    static final List<RuleDefinition> ALL = List.of(CODE_EXECUTION, SENSITIVE_OBJECT, EXPRESSION,
            STATEMENT, CONTROL_STATEMENT, POLYGLOT_PROBE, PREPROCESSING, TYPE_REFERENCE, PROPERTY_REFERENCE);

    private TemplateRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
