package dev.bulwark.samples.petstore;

/** A photo of a pet, by URL. */
public record Photo(long id, String url, String caption) {

    /** A photo as clients send it. */
    public record New(String url, String caption) {
    }
}
