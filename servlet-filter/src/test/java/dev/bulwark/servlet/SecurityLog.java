package dev.bulwark.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads security events back from the log file that the build points slf4j-simple at (the
 * surefire property {@code org.slf4j.simpleLogger.logFile}). Events are found by incident id, so
 * tests sharing the file never see each other's events.
 */
final class SecurityLog {

    private static final String LOG_FILE_PROPERTY = "org.slf4j.simpleLogger.logFile";

    private SecurityLog() {
    }

    /** Whether the build configured a log file (not so when a test is started outside Maven). */
    static boolean available() {
        String file = System.getProperty(LOG_FILE_PROPERTY);
        return file != null && !file.startsWith("System.");
    }

    /** The whole line of the event for this incident, waiting a little for it to be written. */
    static String line(String incidentId) {
        String needle = "\"bulwark.incident_id\":\"" + incidentId + "\"";
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            // The filter may still be writing the line when the client has its response: only a
            // line that is whole JSON counts.
            List<String> matches = lines().stream().filter(line -> line.contains(needle) && complete(line)).toList();
            if (!matches.isEmpty()) {
                if (matches.size() > 1) {
                    throw new AssertionError("more than one event for incident " + incidentId + ": " + matches);
                }
                return matches.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no security event for incident " + incidentId);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static boolean complete(String line) {
        try {
            FilterContainerTest.JSON.readTree(line.substring(line.indexOf('{')));
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** The JSON of the event for this incident. */
    static JsonNode event(String incidentId) {
        String line = line(incidentId);
        return FilterContainerTest.json(line.substring(line.indexOf('{')));
    }

    /** Every line logged so far. */
    static List<String> lines() {
        try {
            return Files.readAllLines(Path.of(System.getProperty(LOG_FILE_PROPERTY)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
