package dev.bulwark.core.internal.code.php;

import static dev.bulwark.core.internal.rules.References.cwe;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.util.List;

/** The rules of the PHP family (key {@code PHP}), in the order {@link PhpInjectionDetector} collects them. */
final class PhpRules {

    static final String KEY = "PHP";

    private static final String CAPEC_242 = "https://capec.mitre.org/data/definitions/242.html";

    static final RuleDefinition CODE_TAG = rule("PHP-CODE-TAG", Level.BASIC,
            "PHP open tag (<?php, <?=, <?) followed by code", cwe(94));
    static final RuleDefinition OPEN_TAG = rule("PHP-OPEN-TAG", Level.STANDARD,
            "PHP open tag, [php] / {php} block, or <?xml followed by something other than a prolog", cwe(94));
    static final RuleDefinition DANGLING_TAG = rule("PHP-DANGLING-TAG", Level.STANDARD,
            "Bare <? at the end of a value, a PHP block that another field completes", cwe(94));
    static final RuleDefinition EXECUTING_WRAPPER = rule("PHP-EXECUTING-WRAPPER", Level.BASIC,
            "php://input, php://filter, expect:// or data:// stream wrapper", cwe(98));
    static final RuleDefinition STREAM_WRAPPER = rule("PHP-STREAM-WRAPPER", Level.STANDARD,
            "PHP stream wrapper (php://, phar://, zip://, compress.zlib://, glob://, ssh2.*://)", cwe(98));
    static final RuleDefinition SUPERGLOBAL = rule("PHP-SUPERGLOBAL", Level.STANDARD,
            "PHP superglobal ($_GET, $_POST, $_SERVER, $GLOBALS, ...)", cwe(94));
    static final RuleDefinition FUNCTION_CALL = rule("PHP-FUNCTION-CALL", Level.STANDARD,
            "Call of a PHP built-in function, or include/require of a path", cwe(94));
    static final RuleDefinition CALLABLE_NAME = rule("PHP-CALLABLE-NAME", Level.STANDARD,
            "Value opened by the name of a PHP function that runs commands or code or decodes payloads"
                    + " (shell_exec, proc_open, base64_decode), as a callback name an application passes"
                    + " to call_user_func or array_map", cwe(94));
    static final RuleDefinition VARIABLE_FUNCTION = rule("PHP-VARIABLE-FUNCTION", Level.STANDARD,
            "Variable function call ($f(...), ${'f'}(...), $a['k'](...))", cwe(94));
    static final RuleDefinition DYNAMIC_CALL = rule("PHP-DYNAMIC-CALL", Level.STANDARD,
            "Call of an expression that folds to a PHP function name (\"sys\".\"tem\"(...), (system)(...))", cwe(94));
    static final RuleDefinition VARIABLE_VARIABLE = rule("PHP-VARIABLE-VARIABLE", Level.STANDARD,
            "Variable variable ${'name'}, ${$x}, $ {x}", cwe(94));
    static final RuleDefinition SERIALIZED_OBJECT = rule("PHP-SERIALIZED-OBJECT", Level.BASIC,
            "Value is a serialized PHP object (O:8:\"stdClass\":...)", cwe(502));
    static final RuleDefinition SERIALIZED_EMBEDDED = rule("PHP-SERIALIZED-EMBEDDED", Level.STANDARD,
            "Serialized PHP object inside a value", cwe(502));
    static final RuleDefinition SERIALIZED_ARRAY = rule("PHP-SERIALIZED-ARRAY", Level.STRICT,
            "Serialized PHP array (a:1:{...})", cwe(502));
    static final RuleDefinition INI_DIRECTIVE = rule("PHP-INI-DIRECTIVE", Level.STANDARD,
            "php.ini directive assignment (allow_url_include=, auto_prepend_file=, opcache.*=)", CAPEC_242);
    static final RuleDefinition INI_WORD_DIRECTIVE = rule("PHP-INI-WORD-DIRECTIVE", Level.STRICT,
            "Whole value assigns a php.ini directive named by a common word (engine=, extension=)", CAPEC_242);
    static final RuleDefinition SCRIPT_UPLOAD = rule("PHP-SCRIPT-UPLOAD", Level.STANDARD,
            "Uploaded file name with a PHP extension, also hidden before another extension (shell.php.jpg)", cwe(434));
    static final RuleDefinition SESSION_FILE_UPLOAD = rule("PHP-SESSION-FILE-UPLOAD", Level.STANDARD,
            "Uploaded file named like a PHP session file (sess_<id>)", cwe(434));

    static final List<RuleDefinition> ALL = List.of(CODE_TAG, OPEN_TAG, DANGLING_TAG,
            EXECUTING_WRAPPER, STREAM_WRAPPER, SUPERGLOBAL, FUNCTION_CALL, CALLABLE_NAME, VARIABLE_FUNCTION, DYNAMIC_CALL,
            VARIABLE_VARIABLE, SERIALIZED_OBJECT, SERIALIZED_EMBEDDED, SERIALIZED_ARRAY, INI_DIRECTIVE,
            INI_WORD_DIRECTIVE, SCRIPT_UPLOAD, SESSION_FILE_UPLOAD);

    private PhpRules() {
    }

    private static RuleDefinition rule(String id, Level level, String description, String reference) {
        return new RuleDefinition(id, KEY, level, description, reference);
    }
}
