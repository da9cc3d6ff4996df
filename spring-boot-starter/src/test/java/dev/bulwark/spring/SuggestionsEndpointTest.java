package dev.bulwark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /actuator/bulwark/suggestions} in a real application on Tomcat: findings seen in log-only
 * mode, grouped by the handler pattern Spring MVC matched.
 */
class SuggestionsEndpointTest {

    private TomcatApplication application;

    @RestController
    static class Pets {
        @GetMapping("/pets/{id}")
        String pet(@PathVariable String id) {
            return "pet " + id;
        }
    }

    @AfterEach
    void stop() {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void suggestsAnExceptionForTheHandlerPatternFromFindingsSeenInLogOnlyMode() throws Exception {
        application = TomcatApplication.permittingAll(Pets.class, "bulwark.mode=log-only",
                "management.endpoints.web.exposure.include=bulwark", "management.endpoint.bulwark.show-values=always");

        assertThat(application.get("/pets/7?note=%3Cscript%3Ealert(1)%3C/script%3E").statusCode()).isEqualTo(200);
        assertThat(application.get("/pets/8?note=%3Cscript%3Ealert(2)%3C/script%3E").statusCode()).isEqualTo(200);
        HttpResponse<String> suggestions = application.get("/actuator/bulwark/suggestions");

        assertThat(suggestions.statusCode()).isEqualTo(200);
        assertThat(suggestions.body())
                .contains("\"route\":\"/pets/{id}\"", "\"location\":\"query:note\"", "\"requests\":2",
                        "\"outcome\":\"excepted\"", "\"pattern\":\"/pets/{id}\"", "XSS-")
                .doesNotContain("/pets/7", "/pets/8");
    }

    @Test
    void masksSuggestionsLikeTheOtherValuesOfTheEndpoint() throws Exception {
        application = TomcatApplication.permittingAll(Pets.class, "bulwark.mode=log-only",
                "management.endpoints.web.exposure.include=bulwark");

        application.get("/pets/7?note=%3Cscript%3Ealert(1)%3C/script%3E");
        HttpResponse<String> suggestions = application.get("/actuator/bulwark/suggestions");

        assertThat(suggestions.statusCode()).isEqualTo(200);
        assertThat(suggestions.body()).contains("******").doesNotContain("/pets", "note", "XSS");
    }

    @Test
    void recordsNothingInBlockMode() throws Exception {
        application = TomcatApplication.permittingAll(Pets.class,
                "management.endpoints.web.exposure.include=bulwark", "management.endpoint.bulwark.show-values=always");

        assertThat(application.get("/pets/7?note=%3Cscript%3Ealert(1)%3C/script%3E").statusCode()).isEqualTo(403);
        HttpResponse<String> suggestions = application.get("/actuator/bulwark/suggestions");

        assertThat(suggestions.body()).contains("\"requests\":0", "\"locations\":[]");
    }

    @Test
    void answersNotFoundForOtherParts() throws Exception {
        application = TomcatApplication.permittingAll(Pets.class, "bulwark.mode=log-only",
                "management.endpoints.web.exposure.include=bulwark", "management.endpoint.bulwark.show-values=always");

        assertThat(application.get("/actuator/bulwark/other").statusCode()).isEqualTo(404);
    }
}
