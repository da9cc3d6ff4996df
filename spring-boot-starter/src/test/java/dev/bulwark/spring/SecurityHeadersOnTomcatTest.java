package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Field;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.connector.Response;
import org.apache.tomcat.util.buf.MessageBytes;
import org.apache.tomcat.util.http.MimeHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The security headers on embedded Tomcat, where the filter hands them to Tomcat as bytes encoded
 * once: they arrive with their configured values, once each, on passed and blocked responses, and
 * a header the application set itself is kept as it is. The application runs behind Spring
 * Security, which adds some of the same headers first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityHeadersOnTomcatTest {

    private static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
            + "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
            + "xr-spatial-tracking=()";

    /**
     * How Tomcat held each header of a response, by name (bytes or a string), as a filter outside
     * Bulwark's saw it once the response was written; that is after the client may have read it.
     */
    static final BlockingQueue<Map<String, Boolean>> HELD_AS_BYTES = new LinkedBlockingQueue<>();

    private TomcatApplication application;

    @RestController
    static class Pages {
        @GetMapping({"/page", "/recorded"})
        String page() {
            return "page";
        }

        /** A response with {@code n} headers of its own, so that Tomcat's recycled fields shift between responses. */
        @GetMapping("/extra")
        ResponseEntity<String> extra(@RequestParam int n) {
            ResponseEntity.BodyBuilder response = ResponseEntity.ok();
            for (int i = 0; i < n; i++) {
                response.header("X-Extra-" + i, "v");
            }
            return response.body("extra");
        }

        @GetMapping("/private")
        ResponseEntity<String> privatePage() {
            return ResponseEntity.ok().header("Referrer-Policy", "no-referrer").body("private");
        }

        /** A filter outside Bulwark's that records, after the response is written, how Tomcat held its headers. */
        @Bean
        FilterRegistrationBean<Filter> headerTypes() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                chain.doFilter(request, response);
                if (((HttpServletRequest) request).getRequestURI().equals("/recorded")) {
                    record(response);
                }
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        private static void record(ServletResponse response) {
            try {
                Field field = response.getClass().getDeclaredField("response");
                field.setAccessible(true);
                MimeHeaders headers = ((Response) field.get(response)).getCoyoteResponse().getMimeHeaders();
                Map<String, Boolean> held = new HashMap<>();
                for (int i = 0; i < headers.size(); i++) {
                    held.put(headers.getName(i).toString(), headers.getValue(i).getType() == MessageBytes.T_BYTES);
                }
                HELD_AS_BYTES.add(held);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeAll
    void start() {
        application = TomcatApplication.permittingAll(Pages.class);
    }

    @AfterAll
    void stop() {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void addsEachSecurityHeaderOnceWithItsConfiguredValue() throws Exception {
        HttpResponse<String> response = application.get("/page");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(response.headers().allValues("X-Frame-Options")).containsExactly("DENY");
        assertThat(response.headers().allValues("Referrer-Policy")).containsExactly("same-origin");
        assertThat(response.headers().allValues("Permissions-Policy")).containsExactly(PERMISSIONS_POLICY);
    }

    @Test
    void handsTheSecurityHeadersToTomcatAsBytes() throws Exception {
        application.get("/recorded");

        // Spring Security sets X-Content-Type-Options and X-Frame-Options itself, as strings, before them.
        assertThat(HELD_AS_BYTES.poll(10, TimeUnit.SECONDS))
                .containsEntry("Referrer-Policy", true).containsEntry("Permissions-Policy", true);
    }

    @Test
    void keepsEverySecurityHeaderIntactAcrossTheResponsesOfAConnection() throws Exception {
        for (int i = 0; i < 16; i++) {
            HttpResponse<String> response = application.get("/extra?n=" + (i % 2 == 0 ? i / 2 : 0));

            assertThat(response.headers().allValues("Permissions-Policy")).as("response %d", i)
                    .containsExactly(PERMISSIONS_POLICY);
            assertThat(response.headers().allValues("Referrer-Policy")).as("response %d", i)
                    .containsExactly("same-origin");
        }
    }

    @Test
    void keepsASecurityHeaderTheApplicationSet() throws Exception {
        HttpResponse<String> response = application.get("/private");

        assertThat(response.headers().allValues("Referrer-Policy")).containsExactly("no-referrer");
        assertThat(response.headers().allValues("Permissions-Policy")).containsExactly(PERMISSIONS_POLICY);
    }

    @Test
    void addsTheSecurityHeadersToBlockResponses() throws Exception {
        HttpResponse<String> response = application.get("/page?q=1%27%20union%20select%20password%20from%20users--");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(response.headers().allValues("Permissions-Policy")).containsExactly(PERMISSIONS_POLICY);
    }
}
