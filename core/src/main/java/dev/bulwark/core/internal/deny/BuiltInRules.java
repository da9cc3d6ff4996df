package dev.bulwark.core.internal.deny;

import dev.bulwark.core.config.DenyRulesConfig;
import dev.bulwark.core.internal.code.datauri.DataUriDetector;
import dev.bulwark.core.internal.code.java.JavaAttackDetector;
import dev.bulwark.core.internal.code.node.NodeInjectionDetector;
import dev.bulwark.core.internal.code.perl.PerlInjectionDetector;
import dev.bulwark.core.internal.code.php.PhpInjectionDetector;
import dev.bulwark.core.internal.code.python.PythonInjectionDetector;
import dev.bulwark.core.internal.code.ruby.RubyInjectionDetector;
import dev.bulwark.core.internal.crlf.CrlfInjectionDetector;
import dev.bulwark.core.internal.ldap.LdapInjectionDetector;
import dev.bulwark.core.internal.mail.MailCommandDetector;
import dev.bulwark.core.internal.nosql.NoSqlInjectionDetector;
import dev.bulwark.core.internal.path.PathTraversalDetector;
import dev.bulwark.core.internal.protocol.ProtocolDetector;
import dev.bulwark.core.internal.rfi.RemoteFileInclusionDetector;
import dev.bulwark.core.internal.rules.Detector;
import dev.bulwark.core.internal.rules.RequestDetector;
import dev.bulwark.core.internal.rules.RuleDefinition;
import dev.bulwark.core.internal.scanner.ScannerDetector;
import dev.bulwark.core.internal.shell.UnixCommandDetector;
import dev.bulwark.core.internal.shell.WindowsCommandDetector;
import dev.bulwark.core.internal.sql.SqlInjectionDetector;
import dev.bulwark.core.internal.ssi.ServerSideIncludeDetector;
import dev.bulwark.core.internal.ssrf.SsrfDetector;
import dev.bulwark.core.internal.template.TemplateInjectionDetector;
import dev.bulwark.core.internal.xss.XssDetector;
import dev.bulwark.core.internal.xxe.XxeDetector;
import java.util.ArrayList;
import java.util.List;

/** The built-in deny rules, in the order they run on each value. */
public final class BuiltInRules {

    private static final List<Detector> DETECTORS = List.of(
            new SqlInjectionDetector(),
            new ServerSideIncludeDetector(),
            new XssDetector(),
            new UnixCommandDetector(),
            new WindowsCommandDetector(),
            new MailCommandDetector(),
            new PathTraversalDetector(),
            new RemoteFileInclusionDetector(),
            new SsrfDetector(),
            new LdapInjectionDetector(),
            new NoSqlInjectionDetector(),
            new XxeDetector(),
            new CrlfInjectionDetector(),
            new ScannerDetector(),
            new JavaAttackDetector(),
            new TemplateInjectionDetector(),
            new PhpInjectionDetector(),
            new NodeInjectionDetector(),
            new PythonInjectionDetector(),
            new RubyInjectionDetector(),
            new PerlInjectionDetector(),
            new DataUriDetector());
    private static final List<RequestDetector> REQUEST_DETECTORS = List.of(new ProtocolDetector());

    private BuiltInRules() {
    }

    /** Detectors that judge single values, with the built-in settings. */
    public static List<Detector> detectors() {
        return DETECTORS;
    }

    /**
     * Detectors that judge single values, set up as {@code config} says: the same instances as
     * {@link #detectors()} where it leaves the built-in settings.
     */
    public static List<Detector> detectors(DenyRulesConfig config) {
        if (config.restrictedExtensions().equals(DenyRulesConfig.defaultRestrictedExtensions())
                && config.uploadExecutableExtensions().equals(DenyRulesConfig.defaultUploadExecutableExtensions())) {
            return DETECTORS;
        }
        List<Detector> configured = new ArrayList<>(DETECTORS);
        configured.replaceAll(detector -> detector instanceof PathTraversalDetector
                ? new PathTraversalDetector(config.restrictedExtensions(), config.uploadExecutableExtensions()) : detector);
        return List.copyOf(configured);
    }

    /** Detectors that judge the request as a whole. */
    public static List<RequestDetector> requestDetectors() {
        return REQUEST_DETECTORS;
    }

    /** Every built-in rule, for documentation and configuration checks. */
    public static List<RuleDefinition> rules() {
        List<RuleDefinition> rules = new ArrayList<>();
        DETECTORS.forEach(detector -> rules.addAll(detector.rules()));
        REQUEST_DETECTORS.forEach(detector -> rules.addAll(detector.rules()));
        return rules;
    }
}
