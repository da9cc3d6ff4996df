package dev.bulwark.core.internal.ldap;

import static dev.bulwark.core.internal.rules.Scans.cookie;
import static dev.bulwark.core.internal.rules.Scans.json;
import static dev.bulwark.core.internal.rules.Scans.jsonKey;
import static dev.bulwark.core.internal.rules.Scans.mebibyteOf;
import static dev.bulwark.core.internal.rules.Scans.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.Level;
import dev.bulwark.core.internal.rules.ScanTarget;
import dev.bulwark.core.internal.rules.Scans;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LdapInjectionDetectorTest {

    private final LdapInjectionDetector detector = new LdapInjectionDetector();

    private List<String> standard(ScanTarget target) {
        return Scans.standard(detector, target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*)(uid=*))(|(uid=*", "admin)(|", "x)(&)", "jdoe)(mail=*", "val)&(cn=admin", "val)|(uid=*",
        "guest)!(sn=*", "bob)(cn>=a)", "smith)(sn~=smyth", "x)(gidNumber<=100", "x))(&(objectClass=*",
        "x) ( & ", "x)\t(\t|", "x)(member:1.2.840.113556.1.4.1941:=cn=a)", "admin*)((|userpassword=*)"})
    void detectsFilterBreakout(String value) {
        assertThat(standard(query("user", value))).containsExactly("LDAP-FILTER-BREAKOUT");
    }

    @Test
    void detectsBreakoutInCookieAndJsonKey() {
        assertThat(standard(cookie("session", "value)(uid=*"))).containsExactly("LDAP-FILTER-BREAKOUT");
        assertThat(standard(jsonKey("s=v)(uid=*"))).containsExactly("LDAP-FILTER-BREAKOUT");
    }

    @Test
    void detectsPercentEncodedFilterInJsonValue() {
        assertThat(standard(json("/user", "%2A%29%28%7C%28mail%3D%2A%29%29"))).containsExactly("LDAP-FILTER-BREAKOUT");
    }

    @Test
    void detectsCompoundFilterWithPresenceTest() {
        assertThat(standard(query("(&(objectClass=*))"))).containsExactly("LDAP-PRESENCE-FILTER");
        assertThat(standard(query("(|(uid=*)(cn=*))"))).containsExactly("LDAP-PRESENCE-FILTER");
    }

    @Test
    void reportsCompoundFilterWithoutWildcardOnlyAtStrict() {
        ScanTarget target = query("(&(objectCategory=computer)(cn=web01))");
        assertThat(standard(target)).isEmpty();
        assertThat(Scans.at(Level.STRICT, detector, target)).containsExactly("LDAP-FILTER-SYNTAX");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a+b)*c", "(1+2)+(3+4)", "see note (a) and (b=c)", "f(x)(y)", "O'Brien (Sales)",
        "Hello :) (smile)", "[link](https://example.com/a?b=c)", "1) first (a) second", "user@example.com",
        "size (S)(M)(L)", "(555) 010-9999", "x = (y) & (z)", "search=foo|bar", "time 12:30", "drop-down (select your size)",
        "a=b&c=d", "if (a) { b(); }", "<3", "price $5 + tax (incl.)"})
    void ignoresOrdinaryText(String value) {
        assertThat(Scans.at(Level.STRICT, detector, query(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {")(", "((((", "))))", ")(a", "(&(", ")(a=*"})
    void finishesQuicklyOnRepetitiveParentheses(String unit) {
        ScanTarget target = query(mebibyteOf(unit));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*()|&'", "*()|& '", "(*)|(&)", "*(|)&"})
    void detectsMetacharacterProbe(String value) {
        assertThat(standard(query("user", value))).containsExactly("LDAP-METACHARACTER-PROBE");
    }

    @Test
    void detectsBreakoutAfterBalancedParenthesesInProse() {
        assertThat(standard(query("Gift wrap (it's a present); ring twice (the bell's broken) x)(|(uid=*")))
                .containsExactly("LDAP-FILTER-BREAKOUT");
        assertThat(standard(query("Gift wrap (it's a present); ring twice (the bell's broken)"))).isEmpty();
    }

    @Test
    void detectsBreakoutAcrossLineBreak() {
        assertThat(standard(query("user", "x)\r\n(|(uid=*"))).containsExactly("LDAP-FILTER-BREAKOUT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(*)", ":-)", "*|*", "(&)", "***", "(!)", "|&|", "* (a) | b &"})
    void ignoresShortPunctuationWithoutAllThreeMetacharacters(String value) {
        assertThat(standard(query(value))).isEmpty();
    }
    @ParameterizedTest
    @ValueSource(strings = {"admin*", "*", "admin)(", "admin\u0000", "admin)", "j*doe"})
    void detectsFilterSyntaxInBasicUserName(String user) {
        assertThat(standard(Scans.header("authorization:basic-user", user))).containsExactly("LDAP-ACCOUNT-NAME");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "DOMAIN\\jdoe", "first.last+tag@example.co.uk", "j.doe (contractor)", "O'Brien"})
    void allowsOrdinaryBasicUserNames(String user) {
        assertThat(standard(Scans.header("authorization:basic-user", user))).isEmpty();
    }

    @Test
    void leavesWildcardsInOtherHeadersToTheFilterRules() {
        assertThat(standard(Scans.header("x-search", "admin*"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x-forwarded-user", "x-remote-user", "remote-user"})
    void detectsWildcardInProxyUserHeader(String header) {
        assertThat(standard(Scans.header(header, "*"))).containsExactly("LDAP-ACCOUNT-NAME");
        assertThat(standard(Scans.header(header, "anna.smith"))).isEmpty();
    }
}
