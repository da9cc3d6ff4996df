package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.interaction.ApiOperationResolver;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.ApiOperationMatch;
import com.atlassian.oai.validator.model.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The routing table selects the operation the validator's own resolver selects, for the same
 * spec, on paths that exercise its precedence (a path spelled like the request, then the most
 * specific), its base path, its splitting into segments, case and line terminators.
 */
class OperationRoutesTest {

    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: routes, version: "1"}
            servers: [{url: "https://example.test/api/v1"}]
            paths:
              /pets:
                get: {operationId: listPets, responses: {"200": {description: ok}}}
                post: {operationId: createPet, responses: {"201": {description: ok}}}
              /pets/{id}:
                parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                get: {operationId: getPet, responses: {"200": {description: ok}}}
                delete: {operationId: deletePet, responses: {"204": {description: ok}}}
              /pets/mine:
                get: {operationId: myPets, responses: {"200": {description: ok}}}
              /pets/{id}.json:
                parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                get: {operationId: getPetJson, responses: {"200": {description: ok}}}
              /files/{name}-{version}.tar.gz:
                parameters: [{name: name, in: path, required: true, schema: {type: string}}, {name: version, in: path, required: true, schema: {type: string}}]
                get: {operationId: getArchive, responses: {"200": {description: ok}}}
              /files/pre{a}mid{b}post:
                parameters: [{name: a, in: path, required: true, schema: {type: string}}, {name: b, in: path, required: true, schema: {type: string}}]
                get: {operationId: getPieces, responses: {"200": {description: ok}}}
              /files/{open:
                get: {operationId: getUnclosed, responses: {"200": {description: ok}}}
              /Straße/{x}:
                parameters: [{name: x, in: path, required: true, schema: {type: string}}]
                get: {operationId: getStreet, responses: {"200": {description: ok}}}
              /a//b:
                get: {operationId: getEmptySegment, responses: {"200": {description: ok}}}
              /:
                get: {operationId: root, responses: {"200": {description: ok}}}
              /trailing/:
                put: {operationId: putTrailing, responses: {"200": {description: ok}}}
            """;

    private static final List<String> PATHS = List.of(
            "/api/v1/pets", "/api/v1/pets/", "/api/v1/PETS", "/api/v1/pets/7", "/api/v1/pets/mine", "/api/v1/pets/MINE",
            "/api/v1/pets/7.json", "/api/v1/pets/7.JSON", "/api/v1/pets/.json", "/api/v1/pets/", "/api/v1/pets//",
            "/api/v1/pets/7/", "/api/v1/pets/a%2Fb", "/api/v1/pets/line\nbreak", "/api/v1/pets/line\u2028break",
            "/api/v1/pets/x\r.json", "/api/v1/files/bulwark-1.2.tar.gz", "/api/v1/files/bulwark-1.2.TAR.GZ",
            "/api/v1/files/bulwark.tar.gz", "/api/v1/files/-.tar.gz", "/api/v1/files/a-b-c.tar.gz.tar.gz",
            "/api/v1/files/premidpost", "/api/v1/files/PRExMIDyPOST", "/api/v1/files/premipost", "/api/v1/files/prepost",
            "/api/v1/files/premidmidpostpost", "/api/v1/files/{open", "/api/v1/files/{OPEN", "/api/v1/files/open",
            "/api/v1/straße/1", "/api/v1/STRASSE/1", "/api/v1/Straße/1", "/api/v1/STRAßE/1", "/api/v1/a//b", "/api/v1/a/b",
            "/api/v1/", "/api/v1", "/api/v1//", "/", "", "  /api/v1/pets  ", "/api/v1/trailing", "/api/v1/trailing/",
            "/api/v1pets", "/api/v2/pets", "/pets", "/api/v1/pets/7/owner", "/api/v1/unknown");

    @Test
    void selectsTheOperationTheValidatorSelectsForEveryPathAndMethod() throws ReflectiveOperationException {
        assertSameSelections(OpenApiInteractionValidator.createForInlineApiSpecification(SPEC).build());
    }

    @Test
    void selectsTheOperationTheValidatorSelectsUnderABasePathOverride() throws ReflectiveOperationException {
        assertSameSelections(OpenApiInteractionValidator.createForInlineApiSpecification(SPEC)
                .withBasePathOverride("/api/v1/pets").build());
    }

    @Test
    void selectsTheOperationTheValidatorSelectsWithStrictPathMatching() throws ReflectiveOperationException {
        assertSameSelections(OpenApiInteractionValidator.createForInlineApiSpecification(SPEC)
                .withStrictOperationPathMatching().build());
    }

    @Test
    void prefersThePathSpelledLikeTheRequestOverATemplate() {
        OperationRoutes routes = OperationRoutes.of(OpenApiInteractionValidator.createForInlineApiSpecification(SPEC).build());

        ApiOperation operation = routes.resolve("/api/v1/pets/mine", Request.Method.GET);

        assertThat(operation.getOperation().getOperationId()).isEqualTo("myPets");
    }

    @Test
    void prefersTheMostSpecificTemplate() {
        OperationRoutes routes = OperationRoutes.of(OpenApiInteractionValidator.createForInlineApiSpecification(SPEC).build());

        ApiOperation operation = routes.resolve("/api/v1/pets/7.json", Request.Method.GET);

        assertThat(operation.getOperation().getOperationId()).isEqualTo("getPetJson");
    }

    @Test
    void leavesAPathNoOperationFitsToTheValidator() {
        OperationRoutes routes = OperationRoutes.of(OpenApiInteractionValidator.createForInlineApiSpecification(SPEC).build());

        assertThat(routes.resolve("/api/v1/unknown", Request.Method.GET)).isNull();
        assertThat(routes.resolve("/api/v1/pets", Request.Method.PATCH)).isNull();
    }

    @Test
    void leavesTheWholeCheckToTheValidatorOfAnotherVersion() {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(SPEC).build();

        assertThat(OperationRoutes.of(validator, "2.47.0")).isNull();
        assertThat(OperationRoutes.of(validator, null)).isNull();
        assertThat(OperationRoutes.of(validator, ValidatorInternals.TESTED_VERSION)).isNotNull();
    }

    @Test
    void templatesDoNotMatchLineTerminators() {
        OperationRoutes.Segment segment = OperationRoutes.Segment.of("{name}-{version}.tar.gz");

        assertThat(segment.matches("bulwark-1.tar.gz")).isTrue();
        assertThat(segment.matches("bul\nwark-1.tar.gz")).isFalse();
        assertThat(segment.matches("bulwark-1\u0085.tar.gz")).isFalse();
    }

    @Test
    void leavesSpecSegmentsWithLineTerminatorsOrBackslashesToTheValidator() {
        assertThat(OperationRoutes.Segment.of("a\\Eb")).isNull();
        assertThat(OperationRoutes.Segment.of("a\nb")).isNull();
    }

    private static void assertSameSelections(OpenApiInteractionValidator validator) throws ReflectiveOperationException {
        ApiOperationResolver resolver = (ApiOperationResolver) ValidatorInternals.read(validator, "apiOperationResolver");
        OperationRoutes routes = OperationRoutes.of(validator);
        assertThat(routes).isNotNull();
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (String path : PATHS) {
            for (Request.Method method : Request.Method.values()) {
                ApiOperationMatch match = resolver.findApiOperation(path, method);
                expected.add(method + " " + path + " -> " + (match.isPathFound() && match.isOperationAllowed()
                        ? describe(match.getApiOperation()) : "validator"));
                ApiOperation resolved = routes.resolve(path, method);
                actual.add(method + " " + path + " -> " + (resolved == null ? "validator" : describe(resolved)));
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    private static String describe(ApiOperation operation) {
        return operation.getOperation().getOperationId() + " " + operation.getApiPath().original() + " "
                + operation.getMethod() + " " + operation.getRequestPath().normalised()
                + " " + operation.getRequestPath().numberOfParts();
    }
}
