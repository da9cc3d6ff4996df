package dev.bulwark.core.internal.nosql;

import static dev.bulwark.core.internal.rules.Scans.json;
import static dev.bulwark.core.internal.rules.Scans.jsonKey;
import static dev.bulwark.core.internal.rules.Scans.mebibyteOf;
import static dev.bulwark.core.internal.rules.Scans.query;
import static dev.bulwark.core.internal.rules.Scans.queryName;
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

class NoSqlInjectionDetectorTest {

    private final NoSqlInjectionDetector detector = new NoSqlInjectionDetector();

    private List<String> standard(ScanTarget target) {
        return Scans.standard(detector, target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"password[$ne]", "user[$gt]", "age[$gte]", "name[$regex]", "id[$in][]", "q[$expr]",
        "a[$lookup]"})
    void detectsOperatorInParameterName(String name) {
        assertThat(standard(queryName(name))).containsExactly("NOSQL-OPERATOR-NAME");
    }

    @Test
    void detectsJavaScriptOperatorsAtBasic() {
        assertThat(Scans.at(Level.BASIC, detector, jsonKey("$where"))).containsExactly("NOSQL-JS-OPERATOR");
        assertThat(Scans.at(Level.BASIC, detector, queryName("filter[$function]"))).containsExactly("NOSQL-JS-OPERATOR");
        assertThat(Scans.at(Level.BASIC, detector, jsonKey("$accumulator"))).containsExactly("NOSQL-JS-OPERATOR");
    }

    @Test
    void detectsOperatorAsJsonKey() {
        assertThat(standard(jsonKey("$ne"))).containsExactly("NOSQL-OPERATOR-NAME");
    }

    @Test
    void allowsJsonSchemaCommentKeyword() {
        assertThat(standard(jsonKey("$comment"))).isEmpty();
    }

    @Test
    void detectsCommentOperatorInBracketsOfParameterName() {
        assertThat(standard(queryName("filter[$comment]"))).containsExactly("NOSQL-OPERATOR-NAME");
    }

    @Test
    void detectsCommentOperatorAfterBreakout() {
        assertThat(standard(query("' } ], $comment:'successful MongoDB injection'"))).containsExactly("NOSQL-OPERATOR-IN-VALUE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"$gt\": \"\"}", "{\"$ne\":null}", "{$ne: 1}", "{ '$regex': '.*' }",
        "{\"a\":1, \"$where\": \"1\"}", "u_id[$ne]=1"})
    void detectsOperatorObjectInsideValue(String value) {
        assertThat(standard(query(value))).containsExactly("NOSQL-OPERATOR-IN-VALUE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"';return true;var x='", "'; return 1; //", "\"; return this.a == 1; var b=\"",
        "1; return true", "this.password.match(/.*/)", "this.role == 'admin'", "' || 'a'=='a", "'; sleep(5000); '",
        "'; while(true){}; '", "' || 1==1//", "this.constructor.constructor('return process')()",
        "';it=new Date();do{pt=new Date();}while(pt-it<5000);", "db.injection.insert({success:1});",
        "'; db.users.drop(); '"})
    void detectsJavaScriptBreakout(String value) {
        assertThat(standard(query(value))).containsExactly("NOSQL-JS-INJECTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$5 + tax", "Price: $19.99", "{\"price\": \"$5\"}", "{\"$schema\": \"x\"}",
        "{\"$ref\": \"#/a\"}", "{\"_id\": {\"$oid\": \"5f1d\"}}", "$filter", "I need this. Thanks",
        "foo(); return true;", "return to sender; thanks", "a || b", "don't || stop", "this.is a sentence",
        "{\"amount\": \"$1,000\"}", "C$ 25 and US$ 20", "{\"text\": \"$ne is an operator\"}",
        "db.example.com is our host", "We do{n't} care; do it now"})
    void ignoresOrdinaryValues(String value) {
        assertThat(standard(json("/v", value))).isEmpty();
    }

