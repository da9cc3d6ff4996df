package dev.bulwark.core.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.DecodingFlag;
import dev.bulwark.core.HttpRequest;
import dev.bulwark.core.Level;
import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.rules.RequestSink;
import dev.bulwark.core.internal.rules.RuleDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtocolDetectorTest {

    private final ProtocolDetector detector = new ProtocolDetector();

    private List<String> inspect(Level level, HttpRequest request, List<RequestValue> values) {
        List<String> ids = new ArrayList<>();
        detector.inspect(request, values, new RequestSink() {
            @Override
            public void report(RuleDefinition rule, int offset, int length) {
                assertThat(offset).isZero();
                assertThat(length).isZero();
                if (level.enables(rule.level())) {
                    ids.add(rule.id());
                }
            }

            @Override
            public void reportIn(RuleDefinition rule, RequestValue value) {
                report(rule, 0, 0);
            }
        });
        return ids;
    }

    @Test
    void reportsADecodingFlagInTheValueThatCarriesIt() {
        RequestValue clean = new RequestValue(Location.value(Source.QUERY, "q"), "a", "a", Set.of());
        RequestValue withNul = new RequestValue(Location.value(Source.MULTIPART, "file"), "a%00", "a\0",
                Set.of(DecodingFlag.NUL_BYTE));
        List<Location> locations = new ArrayList<>();

        detector.inspect(post().build(), List.of(clean, withNul), new RequestSink() {
            @Override
            public void report(RuleDefinition rule, int offset, int length) {
            }

            @Override
            public void reportIn(RuleDefinition rule, RequestValue value) {
                locations.add(value.location());
            }
        });

        assertThat(locations).containsExactly(Location.value(Source.MULTIPART, "file"));
    }

    private List<String> standard(HttpRequest request) {
        return inspect(Level.STANDARD, request, List.of());
    }

    private static HttpRequest.Builder post() {
        return HttpRequest.builder("POST", "/submit");
    }

    private static RequestValue query(String name, String value) {
        return RequestValue.plain(Location.value(Source.QUERY, name), value);
    }

    @Test
    void allowsOrdinaryRequests() {
        assertThat(standard(HttpRequest.builder("GET", "/items?page=2").header("Host", "shop.example").build())).isEmpty();
        assertThat(standard(post().header("Content-Type", "application/json; charset=UTF-8")
                .header("Content-Length", "2").body("{}".getBytes(StandardCharsets.UTF_8)).build())).isEmpty();
        assertThat(standard(post().header("Content-Type", "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk")
                .build())).isEmpty();
    }

    @Test
    void blocksContentLengthWithTransferEncoding() {
        HttpRequest request = post().header("Content-Length", "4").header("Transfer-Encoding", "chunked").build();
        assertThat(inspect(Level.BASIC, request, List.of())).containsExactly("PROTOCOL-CL-TE");
    }

    @Test
    void blocksConflictingContentLengths() {
        HttpRequest request = post().header("Content-Length", "4").header("Content-Length", "40").build();
        assertThat(inspect(Level.BASIC, request, List.of())).containsExactly("PROTOCOL-CONTENT-LENGTH");
    }

    @Test
    void blocksRepeatedEqualContentLength() {
        assertThat(standard(post().header("Content-Length", "4, 4").build())).containsExactly("PROTOCOL-DUPLICATE-CONTENT-LENGTH");
    }

    @Test
    void blocksNonNumericContentLength() {
        assertThat(standard(post().header("Content-Length", "+4").build())).containsExactly("PROTOCOL-CONTENT-LENGTH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "chunked, chunked", "xchunked", "chunked\t;"})
    void blocksTransferEncodingOtherThanChunked(String value) {
        assertThat(standard(post().header("Transfer-Encoding", value).build())).containsExactly("PROTOCOL-TRANSFER-ENCODING");
    }

    @Test
    void blocksDuplicateHostAndContentType() {
        assertThat(standard(HttpRequest.builder("GET", "/").header("Host", "a").header("Host", "b").build()))
                .containsExactly("PROTOCOL-DUPLICATE-HOST");
        assertThat(standard(post().header("Content-Type", "text/plain").header("Content-Type", "application/json").build()))
                .containsExactly("PROTOCOL-DUPLICATE-CONTENT-TYPE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%{(#nike='multipart/form-data')}", "text/plain; garbage", "application/json, text/plain",
        "text/xml; blah", "multipart/form-data; boundary=", "json"})
    void blocksInvalidMediaTypes(String contentType) {
        assertThat(standard(post().header("Content-Type", contentType).build())).containsExactly("PROTOCOL-CONTENT-TYPE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded;boundary=\"application/json\"",
        "application/x-www-form-urlencoded; type=text/xml", "application/json; boundary=x"})
    void blocksMediaTypeHiddenInParameter(String contentType) {
        assertThat(standard(post().header("Content-Type", contentType).build())).containsExactly("PROTOCOL-CONTENT-TYPE-CONFUSION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/soap+xml; charset=utf-8; action=\"urn:example#getQuote\"",
        "multipart/related; type=\"application/xop+xml\"; boundary=uuid:1; start-info=\"text/xml\"",
        "text/plain; charset=\"UTF-8\"", "application/x-www-form-urlencoded; charset='utf-8'",
        "application/vnd.api+json", "text/html; charset=Shift_JIS", "text/csv; charset=windows-1252; header=present"})
    void allowsValidMediaTypes(String contentType) {
        assertThat(standard(post().header("Content-Type", contentType).build())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain; charset=utf-8; charset=utf-7", "text/plain; charset=ibm037",
        "text/plain; charset=garbage", "text/plain; charset=UTF-16", "text/plain; charset=\"utf-88\""})
    void blocksAmbiguousOrEvasiveCharsets(String contentType) {
        assertThat(standard(post().header("Content-Type", contentType).build())).containsExactly("PROTOCOL-CHARSET");
    }

    @Test
    void blocksFormBodyOnGet() {
        HttpRequest request = HttpRequest.builder("GET", "/").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Content-Length", "7").body("a=b&c=d".getBytes(StandardCharsets.UTF_8)).build();
        assertThat(standard(request)).containsExactly("PROTOCOL-FORM-BODY-ON-GET");
    }

    @Test
    void reportsJsonBodyOnGetOnlyAtStrict() {
        HttpRequest request = HttpRequest.builder("GET", "/search").header("Content-Type", "application/json")
                .body("{\"query\":{}}".getBytes(StandardCharsets.UTF_8)).build();
        assertThat(standard(request)).isEmpty();
        assertThat(inspect(Level.STRICT, request, List.of())).containsExactly("PROTOCOL-BODY-ON-GET");
    }

    @Test
    void blocksInvalidMethodCharacters() {
        assertThat(inspect(Level.BASIC, HttpRequest.builder("|GET", "/").build(), List.of())).containsExactly("PROTOCOL-METHOD");
        assertThat(inspect(Level.STRICT, HttpRequest.builder("FOO", "/").build(), List.of())).containsExactly("PROTOCOL-UNKNOWN-METHOD");
    }

    @Test
    void blocksRangeWithoutUnit() {
        assertThat(standard(HttpRequest.builder("GET", "/").header("Range", "1-2").build())).containsExactly("PROTOCOL-RANGE");
        assertThat(standard(HttpRequest.builder("GET", "/").header("Range", "bytes=0-99, -20").build())).isEmpty();
    }

    @Test
    void reportsManyRangesAtStrict() {
        HttpRequest request = HttpRequest.builder("GET", "/").header("Range", "bytes=1-2,3-4,5-6,7-8,9-10,11-12").build();
        assertThat(standard(request)).isEmpty();
        assertThat(inspect(Level.STRICT, request, List.of())).containsExactly("PROTOCOL-MANY-RANGES");
    }

    @Test
    void blocksLegacyCookieVersion() {
        assertThat(standard(HttpRequest.builder("GET", "/").header("Cookie", "$Version=1; session=\"a; b=c\"").build()))
                .containsExactly("PROTOCOL-LEGACY-COOKIE");
    }

    @Test
    void blocksNulBytesAndOverlongUtf8() {
        HttpRequest request = HttpRequest.builder("GET", "/").build();
        RequestValue nul = new RequestValue(Location.value(Source.QUERY, "f"), "a%00", "a\u0000", Set.of(DecodingFlag.NUL_BYTE));
        RequestValue overlong = new RequestValue(Location.value(Source.QUERY, "g"), "%c0%af", "\uFFFD",
                Set.of(DecodingFlag.OVERLONG_UTF8));
        assertThat(inspect(Level.STANDARD, request, List.of(nul))).containsExactly("PROTOCOL-NUL-BYTE");
        assertThat(inspect(Level.BASIC, request, List.of(overlong))).containsExactly("PROTOCOL-OVERLONG-UTF8");
    }

    @Test
    void reportsDoubleEncodingOnlyAtStrict() {
        RequestValue twice = new RequestValue(Location.value(Source.QUERY, "u"), "%2527", "'",
                Set.of(DecodingFlag.MULTIPLE_ENCODING));
        HttpRequest request = HttpRequest.builder("GET", "/").build();
        assertThat(inspect(Level.STANDARD, request, List.of(twice))).isEmpty();
        assertThat(inspect(Level.STRICT, request, List.of(twice))).containsExactly("PROTOCOL-MULTIPLE-ENCODING");
    }

    @Test
    void blocksTextAfterArrayIndexInParameterName() {
        List<RequestValue> values = List.of(RequestValue.plain(Location.name(Source.QUERY, "foo[1]a"), "foo[1]a"));
        assertThat(inspect(Level.STANDARD, HttpRequest.builder("GET", "/").build(), values))
                .containsExactly("HPP-MALFORMED-ARRAY-NAME");
    }

    @Test
    void reportsArrayNamesOnlyAtStrict() {
        List<RequestValue> values = List.of(RequestValue.plain(Location.name(Source.QUERY, "user[name]"), "user[name]"),
                RequestValue.plain(Location.name(Source.QUERY, "a[1][2]"), "a[1][2]"));
        HttpRequest request = HttpRequest.builder("GET", "/").build();
        assertThat(inspect(Level.STANDARD, request, values)).isEmpty();
        assertThat(inspect(Level.STRICT, request, values)).containsExactly("HPP-ARRAY-NAME");
    }

    @Test
    void blocksSecurityParameterSentTwiceWithDifferentValues() {
        List<RequestValue> values = List.of(query("csrf_token", "abc"), query("csrf_token", "xyz"));
        assertThat(inspect(Level.STANDARD, HttpRequest.builder("GET", "/").build(), values))
                .containsExactly("HPP-SENSITIVE-PARAMETER");
    }

    @Test
    void allowsMultiValuedFields() {
        List<RequestValue> values = List.of(query("color", "red"), query("color", "blue"), query("id", "3"), query("id", "3"));
        assertThat(inspect(Level.STRICT, HttpRequest.builder("GET", "/").build(), values)).isEmpty();
    }

    @Test
    void reportsDuplicatesWithDifferentCharactersAtStrict() {
        List<RequestValue> values = List.of(query("q", "pizza"), query("q", "pizza' OR 1=1"));
        HttpRequest request = HttpRequest.builder("GET", "/").build();
        assertThat(inspect(Level.STANDARD, request, values)).isEmpty();
        assertThat(inspect(Level.STRICT, request, values)).containsExactly("HPP-DUPLICATE-PARAMETER");
    }

    @Test
    void allowsSameNameInDifferentSources() {
        List<RequestValue> values = List.of(query("token", "a"), RequestValue.plain(Location.value(Source.FORM, "token"), "b"));
        assertThat(inspect(Level.STANDARD, HttpRequest.builder("POST", "/").build(), values)).isEmpty();
    }

    @Test
    void comparesARepeatedParameterWithTheFirstValueOfItsName() {
        List<RequestValue> values = List.of(query("q", "pizza"), query("q", "pasta"), query("q", "pizza' OR 1=1"));
        HttpRequest request = HttpRequest.builder("GET", "/").build();
        assertThat(inspect(Level.STRICT, request, values)).containsExactly("HPP-DUPLICATE-PARAMETER");
    }

    @Test
    void judgesRepeatedParametersAlikeAmongFewAndMany() {
        HttpRequest request = HttpRequest.builder("POST", "/").build();
        List<List<RequestValue>> cases = List.of(
                List.of(query("csrf_token", "abc"), query("csrf_token", "xyz")),
                List.of(query("q", "pizza"), query("q", "pizza' OR 1=1")),
                List.of(query("color", "red"), query("color", "blue"), query("id", "3"), query("id", "3")),
                List.of(query("token", "a"), RequestValue.plain(Location.value(Source.FORM, "token"), "b")),
                List.of(query("q", "a"), query("q", "a;"), query("csrf_token", "x"), query("csrf_token", "y")));
        for (List<RequestValue> few : cases) {
            List<RequestValue> many = new ArrayList<>(few);
            for (int i = 0; i < ProtocolDetector.FEW_PARAMETERS; i++) {
                many.add(query("filler" + i, "v"));
            }
            for (Level level : List.of(Level.STANDARD, Level.STRICT)) {
                assertThat(inspect(level, request, many)).as("%s at %s", few, level).isEqualTo(inspect(level, request, few));
            }
        }
    }
}
