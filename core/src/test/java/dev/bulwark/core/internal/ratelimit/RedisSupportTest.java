package dev.bulwark.core.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.config.ConfigurationException;
import org.junit.jupiter.api.Test;

class RedisSupportTest {

    /** The test class path without Lettuce, as a service that did not add it sees it. */
    private static final ClassLoader WITHOUT_LETTUCE = new ClassLoader(RedisSupportTest.class.getClassLoader()) {
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.lettuce.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    };

    @Test
    void failsStartUpNamingTheArtifactsWhenLettuceIsMissing() {
        assertThatThrownBy(() -> RedisSupport.requireLibraries(WITHOUT_LETTUCE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("rate-limits.store.redis: the Redis store needs "
                        + "com.bucket4j:bucket4j_jdk17-lettuce and io.lettuce:lettuce-core on the classpath");
    }

    @Test
    void acceptsAClassPathWithBothLibraries() {
        assertThatCode(() -> RedisSupport.requireLibraries(RedisSupportTest.class.getClassLoader())).doesNotThrowAnyException();
    }
}
