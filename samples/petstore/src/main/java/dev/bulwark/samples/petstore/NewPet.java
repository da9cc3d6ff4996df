package dev.bulwark.samples.petstore;

import java.time.LocalDate;
import java.util.List;

/**
 * A pet as clients send it. The contract (schema {@code NewPet}) has been enforced by the time a
 * controller sees one: name and species present, species and status from their lists, a real date,
 * no unknown fields.
 */
public record NewPet(String name, String species, String status, LocalDate birthDate, List<String> tags,
        String description, Owner owner) {
}
