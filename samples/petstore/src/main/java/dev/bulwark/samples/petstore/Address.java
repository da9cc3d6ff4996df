package dev.bulwark.samples.petstore;

/** Where an order is delivered. */
public record Address(String street, String zip, String country) {
}
