package dev.bulwark.samples.petstore;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The {@code /pets} operations of {@code openapi/petstore.yaml}. No validation and no
 * authorization here: Bulwark has enforced the contract, the token and its scopes before a request
 * arrives.
 */
@RestController
@RequestMapping("/pets")
public class PetController {

    private final PetStore store;

    public PetController(PetStore store) {
        this.store = store;
    }

    @GetMapping
    public List<Pet> list(@RequestParam(defaultValue = "20") int limit, @RequestParam(required = false) String status,
            @RequestParam(required = false) String species, @RequestParam(required = false) String tag) {
        return store.find(status, species, tag, limit);
    }

    @PostMapping
    public ResponseEntity<Pet> create(@RequestBody NewPet pet) {
        Pet created = store.add(pet);
        return ResponseEntity.created(URI.create("/pets/" + created.id())).body(created);
    }

    @GetMapping("/{petId}")
    public Pet get(@PathVariable long petId) {
        return store.pet(petId).orElseThrow(() -> noSuchPet(petId));
    }

    @PutMapping("/{petId}")
    public Pet update(@PathVariable long petId, @RequestBody NewPet pet) {
        return store.replace(petId, pet).orElseThrow(() -> noSuchPet(petId));
    }

    @DeleteMapping("/{petId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable long petId) {
        if (!store.remove(petId)) {
            throw noSuchPet(petId);
        }
    }

    @GetMapping("/{petId}/photos")
    public List<Photo> photos(@PathVariable long petId) {
        get(petId);
        return store.photos(petId);
    }

    @PostMapping("/{petId}/photos")
    @ResponseStatus(HttpStatus.CREATED)
    public Photo addPhoto(@PathVariable long petId, @RequestBody Photo.New photo) {
        get(petId);
        return store.addPhoto(petId, photo);
    }

    private static ResponseStatusException noSuchPet(long petId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No pet with id " + petId);
    }
}
