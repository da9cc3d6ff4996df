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
import java.util.ArrayList;
import java.util.List;
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
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(SPEC)
                .withLevelResolver(LevelResolver.create()
                        .withLevel(RequestSteps.UNEXPECTED_QUERY_PARAMETER, ValidationReport.Level.ERROR).build())
                .build();
        assertSameReports(validator, Request.Method.GET, variants, false);
    }

    @Test
    void leavesOutOnlyIgnoredUnexpectedQueryParameterMessages() throws ReflectiveOperationException {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(SPEC)
                .withLevelResolver(LevelResolver.create()
                        .withLevel(RequestSteps.UNEXPECTED_QUERY_PARAMETER, ValidationReport.Level.IGNORE).build())
                .build();
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
                assertThat(describe(steps.validate(request, operation, true))).isEqualTo(describe(expected));
            }
        }
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
                actual.add(describe(steps.validate(request, operation)));
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(expected).anyMatch(report -> report.contains("ERROR"));
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
