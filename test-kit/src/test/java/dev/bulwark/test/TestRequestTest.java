package dev.bulwark.test;

import static dev.bulwark.test.TestRequest.get;
import static dev.bulwark.test.TestRequest.post;
import static dev.bulwark.test.TestRequest.put;
import static dev.bulwark.test.TestRequest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestRequestTest {

    @Test
    void keepsTheTargetAsWritten() {
        HttpRequest request = get("/pets/%2e%2e/admin?limit=5&tag=a%20b").build();

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.rawPath()).isEqualTo("/pets/%2e%2e/admin");
        assertThat(request.rawQuery()).isEqualTo("limit=5&tag=a%20b");
        assertThat(request.bodyLength()).isZero();
    }

    @Test
    void encodesQueryParametersAddedByName() {
        TestRequest request = get("/pets?limit=5").query("tag", "1' OR '1'='1").query("q", "café & co");

        assertThat(request.target()).isEqualTo("/pets?limit=5&tag=1%27%20OR%20%271%27%3D%271&q=caf%C3%A9%20%26%20co");
        assertThat(get("/pets").query("a", "b").build().rawQuery()).isEqualTo("a=b");
        assertThat(get("/pets?").query("a", "b").target()).isEqualTo("/pets?a=b");
    }

    @Test
    void sendsHeadersLikeAClient() {
        HttpRequest request = post("/pets").json("{\"name\":\"Rex\"}").bearer("abc").cookie("a", "1").cookie("b", "2")
                .header("X-Twice", "one").header("X-Twice", "two").build();

        assertThat(request.headers().first("Host")).isEqualTo("localhost");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.headers().first("Content-Length")).isEqualTo("14");
        assertThat(request.headers().first("Authorization")).isEqualTo("Bearer abc");
        assertThat(request.headers().values("Cookie")).containsExactly("a=1; b=2");
        assertThat(request.headers().values("X-Twice")).containsExactly("one", "two");
        assertThat(body(request)).isEqualTo("{\"name\":\"Rex\"}");
        assertThat(request.remoteAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void letsHeadersSetByTheTestWin() {
        HttpRequest request = put("/pets/1").header("Host", "api.example.com").header("Content-Type", "application/vnd.pets+json")
                .json("{}").build();

        assertThat(request.headers().values("Host")).containsExactly("api.example.com");
        assertThat(request.headers().values("Content-Type")).containsExactly("application/vnd.pets+json");
    }

    @Test
    void buildsFormBodiesFromEncodedTextAndFromParameters() {
        HttpRequest written = post("/login").form("user=bob&note=caf%C3%A9").build();
        HttpRequest added = post("/login").formParam("user", "bob").formParam("note", "café").build();

        assertThat(written.mediaType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(body(added)).isEqualTo("user=bob&note=caf%C3%A9");
        assertThatThrownBy(() -> post("/x").json("{}").formParam("a", "b")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sendsAnyBodyWithItsContentType() {
        byte[] bytes = {1, 2, 3};
        HttpRequest binary = post("/upload").body(bytes, "application/octet-stream").build();
        bytes[0] = 9;

        assertThat(binary.mediaType()).isEqualTo("application/octet-stream");
        assertThat(binary.body().get(0)).isEqualTo((byte) 1);
        assertThat(post("/x").xml("<a/>").build().mediaType()).isEqualTo("application/xml");
        assertThat(post("/x").text("hi").build().contentType()).isEqualTo("text/plain; charset=UTF-8");
    }

    @Test
    void sendsAnyMethodAndConnectionDetails() {
        HttpRequest request = request("PROPFIND", "/dav").remoteAddress("203.0.113.7").secure(true).protocol("HTTP/2").build();

        assertThat(request.method()).isEqualTo("PROPFIND");
        assertThat(request.remoteAddress()).isEqualTo("203.0.113.7");
        assertThat(request.secure()).isTrue();
        assertThat(request.protocol()).isEqualTo("HTTP/2");
        assertThat(request.headers().contains("Content-Length")).isFalse();
    }

    private static String body(HttpRequest request) {
        byte[] bytes = new byte[request.bodyLength()];
        request.body().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
