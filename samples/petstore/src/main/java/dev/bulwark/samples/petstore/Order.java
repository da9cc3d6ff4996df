package dev.bulwark.samples.petstore;

import java.time.OffsetDateTime;

/**
 * An order for a pet.
 *
 * @param placedBy the subject of the token the order was placed with, as Bulwark passes it on
 */
public record Order(String id, long petId, int quantity, OffsetDateTime shipDate, Address delivery, String status,
        String placedBy) {

    /** An order as clients send it. */
    public record New(long petId, int quantity, OffsetDateTime shipDate, Address delivery) {
    }
}
