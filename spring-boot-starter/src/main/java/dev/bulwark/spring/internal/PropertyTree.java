package dev.bulwark.spring.internal;

import dev.bulwark.core.config.ConfigSchema;
import dev.bulwark.core.config.ConfigSchema.Key;
import dev.bulwark.core.config.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Reads the {@code bulwark.*} properties into the tree that the core's loader reads, by walking
 * the core's {@link ConfigSchema}: each key is bound by Spring's {@link Binder}, so relaxed names
 * ({@code denyRules}, {@code BULWARK_DENY_RULES_LEVEL}), placeholders, comma-separated lists and
 * the precedence of property sources are Spring's, and the values are parsed and validated by the
 * core alone. A key the schema does not know stops start-up with its property name; names from
 * environment variables are not checked, as underscores there stand for both dots and dashes.
 */
public final class PropertyTree {

    /** The starter's own keys, which the core does not read. */
    static final Set<String> STARTER_KEYS = Set.of("enabled", "filter-order", "config-file", "spring-security");

    /** The keys of the starter's own groups, checked here too so that a misspelt one stops start-up. */
    static final Map<String, List<String>> STARTER_GROUPS =
            Map.of("spring-security", List.of("authorities-claim-name", "authority-prefix", "enabled"));

    private final Environment environment;
    private final Binder binder;
    private final List<ConfigurationPropertySource> sources = new ArrayList<>();
    private List<PropertyTree> singleSourceTrees;

    private PropertyTree(Environment environment, Iterable<ConfigurationPropertySource> sources) {
        this.environment = environment;
        sources.forEach(this.sources::add);
        // Strict placeholders: an unresolvable one is an error at its property, not a value.
        this.binder = new Binder(this.sources, value -> value instanceof String text
                ? environment.resolveRequiredPlaceholders(text) : value);
    }

    /** The values set under {@code prefix}, as kebab-case keys; empty when none is. */
    public static Map<String, Object> read(Environment environment, String prefix) {
        PropertyTree tree = new PropertyTree(environment, ConfigurationPropertySources.get(environment));
        Object root = tree.value(ConfigSchema.root(), ConfigurationPropertyName.of(prefix), STARTER_KEYS);
        STARTER_GROUPS.forEach((group, keys) -> tree.rejectUnknown(ConfigurationPropertyName.of(prefix).append(group), keys));
        @SuppressWarnings("unchecked")
        Map<String, Object> map = root instanceof Map<?, ?> ? (Map<String, Object>) root : new LinkedHashMap<>();
        return map;
    }

    private Object value(Key key, ConfigurationPropertyName name, Set<String> ignored) {
        return switch (key.type()) {
            case OBJECT -> key.scalarToo() && isSet(name) ? scalar(name) : object(key, name, ignored);
            case LIST -> list(key, name);
            case MAP -> map(name);
            default -> scalar(name);
        };
    }

