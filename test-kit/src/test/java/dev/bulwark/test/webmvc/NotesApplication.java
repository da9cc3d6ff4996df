package dev.bulwark.test.webmvc;

import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A small notes service for the MockMvc tests; its configuration is the test resource {@code application.yml}. */
@SpringBootApplication
public class NotesApplication {

    /** Echoes what it was given, so tests see that the request reached it unchanged. */
    @RestController
    public static class NotesController {

        @GetMapping("/notes")
        public String notes(@RequestParam(name = "q", required = false) String q) {
            return "notes matching " + q;
        }

        @PostMapping("/notes")
        public String add(@RequestBody Map<String, Object> note) {
            return "added " + note.get("text");
        }

        @GetMapping("/admin/stats")
        public String stats() {
            return "stats";
        }
    }
}
