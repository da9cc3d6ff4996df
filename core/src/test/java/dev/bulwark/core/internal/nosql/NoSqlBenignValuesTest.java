package dev.bulwark.core.internal.nosql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.internal.rules.BenignValues;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text about MongoDB: update documents ({ $set: { status: "active" } }) and shell calls that read or update (db.users.updateOne(...)): each must pass the engine at its default level in a query, a form, a JSON body
 * and a header. Their attack look-alikes stay blocked in a query: query operators that change a match, server-side JavaScript, bracket operators, destructive and statement shell calls (NOSQL).
 *
 * <p>The benign values are in {@code nosql/update-prose.tsv} (see {@link BenignValues}).
 */
class NoSqlBenignValuesTest {

    static List<Arguments> benignValues() {
        return BenignValues.read("/nosql/update-prose.tsv");
    }

    static List<String> attacks() {
        return List.of(
            "{\"$ne\": null}",
            "{\"$gt\": \"\"}",
            "{ $where: \"sleep(100)\" }",
            "{\"$regex\": \".*\"}",
            "{$ne: 1}",
            "user[$ne]=x",
            "a[$regex]=.*",
            "{\"$expr\": {\"$function\": {\"body\": \"1\"}}}",
            "{\"$or\": [{}, {\"a\": \"a\"}]}",
            "{\"$in\": [\"admin\"]}",
            "{\"$nin\": []}",
            "{\"$exists\": true}",
            "' || '1'=='1",
            "'; return true; var x='",
            "db.dropDatabase()",
            "db.users.drop()",
            "db.users.deleteMany({})",
            "db.users.remove({})",
            "'; db.users.find(); '",
            "user[$set][role]=admin",
            "{ $set: { role: \"admin\" }, $or: [{}] }",
            "{\"$set\": {\"a\": 1}, \"$where\": \"1\"}",
            "%7B%22%24ne%22%3A1%7D",
            "{ \"$lookup\": { \"from\": \"users\" } }",
            "{\"$set\":{\"role\":\"admin\"}}",
            "{\"$push\":{\"roles\":\"admin\"}}",
            "{\"$unset\":{\"mfa\":\"\"}}",
            "{\"$inc\":{\"balance\":1e9}}",
            "db.users.updateMany({}, {$set:{role:\"admin\"}})",
            "db.users.insertOne({name:\"x\",role:\"admin\"})",
            "db.users.find().forEach(u=>db.users.deleteOne(u))");
    }

    @Test
    void holdsThirtyBenignValuesAndTwentyAttacks() {
        assertThat(benignValues()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(attacks()).hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("benignValues")
    void allowsMongoDbUpdateProseInEverySource(String kind, String value) {
        assertThat(BenignValues.blockingRules(value)).as(value).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void keepsQueryOperatorOrShellInjectionBlocked(String value) {
        assertThat(BenignValues.blockingRulesInQuery(value)).as(value).isNotEmpty();
    }
}
