package dev.bulwark.test.webmvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bulwark.test.AutoConfigureBulwark;
import dev.bulwark.test.BulwarkMockMvc;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

/** A {@code @WebMvcTest} slice gets the filter configured by {@code bulwark.*} in {@code application.yml}. */
@WebMvcTest(NotesApplication.NotesController.class)
@AutoConfigureBulwark
class AutoConfigureBulwarkTest {

    @Autowired
    MockMvc mockMvc;

    @Test
    void runsSliceRequestsThroughTheConfiguredFilter() throws Exception {
        mockMvc.perform(get("/notes").queryParam("q", "oak"))
                .andExpect(status().isOk())
                .andExpect(content().string("notes matching oak"))
                .andExpect(BulwarkMockMvc.allowed());
        mockMvc.perform(get("/notes").queryParam("debug", "1"))
                .andExpect(status().isForbidden())
                .andExpect(BulwarkMockMvc.blockedBy("NO-DEBUG"));
        mockMvc.perform(get("/admin/stats"))
                .andExpect(status().isUnauthorized())
                .andExpect(BulwarkMockMvc.blockedBy("JWT-MISSING"));
    }
}
