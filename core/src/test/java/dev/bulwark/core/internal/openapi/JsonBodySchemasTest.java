package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.networknt.schema.Schema;
import dev.bulwark.core.internal.JacksonBuffers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The body violations found with the compiled schemas are the ones swagger-request-validator
 * reports when it checks the body itself: same keys, same instance pointers, same order, for
 * each keyword and format an OpenAPI 3.0 schema can use.
 */
class JsonBodySchemasTest {

    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: bodies, version: '1'}
            paths:
              /things:
                post:
                  requestBody:
                    required: true
                    content:
                      application/json: {schema: {$ref: '#/components/schemas/Thing'}}
                  responses: {'201': {description: created}}
              /things/{id}:
                put:
                  parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
                  requestBody: {$ref: '#/components/requestBodies/Record'}
                  responses: {'200': {description: ok}}
              /pets:
                post:
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          properties:
                            strict: {$ref: '#/components/schemas/Strict'}
                            maybe: {$ref: '#/components/schemas/Maybe'}
                            stamp: {$ref: '#/components/schemas/Stamp'}
                  responses: {'200': {description: ok}}
              /dogs:
                post:
                  requestBody:
                    content:
                      application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Dog'}}}
                  responses: {'200': {description: ok}}
              /any:
                post:
                  requestBody:
                    content:
                      application/*: {schema: {type: array, maxItems: 2, items: {type: integer, minimum: 0}}}
                  responses: {'200': {description: ok}}
            components:
              requestBodies:
                Record:
                  required: true
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [id, name]
                        properties:
                          id: {type: integer, readOnly: true}
                          name: {type: string}
              schemas:
                Pet:
                  type: object
                  required: [petType]
                  discriminator: {propertyName: petType}
                  properties: {petType: {type: string}, name: {type: string}}
                Dog:
                  allOf:
                    - $ref: '#/components/schemas/Pet'
                    - type: object
                      properties: {bark: {type: boolean}}
                Strict:
                  type: object
                  additionalProperties: false
                  allOf:
                    - type: object
                      properties: {a: {type: integer}}
                  properties: {b: {type: integer}}
                Maybe:
                  type: object
                  nullable: true
                  properties: {v: {type: integer, nullable: true}}
                Stamp:
                  type: object
                  required: [id, at]
                  properties:
                    id: {$ref: '#/components/schemas/Id'}
                    at: {type: string}
                Id: {type: integer, readOnly: true}
                Thing:
                  type: object
                  required: [name, kind]
                  additionalProperties: false
                  properties:
                    id: {type: integer, format: int64, readOnly: true}
                    name: {type: string, minLength: 1, maxLength: 8, pattern: '^[A-Za-z]+$'}
                    kind: {type: string, enum: [a, b]}
                    count: {type: integer, format: int32, minimum: 0, maximum: 10}
                    ratio: {type: number, format: double, minimum: 0, exclusiveMinimum: true, multipleOf: 0.5}
                    at: {type: string, format: date-time}
                    day: {type: string, format: date}
                    mail: {type: string, format: email}
                    ref: {type: string, format: uuid}
                    link: {type: string, format: uri}
                    blob: {type: string, format: byte}
                    note: {type: string, nullable: true}
                    tags: {type: array, minItems: 1, maxItems: 3, uniqueItems: true, items: {type: string}}
                    meta: {type: object, minProperties: 1, maxProperties: 2, additionalProperties: {type: integer}}
                    choice: {oneOf: [{type: string}, {type: integer}]}
                    either: {anyOf: [{type: string, maxLength: 2}, {type: integer}]}
                    both: {allOf: [{type: object, properties: {x: {type: integer}}}, {required: [x]}]}
                    not: {not: {type: string}}
            """;

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(SPEC).withSchemaFactorySupplier(SchemaEngine::schemaFactory).build();
    private static final JsonBodySchemas BODIES = new JsonBodySchemas(SPEC, "", true, true);

    static Stream<Arguments> bodies() {
        String thing = "\"name\":\"Rex\",\"kind\":\"a\"";
        List<String> things = List.of(
                "{" + thing + "}",
                "{" + thing + ",\"id\":7,\"count\":3,\"ratio\":1.5,\"at\":\"2020-01-01T10:00:00Z\",\"day\":\"2020-02-29\","
                        + "\"mail\":\"a@example.com\",\"ref\":\"3f0c2a9e-4b7d-4e1a-9c55-0d6f1b2e8a71\",\"link\":\"https://x.example/a\","
                        + "\"blob\":\"aGVsbG8=\",\"note\":null,\"tags\":[\"a\"],\"meta\":{\"a\":1},\"choice\":\"s\",\"either\":5,"
                        + "\"both\":{\"x\":1},\"not\":1}",
                "{\"name\":\"Rex\"}",
                "{}",
                "{" + thing + ",\"extra\":1,\"more\":2}",
                "{\"name\":\"Rex\",\"kind\":\"c\"}",
                "{\"name\":\"\",\"kind\":\"a\"}",
                "{\"name\":\"Rexxxxxxxxx\",\"kind\":\"a\"}",
                "{\"name\":\"Rex1\",\"kind\":\"a\"}",
                "{\"name\":\"Rex\\n\",\"kind\":\"a\"}",
                "{\"name\":\"\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\",\"kind\":\"a\"}",
                "{\"name\":7,\"kind\":\"a\"}",
                "{\"name\":null,\"kind\":\"a\"}",
                "{" + thing + ",\"count\":11}",
                "{" + thing + ",\"count\":-1}",
                "{" + thing + ",\"count\":1.5}",
                "{" + thing + ",\"count\":1.0}",
                "{" + thing + ",\"count\":\"3\"}",
                "{" + thing + ",\"count\":3000000000}",
                "{" + thing + ",\"id\":99999999999999999999}",
                "{" + thing + ",\"ratio\":0}",
                "{" + thing + ",\"ratio\":0.3}",
                "{" + thing + ",\"at\":\"2020-01-01\"}",
                "{" + thing + ",\"at\":\"2020-01-01t10:00:00z\"}",
                "{" + thing + ",\"at\":\"2020-01-01T10:00:00.123+01:00\"}",
                "{" + thing + ",\"at\":\"2020-01-01T25:00:00Z\"}",
                "{" + thing + ",\"day\":\"2020-02-30\"}",
                "{" + thing + ",\"day\":\"20200101\"}",
                "{" + thing + ",\"mail\":\"nobody\"}",
                "{" + thing + ",\"mail\":\"a@b\"}",
                "{" + thing + ",\"ref\":\"nope\"}",
                "{" + thing + ",\"ref\":\"3F0C2A9E-4B7D-4E1A-9C55-0D6F1B2E8A71\"}",
                "{" + thing + ",\"link\":\"not a uri\"}",
                "{" + thing + ",\"link\":\"relative/path\"}",
                "{" + thing + ",\"blob\":\"!!\"}",
                "{" + thing + ",\"note\":5}",
                "{" + thing + ",\"tags\":[]}",
                "{" + thing + ",\"tags\":[\"a\",\"a\"]}",
                "{" + thing + ",\"tags\":[\"a\",\"b\",\"c\",\"d\"]}",
                "{" + thing + ",\"tags\":[\"a\",1,true]}",
                "{" + thing + ",\"meta\":{}}",
                "{" + thing + ",\"meta\":{\"a\":\"x\"}}",
                "{" + thing + ",\"meta\":{\"a\":1,\"b\":2,\"c\":3}}",
                "{" + thing + ",\"choice\":true}",
                "{" + thing + ",\"choice\":1.5}",
                "{" + thing + ",\"either\":\"abc\"}",
                "{" + thing + ",\"both\":{}}",
                "{" + thing + ",\"both\":{\"x\":1,\"y\":2}}",
                "{" + thing + ",\"both\":{\"x\":\"y\"}}",
                "{" + thing + ",\"not\":\"s\"}",
                "{\"name\":5,\"kind\":\"c\",\"count\":99,\"tags\":[],\"extra\":true}",
                "{\"extra\":true}",
                "{" + thing + ",\"count\":3000000000,\"tags\":[1,1],\"meta\":{\"b\":\"x\",\"a\":\"y\"}}",
                "[]",
                "\"text\"",
                "42",
                "null",
                "{\"name\":",
                "{" + thing + "} trailing",
                "{" + thing + ",\"name\":\"Dup\"}");
        List<Arguments> cases = new ArrayList<>();
        for (String body : things) {
            cases.add(Arguments.of("POST", "/things", "application/json", body));
        }
        cases.add(Arguments.of("POST", "/things", "application/json; charset=utf-8", "{\"name\":\"Rex\"}"));
        cases.add(Arguments.of("PUT", "/things/1", "application/json", "{\"name\":\"Rex\"}"));
        cases.add(Arguments.of("PUT", "/things/1", "application/json", "{\"id\":1}"));
        cases.add(Arguments.of("PUT", "/things/1", "application/json", "{\"id\":\"x\",\"name\":3}"));
        for (String pets : List.of("{\"strict\":{\"a\":1,\"b\":2}}", "{\"strict\":{\"a\":\"x\",\"c\":2}}",
                "{\"maybe\":null}", "{\"maybe\":{\"v\":null}}", "{\"maybe\":{\"v\":\"x\"}}", "{\"maybe\":5}",
                "{\"stamp\":{\"at\":\"x\"}}", "{\"maybe\":{\"v\":1,\"w\":2},\"zzz\":1}", "{\"stamp\":{}}", "{\"stamp\":{\"id\":\"x\",\"at\":\"y\"}}")) {
            cases.add(Arguments.of("POST", "/pets", "application/json", pets));
        }
        cases.add(Arguments.of("POST", "/any", "application/json", "[1,-2,3]"));
        cases.add(Arguments.of("POST", "/any", "application/vnd.any+json", "[1,\"x\"]"));
        cases.add(Arguments.of("POST", "/any", "application/json", "[1]"));
        return cases.stream();
    }

    @Test
    void compilesBodiesWhoseSchemaUsesADiscriminator() {
        // The validator loops on them (SpecDiscriminatorTest has the cases).
        Request request = new SimpleRequest.Builder("POST", "/dogs").withContentType("application/json").build();

        assertThat(BODIES.schemaFor("/dogs", request.getMethod(), request, true)).isNotNull();
    }

    @Test
    void selectsTheSameSchemaWhenAContentTypeComesAgain() {
        JsonBodySchemas bodies = new JsonBodySchemas(SPEC, "", true, true);
        List<Schema> selected = new ArrayList<>();
        for (String contentType : List.of("application/vnd.any+json", "text/plain", "application/json; charset=utf-8",
                "application/vnd.any+json", "text/plain", "application/json; charset=utf-8")) {
            Request request = new SimpleRequest.Builder("POST", "/any").withContentType(contentType).build();
            selected.add(bodies.schemaFor("/any", request.getMethod(), request, true));
        }

        assertThat(selected.get(0)).isNotNull();
        assertThat(selected.get(1)).isNull();
        assertThat(selected.subList(3, 6)).containsExactlyElementsOf(selected.subList(0, 3));
    }

    @Test
    void selectsBodiesThroughTheOperationTableWithoutAResolverOfItsOwn() throws ReflectiveOperationException {
        OperationRoutes routes = OperationRoutes.of(VALIDATOR);
        JsonBodySchemas routed = new JsonBodySchemas(SPEC, "", true, false);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (String path : List.of("/things", "/things/7", "/THINGS", "/pets", "/dogs", "/any", "/unknown", "/things/7/x")) {
            for (String method : List.of("POST", "PUT", "GET")) {
                for (String contentType : List.of("application/json", "application/vnd.any+json", "text/plain")) {
                    Request request = new SimpleRequest.Builder(method, path).withContentType(contentType).build();
                    expected.add(method + " " + path + " " + contentType + " -> "
                            + location(BODIES.schemaFor(path, request.getMethod(), request, true)));
                    ApiOperation operation = routes.resolve(path, request.getMethod());
                    actual.add(method + " " + path + " " + contentType + " -> "
                            + location(operation == null ? null : routed.schemaFor(operation, request, true)));
                }
            }
        }

        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(expected).anyMatch(selection -> !selection.endsWith("-> none"));
        assertThat(ValidatorInternals.read(routed, "operations")).isNull();
    }

    @Test
    void validatingABodyLeavesNoValueInTheThreadsBuffers() {
        // A valid name: eight random letters.
        String secret = ThreadLocalRandom.current().ints(8, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        Request withoutBody = new SimpleRequest.Builder("POST", "/things").withContentType("application/json").build();
        Schema schema = BODIES.schemaFor("/things", withoutBody.getMethod(), withoutBody, true);

        List<JsonBodySchemas.BodyViolation> violations = JsonBodySchemas.validate(schema,
                ("{\"kind\":\"a\",\"name\":\"" + secret + "\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(violations).isEmpty();
        assertThat(JacksonBuffers.ofThisThread()).doesNotContain(secret);
    }

    private static String location(Schema schema) {
        return schema == null ? "none" : String.valueOf(schema.getSchemaLocation());
    }

    @Test
    void remembersAnswersForABoundedNumberOfContentTypes() {
        RecentAnswers<String> answers = new RecentAnswers<>();
        for (int i = 0; i < 100; i++) {
            String contentType = "application/x-" + i + "+json";
            assertThat(answers.answer(contentType, String::toUpperCase)).isEqualTo(contentType.toUpperCase());
        }

        assertThat(answers.size()).isLessThanOrEqualTo(RecentAnswers.REMEMBERED_VALUES);
    }

    @Test
    void remembersAContentTypeSentAfterManyOthers() {
        RecentAnswers<Integer> answers = new RecentAnswers<>();
        for (int i = 0; i < 100; i++) {
            answers.answer("application/x-" + i + "+json", String::length);
        }
        int[] computed = {0};

        answers.answer("application/json", value -> ++computed[0]);
        answers.answer("application/json", value -> ++computed[0]);

        assertThat(computed[0]).isEqualTo(1);
    }

    @Test
    void answersALongContentTypeAfreshEachTime() {
        RecentAnswers<Integer> answers = new RecentAnswers<>();
        String contentType = "application/json; x=" + "a".repeat(RecentAnswers.REMEMBERED_LENGTH);
        int[] computed = {0};

        answers.answer(contentType, value -> ++computed[0]);
        answers.answer(contentType, value -> ++computed[0]);

        assertThat(computed[0]).isEqualTo(2);
        assertThat(answers.size()).isZero();
    }

    @Test
    void keepsNoAnswerItIsToldIsNotWorthKeeping() {
        RecentAnswers<Boolean> answers = new RecentAnswers<>();
        int[] computed = {0};

        answers.answer("a=1", value -> ++computed[0] > 0 && false, Boolean::booleanValue);
        answers.answer("a=1", value -> ++computed[0] > 0 && false, Boolean::booleanValue);
        answers.answer("b=1", value -> ++computed[0] > 0, Boolean::booleanValue);
        answers.answer("b=1", value -> ++computed[0] > 0, Boolean::booleanValue);

        assertThat(computed[0]).isEqualTo(3);
        assertThat(answers.size()).isOne();
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @MethodSource("bodies")
    void findsWhatTheValidatorFindsInTheBody(String method, String path, String contentType, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Request withBody = new SimpleRequest.Builder(method, path).withContentType(contentType).withBody(body).build();
        List<String> expected = new ArrayList<>();
        for (ValidationReport.Message message : VALIDATOR.validateRequest(withBody).getMessages()) {
            if (message.getKey().startsWith("validation.request.body")) {
                expected.add(message.getKey() + "@" + message.getContext()
                        .flatMap(ValidationReport.MessageContext::getPointers)
                        .map(ValidationReport.MessageContext.Pointers::getInstance).orElse("body"));
            }
        }

        Request withoutBody = new SimpleRequest.Builder(method, path).withContentType(contentType).build();
        Schema schema = BODIES.schemaFor(path, withoutBody.getMethod(), withoutBody, true);
        assertThat(schema).isNotNull();
        List<String> found = new ArrayList<>();
        for (JsonBodySchemas.BodyViolation violation : JsonBodySchemas.validate(schema, body)) {
            found.add(violation.key() + "@" + (violation.pointer() == null ? "body" : violation.pointer()));
        }

        assertThat(found).isEqualTo(expected);
    }
}