    private Map<String, Object> object(Key key, ConfigurationPropertyName name, Set<String> ignored) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Key child : key.children()) {
            Object value = value(child, name.append(child.name()), Set.of());
            if (value != null) {
                map.put(child.name(), value);
            }
        }
        rejectUnknown(key, name, ignored);
        return map.isEmpty() ? null : map;
    }

    /**
     * A list. As Spring binds lists, an indexed list or a comma-separated value comes whole from
     * the first source that has one, never merged item by item across sources; lists of objects
     * keyed by name are merged per entry instead (see {@link #keyedList}).
     */
    private Object list(Key key, ConfigurationPropertyName name) {
        ConfigurationPropertyName first = name.append("[0]");
        for (PropertyTree owner : singleSourceTrees()) {
            if (owner.isSet(first) || owner.hasDescendants(first)) {
                return owner.indexed(key, name);
            }
            if (key.scalarToo() && owner.isSet(name)) {
                List<String> values = owner.bind(name, Bindable.listOf(String.class));
                return values == null ? null : new ArrayList<Object>(values);
            }
        }
        return key.isKeyedList() ? keyedList(key, name) : null;
    }

    /** A tree per source, in precedence order, made once: lists come whole from one source. */
    private List<PropertyTree> singleSourceTrees() {
        if (singleSourceTrees == null) {
            singleSourceTrees = sources.size() == 1 ? List.of(this)
                    : sources.stream().map(source -> new PropertyTree(environment, List.of(source))).toList();
        }
        return singleSourceTrees;
    }

    private List<Object> indexed(Key key, ConfigurationPropertyName name) {
        List<Object> items = new ArrayList<>();
        for (int i = 0; hasDescendants(name.append("[" + i + "]")) || isSet(name.append("[" + i + "]")); i++) {
            Object item = value(key.element(), name.append("[" + i + "]"), Set.of());
            items.add(item == null ? new LinkedHashMap<>() : item);
        }
        return items;
    }

    /**
     * A list of objects written as a map keyed by name; the core reads it as the list of its
     * values, in the order the sources list the keys.
     */
    private Map<String, Object> keyedList(Key key, ConfigurationPropertyName name) {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (String child : childNames(name, true)) {
            Object entry = value(key.element(), element(name, child), Set.of());
            entries.put(child, entry == null ? new LinkedHashMap<>() : entry);
        }
        return entries.isEmpty() ? null : entries;
    }

    /** Free keys, each with a text value. */
    private Object map(ConfigurationPropertyName name) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String child : childNames(name, true)) {
            Object value = scalar(element(name, child));
            if (value != null) {
                map.put(child, value);
            }
        }
        return map.isEmpty() ? null : map;
    }

    /** The name of a map's entry; a key such as {@code https://example.com/email} goes in brackets. */
    private static ConfigurationPropertyName element(ConfigurationPropertyName name, String key) {
        return name.append(ConfigurationPropertyName.isValid(key) ? key : "[" + key + "]");
    }

    private Object scalar(ConfigurationPropertyName name) {
        return bind(name, Bindable.of(String.class));
    }

    /** Binds with Spring, and reports what Spring cannot bind (an unresolvable placeholder) at its property. */
    private <T> T bind(ConfigurationPropertyName name, Bindable<T> target) {
        try {
            return binder.bind(name, target).orElse(null);
        } catch (BindException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new ConfigurationException(name.toString(), cause.getMessage());
        }
    }

    private boolean isSet(ConfigurationPropertyName name) {
        for (ConfigurationPropertySource source : sources) {
            if (source.getConfigurationProperty(name) != null) {
                return true;
            }
        }
        return false;
    }

    private boolean hasDescendants(ConfigurationPropertyName name) {
        for (ConfigurationPropertySource source : sources) {
            if (source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                return true;
            }
        }
        return false;
    }

    /** The names of the elements right under {@code name}, from the sources that can list their names. */
    private Set<String> childNames(ConfigurationPropertyName name, boolean withEnvironment) {
        Set<String> names = new LinkedHashSet<>();
        int index = name.getNumberOfElements();
        for (ConfigurationPropertySource source : sources) {
            if (source instanceof IterableConfigurationPropertySource iterable
                    && (withEnvironment || !isEnvironment(source))) {
                iterable.stream().filter(name::isAncestorOf)
                        .forEach(child -> names.add(child.getElement(index, ConfigurationPropertyName.Form.ORIGINAL)));
            }
        }
        return names;
    }

    private static boolean isEnvironment(ConfigurationPropertySource source) {
        return source.getUnderlyingSource() instanceof PropertySource<?> propertySource
                && StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(propertySource.getName());
    }

    private void rejectUnknown(Key key, ConfigurationPropertyName name, Set<String> ignored) {
        for (String child : childNames(name, false)) {
            String normalized = relaxed(child);
            boolean known = key.children().stream().anyMatch(k -> relaxed(k.name()).equals(normalized))
                    || ignored.stream().anyMatch(k -> relaxed(k).equals(normalized));
            if (!known) {
                List<String> expected = key.children().stream().map(Key::name).sorted().toList();
                throw new ConfigurationException(unknownProperty(name, child), child.chars().allMatch(Character::isDigit)
                        ? "expected keys, not a list (keys: " + expected + ")"
                        : "unknown key '" + child + "' (expected one of " + expected + ")");
            }
        }
    }

    private void rejectUnknown(ConfigurationPropertyName name, List<String> keys) {
        for (String child : childNames(name, false)) {
            if (keys.stream().noneMatch(k -> relaxed(k).equals(relaxed(child)))) {
                throw new ConfigurationException(unknownProperty(name, child),
                        "unknown key '" + child + "' (expected one of " + keys + ")");
            }
        }
    }

    /** A name as Spring compares names: without dashes and underscores, in lower case. */
    private static String relaxed(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The first property written under the unknown key, so that the message names what to fix. */
    private String unknownProperty(ConfigurationPropertyName name, String child) {
        int index = name.getNumberOfElements();
        for (ConfigurationPropertySource source : sources) {
            if (source instanceof IterableConfigurationPropertySource iterable && !isEnvironment(source)) {
                var property = iterable.stream().filter(name::isAncestorOf)
                        .filter(n -> n.getElement(index, ConfigurationPropertyName.Form.ORIGINAL).equals(child)).findFirst();
                if (property.isPresent()) {
                    return property.get().toString();
                }
            }
        }
        return name.toString();
    }
}
