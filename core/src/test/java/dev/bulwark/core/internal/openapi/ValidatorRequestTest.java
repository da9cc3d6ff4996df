package dev.bulwark.core.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValidatorRequestTest {

    /** Names equal in ASCII case, and some that only String.CASE_INSENSITIVE_ORDER finds equal. */
    private static final String[] NAMES = {"Content-Type", "content-type", "CONTENT-TYPE", "Accept", "accept",
        "Authorization", "X-Api-Key", "x-api-key", "Cookie", "X-\u017f", "X-S", "x-s", "\u0130d", "id", "ID",
        "\u212a", "k", "K", "X-\u00df", "X-SS", ""};
    private static final String[] VALUES = {"application/json", "text/plain, application/json", "", " ",
        "Bearer abc", "Basic x", "a=1; b=2", "*/*"};

    @Test
    void answersHeaderReadsAsTheValidatorsRequestDoes() {
        Random random = new Random(7);
        for (int run = 0; run < 20_000; run++) {
            Collection<List<String>> fields = randomFields(random);
            SimpleRequest.Builder builder = new SimpleRequest.Builder("POST", "/pets");
            for (List<String> field : fields) {
                builder.withHeader(field.get(0), field.subList(1, field.size()));
            }
            SimpleRequest expected = builder.build();
            Request actual = new ValidatorRequest(new SimpleRequest.Builder("POST", "/pets").build(), "POST", fields);
            for (String name : NAMES) {
                assertSameHeaderReads(expected, actual, name);
            }
            assertSameHeaderReads(expected, actual, null);
            assertThat(actual.getContentType()).isEqualTo(expected.getContentType());
            assertThat(asLists(actual.getHeaders())).isEqualTo(asLists(expected.getHeaders()));
        }
    }

    @Test
    void keepsTheAnswerOfAHeaderReadUnmodifiable() {
        List<List<String>> fields = List.of(new ArrayList<>(List.of("Accept", "a/b")));
        Request request = new ValidatorRequest(new SimpleRequest.Builder("GET", "/").build(), "GET", fields);

        assertThatThrownBy(() -> request.getHeaderValues("accept").add("c/d")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(request.getHeaderValues("ACCEPT")).containsExactly("a/b");
    }

    @Test
    void answersPathQueryAndBodyFromTheWrappedRequest() {
        SimpleRequest wrapped = new SimpleRequest.Builder("PUT", "/pets/1")
                .withQueryParam("tag", List.of("a", "b"))
                .withBody("{}".getBytes(StandardCharsets.UTF_8))
                .build();
        Request request = new ValidatorRequest(wrapped, "PUT", List.of());

        assertThat(request.getPath()).isEqualTo("/pets/1");
        assertThat(request.getMethod()).isEqualTo(Request.Method.PUT);
        assertThat(request.getQueryParameters()).containsExactly("tag");
        assertThat(request.getQueryParameterValues("tag")).containsExactly("a", "b");
        assertThat(request.getRequestBody()).isSameAs(wrapped.getRequestBody());
        assertThat(request.getBody()).isEqualTo(wrapped.getBody());
        assertThat(request.getHeaderValues("Content-Type")).isEmpty();
    }

    @Test
    void answersTheBodyItWasGivenWithTheValidatorsReading() throws Exception {
        byte[] json = "{\"name\":\"Rex\"}".getBytes(StandardCharsets.UTF_8);
        SimpleRequest wrapped = new SimpleRequest.Builder("POST", "/pets").withBody(json).build();

        Request request = new ValidatorRequest(wrapped, "POST", List.of(), json);

        assertThat(request.getRequestBody()).containsInstanceOf(ValidatorBody.class);
        assertThat(request.getRequestBody().orElseThrow().toJsonNode())
                .isEqualTo(wrapped.getRequestBody().orElseThrow().toJsonNode());
        assertThat(request.getBody()).isEqualTo(wrapped.getBody());
    }

    private static void assertSameHeaderReads(Request expected, Request actual, String name) {
        Collection<String> values = actual.getHeaderValues(name);
        assertThat(values).as(name).containsExactlyElementsOf(expected.getHeaderValues(name));
        assertThat(values.getClass()).as(name).isEqualTo(expected.getHeaderValues(name).getClass());
        assertThat(actual.getHeaderValue(name)).as(name).isEqualTo(expected.getHeaderValue(name));
    }

    private static Collection<List<String>> randomFields(Random random) {
        List<List<String>> fields = new ArrayList<>();
        for (int count = random.nextInt(6); count > 0; count--) {
            List<String> field = new ArrayList<>();
            field.add(NAMES[random.nextInt(NAMES.length)]);
            for (int values = 1 + random.nextInt(3); values > 0; values--) {
                field.add(random.nextInt(20) == 0 ? null : VALUES[random.nextInt(VALUES.length)]);
            }
            fields.add(field);
        }
        return fields;
    }

    private static Map<String, List<String>> asLists(Map<String, Collection<String>> headers) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        headers.forEach((name, values) -> lists.put(name, new ArrayList<>(values)));
        return lists;
    }
}
