package dev.bulwark.samples.petstore;

import static dev.bulwark.test.BulwarkAssertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.test.AutoConfigureBulwark;
import dev.bulwark.test.BulwarkMockMvc;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The pet controller in a {@code @WebMvcTest} slice, behind the filter configured by
 * {@code application.yml} ({@link AutoConfigureBulwark}): MockMvc requests get what a client gets.
 */
@WebMvcTest(PetController.class)
@AutoConfigureBulwark
@Import(PetStore.class)
class PetControllerTest {

    @Autowired
    MockMvc mockMvc;

    private static String token() {
        return "Bearer " + MintToken.mint("alice", "pets:write", Duration.ofMinutes(5));
    }

    @Test
    void listsPetsForAnyone() throws Exception {
        mockMvc.perform(get("/pets").queryParam("species", "dog").queryParam("limit", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].name").value("Rex"))
                .andExpect(BulwarkMockMvc.allowed());
    }

    @Test
    void blocksAnAttackBeforeTheController() throws Exception {
        MvcResult result = mockMvc.perform(get("/pets").queryParam("tag", "x' UNION SELECT password FROM users--"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.incidentId").isString())
                .andReturn();

        assertThat(BulwarkMockMvc.decision(result)).isBlockedBy("SQL").hasFinding("SQL-UNION-AFTER-BREAK");
    }

    @Test
    void createsAPetOnlyWithAToken() throws Exception {
        String rex = "{\"name\": \"Bella\", \"species\": \"dog\", \"tags\": [\"calm\"]}";

        mockMvc.perform(post("/pets").contentType(MediaType.APPLICATION_JSON).content(rex))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(BulwarkMockMvc.blockedBy("JWT-MISSING"));
        mockMvc.perform(post("/pets").header("Authorization", token()).contentType(MediaType.APPLICATION_JSON).content(rex))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/pets/")))
                .andExpect(jsonPath("$.status").value("available"))
                .andExpect(jsonPath("$.tags", hasSize(1)));
    }

    @Test
    void passesStyledDescriptionsToTheControllerUnchanged() throws Exception {
        String styled = "<span style=\\\"color: green\\\">Gentle</span> with kids";

        mockMvc.perform(post("/pets").header("Authorization", token()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"Bella\", \"species\": \"dog\", \"description\": \"" + styled + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.description").value("<span style=\"color: green\">Gentle</span> with kids"))
                .andExpect(BulwarkMockMvc.allowed());
    }

    @Test
    void refusesABodyTheContractDoesNotAllow() throws Exception {
        mockMvc.perform(post("/pets").header("Authorization", token()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"Bella\", \"species\": \"dragon\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.violations[0].key").value("validation.request.body.schema.enum"))
                .andExpect(jsonPath("$.violations[0].location").value("body:/species"))
                .andExpect(BulwarkMockMvc.blockedBy("OPENAPI"));
    }
}
