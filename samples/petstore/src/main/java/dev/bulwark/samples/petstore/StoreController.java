package dev.bulwark.samples.petstore;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The {@code /store} operations of {@code openapi/petstore.yaml}. */
@RestController
@RequestMapping("/store")
public class StoreController {

    private final PetStore store;

    public StoreController(PetStore store) {
        this.store = store;
    }

    /**
     * Places an order. {@code X-User-Id} is set by Bulwark from the verified token's subject
     * ({@code bulwark.jwt.propagate}); one sent by the client never gets here.
     */
    @PostMapping("/orders")
    @ResponseStatus(HttpStatus.CREATED)
    public Order placeOrder(@RequestBody Order.New order, @RequestHeader("X-User-Id") String userId) {
        return store.order(order, userId).orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT,
                "Pet " + order.petId() + " is not available"));
    }

    @GetMapping("/orders/{orderId}")
    public Order order(@PathVariable String orderId) {
        return store.order(orderId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No order with id " + orderId));
    }

    @GetMapping("/inventory")
    public Map<String, Integer> inventory() {
        return store.inventory();
    }
}
