package dev.bulwark.samples.petstore;

/** Who owns a pet. */
public record Owner(String name, String email, String phone) {
}
