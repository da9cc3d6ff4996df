package dev.bulwark.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachesTest {

    @Test
    void evictsOnTheThreadThatWritesTheCache() {
        List<Thread> evictedOn = new ArrayList<>();
        Cache<String, String> cache = Caches.onCallingThread()
                .maximumSize(1)
                .<String, String>removalListener((key, value, cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        evictedOn.add(Thread.currentThread());
                    }
                })
                .build();

        cache.put("a", "1");
        cache.put("b", "2");

        assertThat(evictedOn).containsExactly(Thread.currentThread());
        assertThat(cache.estimatedSize()).isEqualTo(1);
    }
}
