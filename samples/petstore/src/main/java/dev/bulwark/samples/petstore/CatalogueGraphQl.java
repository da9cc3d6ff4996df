package dev.bulwark.samples.petstore;

import java.util.List;
import java.util.Objects;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The catalogue over GraphQL ({@code POST /graphql}, schema in {@code graphql/schema.graphqls}).
 * Owners list their pets, so a query can nest as deep as a client likes; Bulwark's GraphQL limits
 * ({@code bulwark.graphql} in {@code application.yml}) are what keep it bounded.
 */
@Controller
class CatalogueGraphQl {

    private final PetStore store;

    CatalogueGraphQl(PetStore store) {
        this.store = store;
    }

    @QueryMapping
    List<Pet> pets(@Argument String status, @Argument String species, @Argument String tag, @Argument int limit) {
        return store.find(status, species, tag, Math.max(0, Math.min(limit, 100)));
    }

    @QueryMapping
    Pet pet(@Argument long id) {
        return store.pet(id).orElse(null);
    }

    @SchemaMapping(typeName = "Owner", field = "pets")
    List<Pet> ownersPets(Owner owner) {
        return store.find(null, null, null, Integer.MAX_VALUE).stream()
                .filter(pet -> pet.owner() != null && Objects.equals(pet.owner().email(), owner.email()))
                .toList();
    }
}
