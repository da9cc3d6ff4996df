package dev.bulwark.core;

import dev.bulwark.core.internal.engine.IncidentIds;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of evaluating one request: allow or block (with status and block type), every
 * finding (blocking and log-only), the incident id that ties the response to the log, and the
 * attributes checks produced for the application (e.g. verified token claims).
 */
public final class Decision {

    /** Attribute with the client address core resolved ({@code String}); see {@link #clientAddress()}. */
    public static final String CLIENT_ADDRESS_ATTRIBUTE = "bulwark.client.address";
    /** Attribute with whether the client spoke HTTPS ({@code Boolean}); see {@link #clientSecure()}. */
    public static final String CLIENT_SECURE_ATTRIBUTE = "bulwark.client.secure";
    /** Attribute with the verified token's subject ({@code String}); see {@link #principal()}. */
    public static final String SUBJECT_ATTRIBUTE = "bulwark.jwt.subject";
    /** Attribute with the verified token's claims ({@code Map}); see {@link #claims()}. */
    public static final String CLAIMS_ATTRIBUTE = "bulwark.jwt.claims";

    private final boolean blocked;
    private final int status;
    private final BlockType blockType;
    private final List<Finding> findings;
    /** The incident id given when made; {@code null} when drawn on demand ({@link #ofNewIncident}). */
    private final String givenIncidentId;
    /** The incident id drawn on demand, once; {@code null} until first asked for. */
    private volatile String drawnIncidentId;
    private final Map<String, Object> attributes;
    private final HeaderChanges headerChanges;
    private final List<Violation> violations;

    private Decision(boolean blocked, int status, BlockType blockType, List<Finding> findings,
            String incidentId, Map<String, Object> attributes, HeaderChanges headerChanges, List<Violation> violations) {
        this.blocked = blocked;
        this.status = status;
        this.blockType = blockType;
        this.findings = List.copyOf(findings);
        this.givenIncidentId = incidentId;
        this.attributes = Map.copyOf(attributes);
        this.headerChanges = headerChanges;
        this.violations = List.copyOf(violations);
    }

    /**
     * A decision from findings: the request is blocked when at least one finding blocks; the first
     * blocking finding sets status and block type.
     */
    public static Decision of(List<Finding> findings, String incidentId, Map<String, Object> attributes) {
        return of(findings, incidentId, attributes, HeaderChanges.NONE, List.of());
    }

    /** A decision from findings, with the header changes the checks asked for. */
    public static Decision of(List<Finding> findings, String incidentId, Map<String, Object> attributes,
            HeaderChanges headerChanges, List<Violation> violations) {
        return from(findings, Objects.requireNonNull(incidentId, "incidentId"), attributes, headerChanges, violations);
    }

    /**
     * A decision from findings, with the header changes the checks asked for and a new incident id,
     * drawn when first asked for: most allowed requests are never logged nor answered with their
     * id, and need not pay for drawing one.
     */
    public static Decision ofNewIncident(List<Finding> findings, Map<String, Object> attributes,
            HeaderChanges headerChanges, List<Violation> violations) {
        return from(findings, null, attributes, headerChanges, violations);
    }

    /** @param incidentId the incident id, or {@code null} to draw one when first asked for */
    private static Decision from(List<Finding> findings, String incidentId, Map<String, Object> attributes,
            HeaderChanges headerChanges, List<Violation> violations) {
        Objects.requireNonNull(headerChanges, "headerChanges");
        for (Finding finding : findings) {
            if (finding.blocks()) {
                return new Decision(true, finding.status(), finding.blockType(), findings, incidentId, attributes,
                        headerChanges, violations);
            }
        }
        return new Decision(false, 200, null, findings, incidentId, attributes, headerChanges, List.of());
    }

    /**
     * Violations the block response may list for the client (OpenAPI contract violations, by key
     * and location, never values); empty for other blocks and for allowed requests.
     */
    public List<Violation> violations() {
        return violations;
    }

    /** Request headers to set or hide before the application sees the request, and block-response headers. */
    public HeaderChanges headerChanges() {
        return headerChanges;
    }

    /** Whether the request must not reach the application. */
    public boolean blocked() {
        return blocked;
    }

    /** Whether the request may pass. */
    public boolean allowed() {
        return !blocked;
    }

    /** The response status for a blocked request; 200 when allowed. */
    public int status() {
        return status;
    }

    /** Why the request was blocked; {@code null} when allowed. */
    public BlockType blockType() {
        return blockType;
    }

    /** All findings, blocking and log-only, in the order they were made. */
    public List<Finding> findings() {
        return findings;
    }

    /** The findings that block. */
    public List<Finding> blockingFindings() {
        return findings.stream().filter(Finding::blocks).toList();
    }

    /** Whether there is anything to log. */
    public boolean hasFindings() {
        return !findings.isEmpty();
    }

    /**
     * An id for this evaluation, given to the client in a block response and written to every log
     * event about it, so support can find the reason without the client learning it.
     */
    public String incidentId() {
        if (givenIncidentId != null) {
            return givenIncidentId;
        }
        String id = drawnIncidentId;
        if (id == null) {
            synchronized (this) {
                id = drawnIncidentId;
                if (id == null) {
                    id = IncidentIds.next();
                    drawnIncidentId = id;
                }
            }
        }
        return id;
    }

    /** Values the checks produced for the application, e.g. {@code bulwark.jwt.claims}. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /**
     * A decision that blocks with one finding the adapter made itself (the body could not be read,
     * the engine call failed), with a new incident id.
     *
     * @throws IllegalArgumentException when the finding does not block
     */
    public static Decision failure(Finding finding) {
        if (!finding.blocks()) {
            throw new IllegalArgumentException("a failure must block: " + finding);
        }
        return of(List.of(finding), IncidentIds.next(), Map.of());
    }

    /** The client address core resolved (from the connection or trusted proxies), when it resolved one. */
    public Optional<String> clientAddress() {
        return attributes.get(CLIENT_ADDRESS_ATTRIBUTE) instanceof String address && !address.isEmpty()
                ? Optional.of(address) : Optional.empty();
    }

    /** Whether the client spoke HTTPS, as core judged it (to this server or to a trusted proxy), when it judged. */
    public Optional<Boolean> clientSecure() {
        return attributes.get(CLIENT_SECURE_ATTRIBUTE) instanceof Boolean secure ? Optional.of(secure) : Optional.empty();
    }

    /** The subject of the verified token, when there is one. */
    public Optional<String> principal() {
        return attributes.get(SUBJECT_ATTRIBUTE) instanceof String subject && !subject.isEmpty()
                ? Optional.of(subject) : Optional.empty();
    }

    /** The claims of the verified token; empty when there is none. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> claims() {
        return attributes.get(CLAIMS_ATTRIBUTE) instanceof Map<?, ?> claims ? (Map<String, Object>) claims : Map.of();
    }

    @Override
    public String toString() {
        return (blocked ? "BLOCK " + status + " " + blockType : "ALLOW") + " " + incidentId() + " " + findings;
    }
}