    @Test
    void ignoresDollarNamesOutsideTheOperatorTable() {
        assertThat(standard(queryName("$top"))).isEmpty();
        assertThat(standard(queryName("price[$usd]"))).isEmpty();
        assertThat(standard(jsonKey("$id"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$ne", "{\"$", "[$ne", "';", "this.", "'||", "1;", "db.x.find(", "db.db.", "{$set:"})
    void finishesQuicklyOnRepetitiveInput(String unit) {
        ScanTarget target = query(mebibyteOf(unit));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(target));
    }

    @Test
    void finishesQuicklyOnLeadingBlanksBeforeManyUpdateOperators() {
        ScanTarget target = query(" ".repeat(1 << 19) + "{$set:1}x".repeat((1 << 19) / 9));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(target));
    }

    @Test
    void finishesQuicklyOnLongName() {
        ScanTarget target = queryName(mebibyteOf("[$"));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(target));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$where: '1 == 1'", "$ne: 1", "'$gt': ''", "\"$regex\": \".*\""})
    void detectsOperatorMembersWithoutBraces(String value) {
        assertThat(standard(query(value))).containsExactly("NOSQL-OPERATOR-IN-VALUE");
    }

    @Test
    void detectsPercentEncodedOperatorObjectInJsonValue() {
        assertThat(standard(json("/password", "%7B%22%24ne%22%3A%20null%7D"))).containsExactly("NOSQL-OPERATOR-IN-VALUE");
    }

    @Test
    void detectsOperatorNamesOnceCountedAsSql() {
        assertThat(standard(queryName("q[$search]"))).containsExactly("NOSQL-OPERATOR-NAME");
        assertThat(standard(queryName("loc[$nearSphere]"))).containsExactly("NOSQL-OPERATOR-NAME");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ring twice. Call before (it's late) x'; return true; var y='",
        "Gift wrap. No invoice. this.role == 'admin'", "a ||| b. c' || 'a'=='a", "a || b || c' || 1==1//"})
    void detectsJavaScriptBreakoutAfterProse(String value) {
        assertThat(standard(query(value))).containsExactly("NOSQL-JS-INJECTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ring twice; the bell's broken. Call before delivery: +41 44 123 45 67",
        "THIS.role == 'admin'", "athis.role == 'admin'", "his.x == 1"})
    void ignoresProseAndLookalikesOfThis(String value) {
        assertThat(standard(query(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0;return 'a'=='a'", "';return \"x\"==\"x\";var a='",
        "'; var d = new Date(); do { var cd = new Date(); } while (cd - d < 10000); '",
        "';let t=new Date();while(new Date()-t<5000);'"})
    void detectsQuotedTautologyAndDeclaredTimingLoop(String value) {
        assertThat(standard(query(value))).containsExactly("NOSQL-JS-INJECTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$5: the price", "Use $where sparingly", "The $ne operator compares", "costs $10, or $12: fine",
        "it's done; return it 'as is'", "var x = new Date()", "O'Brien; returned 'late'", "report.final.pdf",
        "{\"price\": \"$5\"}", "$set"})
    void ignoresDollarsAndPlainSentences(String value) {
        assertThat(standard(query(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$ne:", "';return '", "%24ne", "{$", "';var x=new ", "this.a.", "db.a."})
    void finishesQuicklyOnMebibyteOfOperatorFragments(String unit) {
        ScanTarget value = json("/v", mebibyteOf(unit));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> standard(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"use $set to change a field: { $set: { a: 1 } }", "\"update\": { \"$set\": { \"status\": \"x\" } }",
        "{\"filter\": {}, \"update\": {\"$inc\": {\"views\": 1}}}"})
    void allowsUpdateOperatorObjectInsideLongerTextAtStandard(String value) {
        assertThat(standard(query(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"$set\":{\"role\":\"admin\"}}", "{\"$push\":{\"roles\":\"admin\"}}", "{\"$unset\":{\"mfa\":\"\"}}",
        "{\"$inc\":{\"balance\":1e9}}", " { $setOnInsert: { role: \"admin\" } } ", "{\"$mul\":{\"balance\":1000}}",
        "{\"$currentDate\":{\"expires\":true}}", "{\"$bit\":{\"flags\":{\"or\":1}}}"})
    void detectsUpdateOperatorObjectAsWholeValue(String value) {
        assertThat(standard(query(value))).containsExactly("NOSQL-OPERATOR-IN-VALUE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob\", \"$set\": {\"isAdmin\": true}, \"x\": \"", "$inc: {balance: 1000}",
        "{\"name\":\"x\",\"$set\":{\"role\":\"admin\"}}", "\"$rename\": {\"role\": \"old\"}"})
    void detectsUpdateOperatorOpeningValueOrFollowingAnotherMemberAtStandard(String value) {
        assertThat(standard(query(value))).containsExactly("NOSQL-OPERATOR-IN-VALUE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$setOnInsert", "$mul", "$min", "$max", "$currentDate", "$pop", "$pullAll", "$bit"})
    void detectsUpdateOperatorAsJsonKey(String key) {
        assertThat(standard(jsonKey(key))).containsExactly("NOSQL-OPERATOR-NAME");
    }

    @ParameterizedTest
    @ValueSource(strings = {"set it with { $set: { role: \"admin\" } }", "x {\"$unset\": {\"locked\": 1}}",
        "add { $addToSet: { roles: 1 } } here", "use { $pullAll: { tags: [1] } }"})
    void detectsUpdateOperatorObjectInsideLongerTextAtStrict(String value) {
        assertThat(Scans.at(Level.STRICT, detector, query(value))).containsExactly("NOSQL-UPDATE-OPERATOR-IN-VALUE");
    }

    @Test
    void detectsQueryOperatorAfterUpdateOperatorInsideValue() {
        assertThat(standard(query("{ $set: { a: 1 }, $or: [{}] }"))).containsExactly("NOSQL-OPERATOR-IN-VALUE");
    }

    @Test
    void detectsUpdateOperatorInBracketsInsideValue() {
        assertThat(standard(query("user[$set][role]=admin"))).containsExactly("NOSQL-OPERATOR-IN-VALUE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.users.deleteMany({})", "db.users.remove({})", "db.users.drop()",
        "db.users.find({});", "db.injection.insert({success:1});"})
    void detectsDestructiveOrStatementShellCallAsWholeValue(String value) {
        assertThat(standard(query(value))).containsExactly("NOSQL-JS-INJECTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.users.updateMany({}, {$set:{role:\"admin\"}})", "db.users.insertOne({name:\"x\",role:\"admin\"})",
        "db.users.replaceOne({}, {})", "db.users.findOneAndUpdate({}, {$set:{a:1}})", "db.users.findOneAndReplace({}, {})",
        "db.users.bulkWrite([])", "db.users.mapReduce(m, r)", "db.users.findAndModify({})",
        "db.users.aggregate([{$match:{}},{$out:\"users\"}])", "db.users.aggregate([{$merge:{into:\"x\"}}])"})
    void detectsWritingShellCallWithoutSemicolon(String value) {
        assertThat(standard(query(value))).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.users.find().forEach(u=>db.users.deleteOne(u))", "db.users.findOne({}) && db.users.drop()",
        "x = db.users.find({}); y"})
    void detectsEveryShellCallInValueNotOnlyTheFirst(String value) {
        assertThat(standard(query(value))).containsExactly("NOSQL-JS-INJECTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.users.find({ name: \"alice\" })", "db.orders.aggregate(pipeline)",
        "db.users.find({ a: 1 }).limit(5)", "mydb.users.updateOne({})"})
    void allowsReadShellCallShownAsWholeValue(String value) {
        assertThat(standard(query(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.getCollectionNames()", "';db.getCollection('users').drop();'", "db.getSiblingDB('admin')",
        "1; db.adminCommand({listDatabases: 1})"})
    void detectsDatabaseMethodsOfTheShell(String value) {
        assertThat(standard(query(value))).containsExactly("NOSQL-JS-INJECTION");
    }
    @ParameterizedTest
    @ValueSource(strings = {"{\"$ne\":null}", "{\"$gt\":\"\"}"})
    void detectsOperatorObjectAsBasicUserName(String user) {
        assertThat(Scans.standard(detector, Scans.header("authorization:basic-user", user))).containsExactly("NOSQL-OPERATOR-IN-VALUE");
    }
}
