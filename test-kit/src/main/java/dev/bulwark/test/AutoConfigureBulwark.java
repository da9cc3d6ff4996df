package dev.bulwark.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Adds the starter's auto-configuration to a Spring Boot test slice, so that {@code @WebMvcTest}
 * controllers are tested behind the Bulwark filter configured by {@code bulwark.*}, as in the
 * running service:
 *
 * <pre>{@code
 * @WebMvcTest(PetController.class)
 * @AutoConfigureBulwark
 * class PetControllerTest {
 *     @Autowired MockMvc mockMvc;
 *     ...
 * }
 * }</pre>
 *
 * Full {@code @SpringBootTest}s need no annotation: they run every auto-configuration. Needs the
 * starter, {@code dev.bulwark:bulwark-spring-boot-starter}, on the classpath.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureBulwark {
}
