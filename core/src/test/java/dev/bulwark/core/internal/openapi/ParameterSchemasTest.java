package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parameter values checked by the compiled schemas are judged as swagger-request-validator's own
 * engine judged them: the same messages (key, level, parameter and where it is), in the same
 * order, for each keyword and format a parameter schema can use, in query, path, header and cookie.
 */
class ParameterSchemasTest {

    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: parameters, version: '1'}
            paths:
              /pets/{id}/{slug}:
                parameters:
                  - {name: id, in: path, required: true, schema: {type: integer, format: int32, minimum: 1}}
                get:
                  parameters:
                    - {name: slug, in: path, required: true, schema: {type: string, pattern: '^[a-z-]+$', maxLength: 12}}
                    - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100}}
                    - {name: species, in: query, schema: {type: string, enum: [dog, cat]}}
                    - {name: q, in: query, schema: {type: string, minLength: 2, maxLength: 10, pattern: '^[a-z ]+$'}}
                    - {name: ratio, in: query, schema: {type: number, format: float, minimum: 0, exclusiveMinimum: true, multipleOf: 0.5}}
                    - {name: big, in: query, schema: {type: integer, format: int64}}
                    - {name: at, in: query, schema: {type: string, format: date-time}}
                    - {name: day, in: query, schema: {type: string, format: date}}
                    - {name: ref, in: query, schema: {type: string, format: uuid}}
                    - {name: mail, in: query, schema: {type: string, format: email}}
                    - {name: link, in: query, schema: {type: string, format: uri}}
                    - {name: blob, in: query, schema: {type: string, format: byte}}
                    - {name: flag, in: query, schema: {type: boolean}}
                    - {name: note, in: query, schema: {type: string, nullable: true, maxLength: 3}}
                    - {name: tags, in: query, schema: {type: array, maxItems: 3, uniqueItems: true, items: {type: string, enum: [a, b, c]}}}
                    - {name: ids, in: query, style: form, explode: false, schema: {type: array, minItems: 2, items: {type: integer, maximum: 9}}}
                    - {name: either, in: query, schema: {oneOf: [{type: integer}, {type: string, maxLength: 2}]}}
                    - {name: any, in: query, schema: {type: string, anyOf: [{maxLength: 2}, {pattern: '^x'}]}}
                    - {name: both, in: query, schema: {type: integer, allOf: [{minimum: 2}, {maximum: 5}]}}
                    - {name: notx, in: query, schema: {type: string, not: {enum: [x]}}}
                    - {name: empty, in: query, allowEmptyValue: true, schema: {type: integer}}
                    - {name: must, in: query, required: true, schema: {type: string, minLength: 1}}
                    - {name: X-Rate, in: header, schema: {type: integer, maximum: 10}}
                    - {name: X-Trace, in: header, schema: {type: string, format: uuid}}
                    - {name: session, in: cookie, schema: {type: string, minLength: 4}}
                  responses: {'200': {description: ok}}
            """;

    private static final OpenApiInteractionValidator STOCK = validator(false);
    private static final OpenApiInteractionValidator COMPILED = validator(true);

    private static OpenApiInteractionValidator validator(boolean compiled) {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(SPEC)
                .withSchemaFactorySupplier(SchemaEngine::schemaFactory)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR).build())
                .build();
        if (compiled) {
            assertThat(ParameterSchemas.install(validator)).isTrue();
        }
        return validator;
    }

    static Stream<String> queries() {
        return Stream.of(
                "must=x", "", "must=", "must=x&limit=5", "must=x&limit=0", "must=x&limit=101", "must=x&limit=abc",
                "must=x&limit=-0", "must=x&limit=007", "must=x&limit=+5", "must=x&limit=999999999",
                "must=x&limit=1234567890", "must=x&limit=-99999999999", "must=x&limit=5.5", "must=x&limit=1e2", "must=x&limit=%205", "must=x&limit=NaN", "must=x&limit=5&limit=6",
                "must=x&species=dog", "must=x&species=bird", "must=x&species=", "must=x&q=ab", "must=x&q=a",
                "must=x&q=abcdefghijk", "must=x&q=AB", "must=x&q=A", "must=x&ratio=1.5", "must=x&ratio=0", "must=x&ratio=0.3",
                "must=x&ratio=-1", "must=x&ratio=x", "must=x&ratio=3.4028236e38", "must=x&big=9223372036854775807",
                "must=x&big=9223372036854775808", "must=x&at=2020-01-01T10:00:00Z", "must=x&at=2020-01-01",
                "must=x&at=yesterday", "must=x&day=2020-02-29", "must=x&day=2020-02-30", "must=x&day=2020-1-1",
                "must=x&ref=3f0c2a9e-4b7d-4e1a-9c55-0d6f1b2e8a71", "must=x&ref=nope", "must=x&mail=a@example.com",
                "must=x&mail=nobody", "must=x&link=https://x.example/a", "must=x&link=a%20b", "must=x&blob=aGVsbG8=",
                "must=x&blob=!!", "must=x&flag=true", "must=x&flag=yes", "must=x&flag=1", "must=x&note=null",
                "must=x&note=abcd", "must=x&tags=a&tags=b", "must=x&tags=a&tags=a", "must=x&tags=a&tags=d",
                "must=x&tags=a&tags=b&tags=c&tags=a", "must=x&ids=1,2", "must=x&ids=1", "must=x&ids=1,10", "must=x&ids=1,x",
                "must=x&either=5", "must=x&either=ab", "must=x&either=abc", "must=x&any=ab", "must=x&any=xyz",
                "must=x&any=abc", "must=x&both=3", "must=x&both=1", "must=x&both=9", "must=x&both=x", "must=x&notx=x",
                "must=x&notx=y", "must=x&empty=", "must=x&empty=5", "must=x&empty=x", "must=x&other=1",
                "must=x&limit=0&species=bird&q=A&ratio=0&ids=1,x&flag=maybe");
    }

    private static Request request(String path, String query, String... headers) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder("GET", path);
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            int equals = pair.indexOf('=');
            builder.withQueryParam(pair.substring(0, equals),
                    java.net.URLDecoder.decode(pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.withHeader(headers[i], headers[i + 1]);
        }
        return builder.build();
    }

    private static List<String> messages(OpenApiInteractionValidator validator, Request request) {
        List<String> found = new ArrayList<>();
        for (ValidationReport.Message message : validator.validateRequest(request).getMessages()) {
            found.add(message.getKey() + " " + message.getLevel() + " " + message.getContext()
                    .flatMap(ValidationReport.MessageContext::getParameter)
                    .map(parameter -> parameter.getIn() + ":" + parameter.getName()).orElse("-"));
        }
        return found;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("queries")
    void findsWhatTheValidatorFindsInTheQuery(String query) {
        Request request = request("/pets/1/rex", query);

        assertThat(messages(COMPILED, request)).isEqualTo(messages(STOCK, request));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void findsWhatTheValidatorFindsInThePath(String path) {
        Request request = request(path, "must=x");

        assertThat(messages(COMPILED, request)).isEqualTo(messages(STOCK, request));
    }

    static Stream<String> paths() {
        return Stream.of("/pets/1/rex", "/pets/0/rex", "/pets/x/rex", "/pets/3000000000/rex", "/pets/1/Rex",
                "/pets/1/a-very-long-slug", "/pets/-1/REX", "/pets/1.5/x");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("headers")
    void findsWhatTheValidatorFindsInHeadersAndCookies(String name, String value) {
        Request request = request("/pets/1/rex", "must=x", name, value);

        assertThat(messages(COMPILED, request)).isEqualTo(messages(STOCK, request));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> headers() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("X-Rate", "5"),
                org.junit.jupiter.params.provider.Arguments.of("X-Rate", "11"),
                org.junit.jupiter.params.provider.Arguments.of("X-Rate", "x"),
                org.junit.jupiter.params.provider.Arguments.of("X-Trace", "3f0c2a9e-4b7d-4e1a-9c55-0d6f1b2e8a71"),
                org.junit.jupiter.params.provider.Arguments.of("X-Trace", "nope"),
                org.junit.jupiter.params.provider.Arguments.of("Cookie", "session=abcd"),
                org.junit.jupiter.params.provider.Arguments.of("Cookie", "session=ab"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "-0", "7", "-12", "100", "999999999", "-999999999", "1000000000", "2147483648",
            "-2147483649", "9223372036854775808", "007", "-01", "5.0", "1e2", "-", "+5", " 5", "0x10"})
    void readsIntegerValuesAsTheJsonReaderDoes(String value) throws IOException {
        JsonNode expected;
        try {
            expected = Json.mapper().readTree(value);
        } catch (IOException e) {
            assertThat(ParameterSchemas.shortInteger(value)).isFalse();
            return;
        }
        JsonNode read = ParameterSchemas.read(value, "integer");

        assertThat(read).isEqualTo(expected);
        assertThat(read.getClass()).isEqualTo(expected.getClass());
    }

    @Test
    void judgesAValueAgainstEachSchemaThoughAnotherFoundItValid() {
        OpenApiInteractionValidator compiled = validator(true);

        assertThat(messages(compiled, request("/pets/1/rex", "must=x&limit=11"))).isEmpty();
        assertThat(messages(compiled, request("/pets/1/rex", "must=x&limit=11", "X-Rate", "11")))
                .containsExactly("validation.request.parameter.schema.maximum ERROR header:X-Rate");
    }

    @Test
    void reportsAnInvalidValueEveryTimeItIsSent() {
        OpenApiInteractionValidator compiled = validator(true);

        for (int i = 0; i < 3; i++) {
            assertThat(messages(compiled, request("/pets/1/rex", "must=x&limit=0")))
                    .containsExactly("validation.request.parameter.schema.minimum ERROR query:limit");
        }
    }

    @Test
    void reportsSomethingForTheMixedCase() {
        // Guards the comparison: the cases do reach the schema checks.
        assertThat(messages(COMPILED, request("/pets/0/rex", "must=x&limit=0&species=bird&ids=1,x")))
                .contains("validation.request.parameter.schema.minimum ERROR query:limit",
                        "validation.request.parameter.schema.enum ERROR query:species",
                        "validation.request.parameter.schema.minimum ERROR path:id");
    }
}
