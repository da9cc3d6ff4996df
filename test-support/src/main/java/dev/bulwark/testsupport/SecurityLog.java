package dev.bulwark.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
public final class SecurityLog {

    private static final String LOG_FILE_PROPERTY = "org.slf4j.simpleLogger.logFile";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecurityLog() {
    }

    /** Whether the build configured a log file (not so when a test is started outside Maven). */
    public static boolean available() {
        String file = System.getProperty(LOG_FILE_PROPERTY);
        return file != null && !file.startsWith("System.");
    }

    /** The whole line of the event for this incident, waiting a little for it to be written. */
    public static String line(String incidentId) {
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
            JSON.readTree(line.substring(line.indexOf('{')));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The JSON of the event for this incident. */
    public static JsonNode event(String incidentId) {
        String line = line(incidentId);
        try {
            return JSON.readTree(line.substring(line.indexOf('{')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line logged so far. */
    public static List<String> lines() {
        try {
            return Files.readAllLines(Path.of(System.getProperty(LOG_FILE_PROPERTY)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
