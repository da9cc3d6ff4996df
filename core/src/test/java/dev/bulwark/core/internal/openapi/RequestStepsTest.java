package dev.bulwark.core.internal.openapi;

import static dev.bulwark.core.internal.openapi.ValidatorInternals.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.request.RequestValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The validator's request check taken step by step, with media type answers remembered per
 * operation, reports what the validator's own {@code validateRequest} reports: the same messages,
 * in the same order, with the same levels and context, the first time and every time after.
 */
class RequestStepsTest {

    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: steps, version: "1"}
            components:
              securitySchemes:
                bearer: {type: http, scheme: bearer}
            paths:
              /pets:
                get:
                  parameters:
                    - {name: limit, in: query, schema: {type: integer, maximum: 10}}
                    - {name: X-Trace, in: header, required: true, schema: {type: string, maxLength: 8}}
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json: {schema: {type: array, items: {type: string}}}
                        text/csv: {schema: {type: string}}
                post:
                  security: [{bearer: []}]
                  requestBody:
                    required: true
                    content:
                      application/json: {schema: {type: object}}
                      application/merge-patch+json: {schema: {type: object}}
                  responses:
                    "201": {description: created}
            """;

    private static final List<String> ACCEPTS = List.of("application/json", "text/csv", "text/html", "*/*",
            "text/html, application/json;q=0.9", "application/*", "not a media type", "");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/merge-patch+json", "text/plain", "application/xml, application/json", "broken/", "");

    @Test
    void reportsWhatTheValidatorReportsForEveryAcceptValue() throws ReflectiveOperationException {
        List<UnaryOperator<SimpleRequest.Builder>> variants = new ArrayList<>();
        for (String accept : ACCEPTS) {
            variants.add(builder -> builder.withHeader("Accept", accept).withHeader("X-Trace", "abc"));
        }
        variants.add(builder -> builder.withHeader("Accept", "text/html", "application/json"));
        variants.add(builder -> builder.withHeader("X-Trace", "far-too-long").withQueryParam("limit", "50"));
        variants.add(builder -> builder.withHeader("X-Trace", "abc").withQueryParam("unexpected", "1"));
        variants.add(builder -> builder.withHeader("X-Trace", "abc").withQueryParam("limit", "1"));
        variants.add(builder -> builder.withHeader("X-Trace", "abc").withQueryParam("limit", "1").withQueryParam("lim", "2"));
        variants.add(builder -> builder.withHeader("X-Trace", "abc").withQueryParam("5:limit", "1"));
        variants.add(builder -> builder.withHeader("X-Trace", "abc").withQueryParam("x".repeat(200), "1"));
        variants.add(builder -> builder);
        OpenApiInteractionValidator validator = validatorWithUnexpectedQuery(ValidationReport.Level.ERROR);
        assertSameReports(validator, Request.Method.GET, variants, false);
    }

    @Test
    void leavesOutOnlyIgnoredUnexpectedQueryParameterMessages() throws ReflectiveOperationException {
        OpenApiInteractionValidator validator = validatorWithUnexpectedQuery(ValidationReport.Level.IGNORE);
        List<UnaryOperator<SimpleRequest.Builder>> variants = List.of(
                builder -> builder.withHeader("X-Trace", "abc").withQueryParam("unexpected", "1"),
                builder -> builder.withQueryParam("unexpected", "1").withQueryParam("limit", "50"));
        assertSameReports(validator, Request.Method.GET, variants, true);
    }

    @Test
    void reportsWhatTheValidatorReportsForEveryContentType() throws ReflectiveOperationException {
        List<UnaryOperator<SimpleRequest.Builder>> variants = new ArrayList<>();
        for (String contentType : CONTENT_TYPES) {
            variants.add(builder -> builder.withContentType(contentType).withAuthorization("Bearer abc").withBody("{}"));
            variants.add(builder -> builder.withContentType(contentType).withBody("[1]"));
        }
        variants.add(builder -> builder.withHeader("Content-Type", "text/plain", "application/json").withBody("{}"));
        variants.add(builder -> builder.withAuthorization("Basic abc"));
        assertSameReports(OpenApiInteractionValidator.createForInlineApiSpecification(SPEC).build(), Request.Method.POST,
                variants, false);
    }

    /**
     * Every way of asking for security the step reads (basic, bearer, another HTTP scheme, API
     * keys in a header, the query and a cookie, OAuth 2, an undefined scheme; alone, together, as
     * alternatives, optional), against random credentials.
     */
    private static final String SECURED = """
            openapi: 3.0.3
            info: {title: security, version: "1"}
            components:
              securitySchemes:
                basic: {type: http, scheme: basic}
                bearer: {type: http, scheme: Bearer}
                digest: {type: http, scheme: digest}
                headerKey: {type: apiKey, in: header, name: X-Api-Key}
                queryKey: {type: apiKey, in: query, name: api_key}
                cookieKey: {type: apiKey, in: cookie, name: session}
                oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: "https://example.com/token", scopes: {}}}}
            paths:
              /bearer: {post: {security: [{bearer: []}], responses: {"200": {description: ok}}}}
              /basic: {post: {security: [{basic: []}], responses: {"200": {description: ok}}}}
              /digest: {post: {security: [{digest: []}], responses: {"200": {description: ok}}}}
              /either: {post: {security: [{bearer: []}, {headerKey: []}], responses: {"200": {description: ok}}}}
              /both: {post: {security: [{basic: [], queryKey: []}], responses: {"200": {description: ok}}}}
              /optional: {post: {security: [{}, {bearer: []}], responses: {"200": {description: ok}}}}
              /cookie: {post: {security: [{cookieKey: []}, {bearer: []}], responses: {"200": {description: ok}}}}
              /oauth: {post: {security: [{oauth: []}, {bearer: []}], responses: {"200": {description: ok}}}}
              /undefined: {post: {security: [{nowhere: []}, {bearer: []}], responses: {"200": {description: ok}}}}
              /open: {post: {responses: {"200": {description: ok}}}}
            """;

    private static final List<String> AUTHORIZATIONS = List.of("Bearer abc", "Basic YTpi", "bearer abc", "Bearer",
            "Bearerabc", "Basic", "Digest x", "", " Bearer abc");

    @Test
    void skipsTheSecurityStepOnlyWhereItReportsNothing() throws ReflectiveOperationException {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(SECURED)
                .withLevelResolver(LevelResolver.create()
                        .withLevel(RequestSteps.UNEXPECTED_QUERY_PARAMETER, ValidationReport.Level.ERROR).build())
                .build();
        RequestValidator requestValidator = (RequestValidator) read(validator, "requestValidator");
        OperationRoutes routes = OperationRoutes.of(validator);
        RequestSteps steps = stepsOf(routes);
        List<String> paths = List.of("/bearer", "/basic", "/digest", "/either", "/both", "/optional", "/cookie", "/oauth",
                "/undefined", "/open");
        Random random = new Random(12);
        int skipped = 0;
        int refused = 0;
        for (int i = 0; i < 4000; i++) {
            String path = paths.get(random.nextInt(paths.size()));
            SimpleRequest.Builder builder = new SimpleRequest.Builder(Request.Method.POST, path);
            int authorizations = random.nextInt(4) == 0 ? 2 : random.nextInt(2);
            for (int a = 0; a < authorizations; a++) {
                builder.withHeader(random.nextBoolean() ? "Authorization" : "authorization",
                        AUTHORIZATIONS.get(random.nextInt(AUTHORIZATIONS.size())));
            }
            if (random.nextBoolean()) {
                builder.withHeader(random.nextBoolean() ? "X-Api-Key" : "x-api-key", random.nextBoolean() ? "k" : "");
            }
            if (random.nextBoolean()) {
                builder.withQueryParam(random.nextBoolean() ? "api_key" : "API_KEY", random.nextBoolean() ? "k" : "");
            }
            if (random.nextBoolean()) {
                builder.withHeader("Cookie", random.nextBoolean() ? "session=s" : "other=o");
            }
            Request request = builder.build();
            ApiOperation operation = routes.resolve(path, Request.Method.POST);
            ValidationReport expected = requestValidator.validateRequest(request, operation);
            assertThat(describe(validated(steps, request, operation))).as("%s %s", path, request.getHeaders())
                    .isEqualTo(describe(expected));
            Operation model = operation.getOperation();
            if (steps.securityMet(request, model)) {
                skipped++;
                assertThat(expected.getMessages()).noneMatch(message -> message.getKey().startsWith("validation.request.security"));
            } else if (expected.hasErrors()) {
                refused++;
            }
        }
        assertThat(skipped).isGreaterThan(1000);
        assertThat(refused).isGreaterThan(1000);
    }

    @Test
    void refusesAMissingOrWrongBearerTokenAsTheValidatorDoes() throws ReflectiveOperationException {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(SECURED).build();
        RequestSteps steps = stepsOf(OperationRoutes.of(validator));
        ApiOperation operation = OperationRoutes.of(validator).resolve("/bearer", Request.Method.POST);
        assertThat(keys(validated(steps, new SimpleRequest.Builder(Request.Method.POST, "/bearer").build(), operation)))
                .containsExactly("validation.request.security.missing");
        assertThat(keys(validated(steps, new SimpleRequest.Builder(Request.Method.POST, "/bearer")
                .withAuthorization("Basic YTpi").build(), operation)))
                .containsExactly("validation.request.security.invalid");
        assertThat(keys(validated(steps, new SimpleRequest.Builder(Request.Method.POST, "/bearer")
                .withAuthorization("Bearer abc").build(), operation))).isEmpty();
    }

    @Test
    void leavesOutOnlyTheMissingBodyWhenTheBodyIsCheckedApart() throws ReflectiveOperationException {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(SPEC).build();
        RequestValidator requestValidator = (RequestValidator) read(validator, "requestValidator");
        OperationRoutes routes = OperationRoutes.of(validator);
        RequestSteps steps = stepsOf(routes);
        List<UnaryOperator<SimpleRequest.Builder>> variants = new ArrayList<>();
        for (String contentType : CONTENT_TYPES) {
            variants.add(builder -> builder.withContentType(contentType).withAuthorization("Bearer abc"));
            variants.add(builder -> builder.withContentType(contentType).withAccept("text/html"));
        }
        variants.add(builder -> builder.withHeader("Content-Type", "text/plain", "application/json"));
        for (Request.Method method : List.of(Request.Method.POST, Request.Method.GET)) {
            for (UnaryOperator<SimpleRequest.Builder> variant : variants) {
                Request request = variant.apply(new SimpleRequest.Builder(method, "/pets")).build();
                ApiOperation operation = routes.resolve("/pets", method);
                ValidationReport whole = requestValidator.validateRequest(request, operation);
                ValidationReport expected = ValidationReport.from(whole.getMessages().stream()
                        .filter(message -> !message.getKey().equals("validation.request.body.missing"))
                        .toList());
                assertThat(describe(steps.validate(request, operation, true, RequestSteps.queryKey(queryCalls(request)))))
                        .isEqualTo(describe(expected));
            }
        }
    }

    /** The validator of {@link #SPEC}, with unexpected query parameters reported at {@code level}. */
    private static OpenApiInteractionValidator validatorWithUnexpectedQuery(ValidationReport.Level level) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(SPEC)
                .withLevelResolver(LevelResolver.create().withLevel(RequestSteps.UNEXPECTED_QUERY_PARAMETER, level).build())
                .build();
    }

    private static List<String> keys(ValidationReport report) {
        return report.getMessages().stream().map(ValidationReport.Message::getKey).toList();
    }

    @Test
    void reportsWhatTheValidatorReportsForRandomQueriesSeenAgain() throws ReflectiveOperationException {
        OpenApiInteractionValidator validator = validatorWithUnexpectedQuery(ValidationReport.Level.ERROR);
        RequestValidator requestValidator = (RequestValidator) read(validator, "requestValidator");
        OperationRoutes routes = OperationRoutes.of(validator);
        RequestSteps steps = stepsOf(routes);
        ApiOperation operation = routes.resolve("/pets", Request.Method.GET);
        List<String> names = List.of("limit", "LIMIT", "lim", "unexpected");
        List<String> values = List.of("1", "10", "11", "-1", "abc", "", "1:2", "2=");
        Random random = new Random(7);
        int valid = 0;
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            // Grouped by exact name, one builder call per name, as OpenApiCheck hands the query over.
            Map<String, List<String>> calls = new LinkedHashMap<>();
            for (int p = random.nextInt(4); p > 0; p--) {
                List<String> some = calls.computeIfAbsent(names.get(random.nextInt(names.size())), name -> new ArrayList<>());
                for (int v = random.nextInt(2); v >= 0; v--) {
                    some.add(values.get(random.nextInt(values.size())));
                }
            }
            SimpleRequest.Builder builder = new SimpleRequest.Builder(Request.Method.GET, "/pets").withHeader("X-Trace", "abc");
            calls.forEach(builder::withQueryParam);
            Request request = builder.build();
            ValidationReport expected = requestValidator.validateRequest(request, operation);
            assertThat(describe(steps.validate(request, operation, false, RequestSteps.queryKey(calls)))).as("%s", calls)
                    .isEqualTo(describe(expected));
            if (expected.getMessages().isEmpty()) {
                valid++;
            } else {
                refused++;
            }
        }
        assertThat(valid).isGreaterThan(300);
        assertThat(refused).isGreaterThan(300);
    }

    @Test
    void reportsWhatTheValidatorReportsFromThreadsSharingTheRememberedAnswers() throws Exception {
        OpenApiInteractionValidator validator = validatorWithUnexpectedQuery(ValidationReport.Level.ERROR);
        RequestValidator requestValidator = (RequestValidator) read(validator, "requestValidator");
        OperationRoutes routes = OperationRoutes.of(validator);
        RequestSteps steps = stepsOf(routes);
        ApiOperation operation = routes.resolve("/pets", Request.Method.GET);
        List<String> limits = List.of("1", "10", "11", "x", "");
        List<String> accepts = List.of("application/json", "text/csv", "text/html", "*/*");
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> differences = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Random random = new Random(t);
                differences.add(threads.submit(() -> {
                    List<String> found = new ArrayList<>();
                    for (int i = 0; i < 2000; i++) {
                        Map<String, List<String>> calls = new LinkedHashMap<>();
                        calls.put(random.nextBoolean() ? "limit" : "other", List.of(limits.get(random.nextInt(limits.size()))));
                        SimpleRequest.Builder builder = new SimpleRequest.Builder(Request.Method.GET, "/pets")
                                .withHeader("X-Trace", random.nextBoolean() ? "abc" : "far-too-long")
                                .withAccept(accepts.get(random.nextInt(accepts.size())));
                        calls.forEach(builder::withQueryParam);
                        Request request = builder.build();
                        String expected = describe(requestValidator.validateRequest(request, operation));
                        String actual = describe(steps.validate(request, operation, false, RequestSteps.queryKey(calls)));
                        if (!actual.equals(expected)) {
                            found.add(calls + ": " + actual + " instead of " + expected);
                        }
                    }
                    return found;
                }));
            }
            for (Future<List<String>> thread : differences) {
                assertThat(thread.get()).isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void keysQueriesSoThatNoTwoShareOne() {
        Map<String, List<String>> twoNames = new LinkedHashMap<>();
        twoNames.put("a", List.of("1"));
        twoNames.put("b", List.of(""));
        List<String> keys = List.of(RequestSteps.queryKey(Map.of("a", List.of("1=1:b"))), RequestSteps.queryKey(twoNames),
                RequestSteps.queryKey(Map.of("a", List.of("1", "b"))), RequestSteps.queryKey(Map.of("a", List.of(""))),
                RequestSteps.queryKey(Map.of("a", List.of())), RequestSteps.queryKey(Map.of()));
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(RequestSteps.queryKey(Map.of("a", List.of("x".repeat(200))))).isNull();
    }

    @Test
    void readsAHeaderExactlyWhenItsNameIsEqualToOneReadIgnoringCase() throws ReflectiveOperationException {
        String spec = """
                openapi: 3.0.3
                info: {title: headers, version: "1"}
                paths:
                  /items:
                    get:
                      parameters:
                        - {name: X-Kiss, in: header, schema: {type: string}}
                        - {name: "X-\u017fk\u0131", in: header, schema: {type: string}}
                      responses: {"200": {description: ok}}
                """;
        RequestSteps steps = stepsOf(OperationRoutes.of(OpenApiInteractionValidator.createForInlineApiSpecification(spec).build()));
        List<String> read = List.of("Content-Type", "Accept", "Authorization", "Cookie", "X-Kiss", "X-\u017fk\u0131");
        String variants = "sS\u017fkK\u212aiI\u0131\u0130\u00df-xXaA\ud801\udc00\ud801\udc28";
        Random random = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder name = new StringBuilder(read.get(random.nextInt(read.size())));
            for (int edits = random.nextInt(4); edits > 0; edits--) {
                int at = random.nextInt(name.length() + 1);
                char c = variants.charAt(random.nextInt(variants.length()));
                switch (random.nextInt(3)) {
                    case 0 -> name.insert(at, c);
                    case 1 -> name.setCharAt(Math.min(at, name.length() - 1), c);
                    default -> name.deleteCharAt(Math.min(at, name.length() - 1));
                }
                if (name.isEmpty()) {
                    name.append(c);
                }
            }
            String asked = name.toString();
            boolean expected = read.stream().anyMatch(known -> String.CASE_INSENSITIVE_ORDER.compare(known, asked) == 0);
            assertThat(steps.readsHeader(asked)).as(asked).isEqualTo(expected);
        }
        assertThat(steps.readsHeader("x-\u017f\u212aI")).isTrue();
        assertThat(steps.readsHeader("X-KI\u017f\u017f")).isTrue();
        assertThat(steps.readsHeader("X-Kis")).isFalse();
    }

    @Test
    void reportsWhatTheValidatorReportsWithOnlyTheHeadersItReads() throws ReflectiveOperationException {
        String spec = """
                openapi: 3.0.3
                info: {title: headers, version: "1"}
                components:
                  securitySchemes:
                    headerKey: {type: apiKey, in: header, name: X-Api-Key}
                    cookieKey: {type: apiKey, in: cookie, name: session}
                paths:
                  /items:
                    parameters:
                      - {name: X-Tenant, in: header, required: true, schema: {type: string, maxLength: 4}}
                    post:
                      security: [{headerKey: []}, {cookieKey: []}]
                      parameters:
                        - {name: X-Trace, in: header, schema: {type: integer}}
                        - {name: theme, in: cookie, schema: {type: string, enum: [dark]}}
                      requestBody:
                        content:
                          application/json: {schema: {type: object}}
                      responses:
                        "200":
                          description: ok
                          content:
                            application/json: {schema: {type: object}}
                """;
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec).build();
        RequestValidator requestValidator = (RequestValidator) read(validator, "requestValidator");
        OperationRoutes routes = OperationRoutes.of(validator);
        RequestSteps steps = stepsOf(routes);
        ApiOperation operation = routes.resolve("/items", Request.Method.POST);
        List<String> names = List.of("X-Tenant", "x-tenant", "X-Trace", "X-TRACE", "X-Api-Key", "Cookie", "Accept",
                "Content-Type", "content-type", "Authorization", "Host", "X-Other", "Via");
        List<String> values = List.of("abc", "toolong", "7", "", "session=s; theme=dark", "theme=light",
                "application/json", "text/html", "application/xml, application/json");
        Random random = new Random(3);
        int dropped = 0;
        for (int i = 0; i < 3000; i++) {
            SimpleRequest.Builder all = new SimpleRequest.Builder(Request.Method.POST, "/items");
            SimpleRequest.Builder read = new SimpleRequest.Builder(Request.Method.POST, "/items");
            for (int h = random.nextInt(6); h > 0; h--) {
                String name = names.get(random.nextInt(names.size()));
                String value = values.get(random.nextInt(values.size()));
                all.withHeader(name, value);
                if (steps.readsHeader(name)) {
                    read.withHeader(name, value);
                } else {
                    dropped++;
                }
            }
            ValidationReport expected = requestValidator.validateRequest(all.build(), operation);
            assertThat(describe(validated(steps, read.build(), operation))).isEqualTo(describe(expected));
        }
        assertThat(dropped).isGreaterThan(500);
        assertThat(steps.readsHeader("x-api-key")).isTrue();
        assertThat(steps.readsHeader("x-trace")).isTrue();
        assertThat(steps.readsHeader("X-Other")).isFalse();
    }

    @Test
    void reportsWhatTheValidatorReportsWithTheParameterStepsOfEachOperation() throws ReflectiveOperationException {
        String spec = """
                openapi: 3.0.3
                info: {title: parameters, version: "1"}
                paths:
                  /plain:
                    get:
                      responses: {"200": {description: ok}}
                  /headed:
                    parameters:
                      - {name: X-Tenant, in: header, required: true, schema: {type: string, maxLength: 4}}
                    get:
                      responses: {"200": {description: ok}}
                  /baked:
                    get:
                      parameters:
                        - {name: theme, in: cookie, required: true, schema: {type: string, enum: [dark]}}
                      responses: {"200": {description: ok}}
                """;
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec).build();
        RequestValidator requestValidator = (RequestValidator) read(validator, "requestValidator");
        OperationRoutes routes = OperationRoutes.of(validator);
        RequestSteps steps = stepsOf(routes);
        List<String> names = List.of("X-Tenant", "x-tenant", "Cookie", "cookie", "X-Other");
        List<String> values = List.of("abc", "toolong", "", "theme=dark", "theme=light", "theme", "=dark; theme=dark",
                "a=b;;theme=dark");
        Random random = new Random(5);
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            String path = List.of("/plain", "/headed", "/baked").get(random.nextInt(3));
            SimpleRequest.Builder builder = new SimpleRequest.Builder(Request.Method.GET, path);
            for (int h = random.nextInt(4); h > 0; h--) {
                builder.withHeader(names.get(random.nextInt(names.size())), values.get(random.nextInt(values.size())));
            }
            Request request = builder.build();
            ApiOperation operation = routes.resolve(path, Request.Method.GET);
            ValidationReport expected = requestValidator.validateRequest(request, operation);
            refused += expected.hasErrors() ? 1 : 0;
            assertThat(describe(validated(steps, request, operation))).isEqualTo(describe(expected));
        }
        assertThat(refused).isGreaterThan(1000);
    }

    @Test
    void keysQueriesUpToTheRememberedLengthExactly() {
        // "1:a1=" and "119:" around the value make 128 characters, the longest key remembered.
        assertThat(RequestSteps.queryKey(Map.of("a", List.of("x".repeat(119))))).hasSize(RecentAnswers.REMEMBERED_LENGTH);
        assertThat(RequestSteps.queryKey(Map.of("a", List.of("x".repeat(120))))).isNull();
        assertThat(RequestSteps.queryKey(Map.of("a".repeat(129), List.of()))).isNull();
        assertThat(RequestSteps.namesKey(List.of("x".repeat(124)))).hasSize(RecentAnswers.REMEMBERED_LENGTH);
        assertThat(RequestSteps.namesKey(List.of("x".repeat(125)))).isNull();
    }

    @Test
    void keysQueryNamesSoThatNoTwoListsShareOne() {
        assertThat(RequestSteps.namesKey(List.of("a:1", "b"))).isNotEqualTo(RequestSteps.namesKey(List.of("a", "1:b")));
        assertThat(RequestSteps.namesKey(List.of())).isNotEqualTo(RequestSteps.namesKey(List.of("")));
        assertThat(RequestSteps.namesKey(List.of("x".repeat(200)))).isNull();
    }

    private static void assertSameReports(OpenApiInteractionValidator validator, Request.Method method,
            List<UnaryOperator<SimpleRequest.Builder>> variants, boolean withoutIgnoredUnexpected)
            throws ReflectiveOperationException {
        RequestValidator requestValidator = (RequestValidator) read(validator, "requestValidator");
        OperationRoutes routes = OperationRoutes.of(validator);
        RequestSteps steps = stepsOf(routes);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (UnaryOperator<SimpleRequest.Builder> variant : variants) {
                Request request = variant.apply(new SimpleRequest.Builder(method, "/pets")).build();
                ApiOperation operation = routes.resolve("/pets", method);
                ValidationReport report = requestValidator.validateRequest(request, operation);
                if (withoutIgnoredUnexpected) {
                    assertThat(report.getMessages()).anyMatch(message -> message.getKey()
                            .equals(RequestSteps.UNEXPECTED_QUERY_PARAMETER) && message.getLevel() == ValidationReport.Level.IGNORE);
                    report = ValidationReport.from(report.getMessages().stream()
                            .filter(message -> !message.getKey().equals(RequestSteps.UNEXPECTED_QUERY_PARAMETER))
                            .toList());
                }
                expected.add(describe(report));
                actual.add(describe(validated(steps, request, operation)));
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(expected).anyMatch(report -> report.contains("ERROR"));
    }

    /** The steps' report on {@code request}, its body shown to the validator, as {@code OpenApiCheck} asks for it. */
    private static ValidationReport validated(RequestSteps steps, Request request, ApiOperation operation) {
        return steps.validate(request, operation, false, RequestSteps.queryKey(queryCalls(request)));
    }

    /**
     * The builder calls that make {@code request}'s query: its names as the request reads them back,
     * each with all its values, in order.
     */
    private static Map<String, List<String>> queryCalls(Request request) {
        Map<String, List<String>> calls = new LinkedHashMap<>();
        for (String name : request.getQueryParameters()) {
            calls.put(name, new ArrayList<>(request.getQueryParameterValues(name)));
        }
        return calls;
    }

    private static RequestSteps stepsOf(OperationRoutes routes) throws ReflectiveOperationException {
        RequestSteps steps = (RequestSteps) read(routes, "steps");
        assertThat(steps).isNotNull();
        return steps;
    }

    private static String describe(ValidationReport report) {
        StringBuilder text = new StringBuilder();
        for (ValidationReport.Message message : report.getMessages()) {
            text.append(message.getKey()).append(' ').append(message.getLevel()).append(' ').append(message.getMessage())
                    .append(' ').append(message.getAdditionalInfo());
            message.getContext().ifPresent(context -> text.append(" in=").append(context.getLocation())
                    .append(" path=").append(context.getRequestPath())
                    .append(" method=").append(context.getRequestMethod())
                    .append(" operation=").append(context.getApiOperation().map(operation -> operation.getApiPath().original()))
                    .append(" parameter=").append(context.getParameter().map(parameter -> parameter.getName()))
                    .append(" pointers=").append(context.getPointers().map(pointers -> pointers.getInstance())));
            text.append('\n');
        }
        return text.toString();
    }
}
