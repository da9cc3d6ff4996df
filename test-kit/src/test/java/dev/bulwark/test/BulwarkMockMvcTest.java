package dev.bulwark.test;

import static dev.bulwark.test.BulwarkAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.test.webmvc.NotesApplication.NotesController;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * MockMvc without Spring Boot: a controller behind the filter built from the service's configuration.
 * Query parameters go in with {@code queryParam}, which puts them in the query string as a client
 * would; {@code param} sets servlet parameters that no client can send, and that the filter
 * neither sees nor passes on.
 */
class BulwarkMockMvcTest {

    private final BulwarkTester bulwark = BulwarkTester.ofApplicationYaml("classpath:application.yml");
    private final MockMvc mockMvc = MockMvcBuilders.standaloneSetup(new NotesController())
            .addFilters(BulwarkMockMvc.filter(bulwark))
            .build();

    @Test
    void passesCleanRequestsToTheController() throws Exception {
        mockMvc.perform(get("/notes").queryParam("q", "oak table"))
                .andExpect(status().isOk())
                .andExpect(content().string("notes matching oak table"))
                .andExpect(BulwarkMockMvc.allowed());
    }

    @Test
    void answersAttacksWithTheBlockResponse() throws Exception {
        MvcResult result = mockMvc.perform(get("/notes").queryParam("q", "1' UNION SELECT password FROM users--"))
                .andExpect(status().isForbidden())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.incidentId").isString())
                .andExpect(BulwarkMockMvc.blockedBy("SQL"))
                .andReturn();

        assertThat(BulwarkMockMvc.decision(result)).isBlockedBy("SQL-UNION-AFTER-BREAK");
        assertThat(result.getResponse().getContentAsString()).doesNotContain("UNION", "SQL");
    }

    @Test
    void replaysTheBodyItInspectedToTheController() throws Exception {
        mockMvc.perform(post("/notes").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"<span style=\\\"color: red\\\">hi</span>\"}"))
                .andExpect(status().isOk())
                .andExpect(content().string("added <span style=\"color: red\">hi</span>"));
        mockMvc.perform(post("/notes").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"<script>alert(1)</script>\"}"))
                .andExpect(status().isForbidden())
                .andExpect(BulwarkMockMvc.blockedBy("XSS-SCRIPT-TAG"));
    }

    @Test
    void asksForATokenWhereTheConfigurationRequiresOne() throws Exception {
        mockMvc.perform(get("/admin/stats"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"));
        String token = TestToken.builder().issuer("https://idp.test").audience("notes").scope("notes:admin")
                .signWithSecret("0123456789abcdef0123456789abcdef");
        mockMvc.perform(get("/admin/stats").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk());
    }

    @Test
    void saysWhatWentWrongWhenAnExpectationFails() throws Exception {
        assertThatThrownBy(() -> mockMvc.perform(get("/notes").queryParam("debug", "1")).andExpect(BulwarkMockMvc.allowed()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("NO-DEBUG (DEBUG) block at query:debug");
        assertThatThrownBy(() -> mockMvc.perform(get("/notes")).andExpect(BulwarkMockMvc.loggedBy("SQL")))
                .hasMessageContaining("Expecting a log-only finding of \"SQL\"");
    }

    @Test
    void saysSoWhenTheFilterIsMissing() throws Exception {
        MockMvc unprotected = MockMvcBuilders.standaloneSetup(new NotesController()).build();

        assertThatThrownBy(() -> unprotected.perform(get("/notes")).andExpect(BulwarkMockMvc.allowed()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("The request did not pass through a Bulwark filter");
    }
}
