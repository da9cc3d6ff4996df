package dev.bulwark.samples.petstore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** The store's data, in memory, with a few pets to start with. */
@Component
public class PetStore {

    private final Map<Long, Pet> pets = new ConcurrentHashMap<>();
    private final Map<Long, List<Photo>> photos = new ConcurrentHashMap<>();
    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final AtomicLong petIds = new AtomicLong();
    private final AtomicLong photoIds = new AtomicLong();
    private final AtomicLong orderIds = new AtomicLong();

    public PetStore() {
        add(new NewPet("Rex", "dog", "available", LocalDate.of(2021, 4, 12), List.of("friendly", "house-trained"),
                "Loves long walks and belly rubs.", null));
        add(new NewPet("Tom", "cat", "available", LocalDate.of(2020, 9, 1), List.of("indoor"),
                "Quiet, curious, and fond of boxes.", null));
        add(new NewPet("Tweety", "bird", "sold", LocalDate.of(2023, 2, 28), List.of("singer"), null,
                new Owner("Granny", "granny@example.com", null)));
    }

    /** Pets with this status, species and tag (each {@code null} for any), by id, at most {@code limit}. */
    public List<Pet> find(String status, String species, String tag, int limit) {
        return pets.values().stream()
                .filter(pet -> status == null || pet.status().equals(status))
                .filter(pet -> species == null || pet.species().equals(species))
                .filter(pet -> tag == null || pet.tags().contains(tag))
                .sorted(Comparator.comparingLong(Pet::id))
                .limit(limit)
                .toList();
    }

    public Optional<Pet> pet(long id) {
        return Optional.ofNullable(pets.get(id));
    }

    public Pet add(NewPet pet) {
        long id = petIds.incrementAndGet();
        Pet added = Pet.of(id, pet);
        pets.put(id, added);
        return added;
    }

    public Optional<Pet> replace(long id, NewPet pet) {
        return Optional.ofNullable(pets.computeIfPresent(id, (key, old) -> Pet.of(id, pet)));
    }

    public boolean remove(long id) {
        photos.remove(id);
        return pets.remove(id) != null;
    }

    public List<Photo> photos(long petId) {
        return List.copyOf(photos.getOrDefault(petId, List.of()));
    }

    public Photo addPhoto(long petId, Photo.New photo) {
        Photo added = new Photo(photoIds.incrementAndGet(), photo.url(), photo.caption());
        photos.compute(petId, (key, list) -> {
            List<Photo> updated = list == null ? new ArrayList<>() : new ArrayList<>(list);
            updated.add(added);
            return List.copyOf(updated);
        });
        return added;
    }

    /** Places an order and reserves the pet; empty when the pet is not available. */
    public synchronized Optional<Order> order(Order.New order, String placedBy) {
        Pet pet = pets.get(order.petId());
        if (pet == null || !pet.status().equals("available")) {
            return Optional.empty();
        }
        pets.put(pet.id(), pet.withStatus("pending"));
        String id = String.format("PS-%06d", orderIds.incrementAndGet());
        Order placed = new Order(id, order.petId(), order.quantity(), order.shipDate(), order.delivery(), "placed", placedBy);
        orders.put(id, placed);
        return Optional.of(placed);
    }

    public Optional<Order> order(String id) {
        return Optional.ofNullable(orders.get(id));
    }

    /** Number of pets per status. */
    public Map<String, Integer> inventory() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String status : List.of("available", "pending", "sold")) {
            counts.put(status, 0);
        }
        pets.values().forEach(pet -> counts.merge(pet.status(), 1, Integer::sum));
        return counts;
    }
}
