package dev.bulwark.samples.petstore;

import java.time.LocalDate;
import java.util.List;

/** A pet in the store. */
public record Pet(long id, String name, String species, String status, LocalDate birthDate, List<String> tags,
        String description, Owner owner) {

    /** The pet {@code id} as described by {@code pet}; status {@code available} unless given. */
    static Pet of(long id, NewPet pet) {
        return new Pet(id, pet.name(), pet.species(), pet.status() == null ? "available" : pet.status(), pet.birthDate(),
                pet.tags() == null ? List.of() : List.copyOf(pet.tags()), pet.description(), pet.owner());
    }

    Pet withStatus(String newStatus) {
        return new Pet(id, name, species, newStatus, birthDate, tags, description, owner);
    }
}
