package dev.bulwark.core.internal.graphql;

import dev.bulwark.core.config.ConfigurationException;
import dev.bulwark.core.internal.ClasspathResource;
import graphql.GraphQLException;
import graphql.ParseAndValidate;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validation of documents against an SDL schema with graphql-java's validator (unknown fields and
 * types, wrong argument types, missing required arguments, undefined variables...). The schema is
 * loaded once; one that cannot be read or parsed stops start-up. Each kind of error is one
 * violation key, {@code GRAPHQL-SCHEMA-} and graphql-java's error type in upper kebab case, e.g.
 * {@code GRAPHQL-SCHEMA-FIELD-UNDEFINED}.
 */
final class SchemaValidation {

    private final GraphQLSchema schema;

    private SchemaValidation(GraphQLSchema schema) {
        this.schema = schema;
    }

    static SchemaValidation load(String location, String configPath) {
        String sdl = read(location, configPath);
        try {
            TypeDefinitionRegistry types = new SchemaParser().parse(sdl);
            return new SchemaValidation(UnExecutableSchemaGenerator.makeUnExecutableSchema(types));
        } catch (GraphQLException e) {
            throw new ConfigurationException(configPath, "not a GraphQL schema: " + location + ": " + e.getMessage(), e);
        }
    }

    /** The violation keys of what is wrong with {@code document}, in order, each once; empty when it is valid. */
    Set<String> validate(Document document) {
        List<ValidationError> errors = ParseAndValidate.validate(schema, document, Locale.ROOT);
        Set<String> keys = new LinkedHashSet<>();
        for (ValidationError error : errors) {
            keys.add("GRAPHQL-SCHEMA-" + upperKebab(String.valueOf(error.getValidationErrorType())));
        }
        return keys;
    }

    /** {@code FieldUndefined} as {@code FIELD-UNDEFINED}. */
    static String upperKebab(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(name.charAt(i - 1))) {
                out.append('-');
            }
            out.append(c == '_' ? '-' : Character.toUpperCase(c));
        }
        return out.toString();
    }

    private static String read(String location, String configPath) {
        try {
            if (location.startsWith(ClasspathResource.PREFIX)) {
                try (InputStream in = ClasspathResource.open(location)) {
                    if (in == null) {
                        throw new ConfigurationException(configPath, "not found on the classpath: " + location);
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            String file = location.startsWith("file:") ? location.substring("file:".length()) : location;
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException(configPath, "cannot read " + location + ": " + e.getMessage(), e);
        }
    }
}
