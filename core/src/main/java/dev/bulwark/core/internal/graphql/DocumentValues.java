package dev.bulwark.core.internal.graphql;

import dev.bulwark.core.Location;
import dev.bulwark.core.RequestValue;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.decode.DecodedText;
import dev.bulwark.core.internal.parse.JsonBodyParser;
import dev.bulwark.core.internal.parse.LimitExceededException;
import dev.bulwark.core.internal.parse.ValueSink;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import java.util.List;

/**
 * The string values a document hands to the service, as {@link Source#GRAPHQL} values for the deny
 * rules: every string in a field's or directive's arguments, inside lists and input objects too,
 * named {@code argument:<field>.<argument>[.<input field>...]} ({@code argument:@<directive>.<argument>}
 * for a directive), and every string in a variable's default value, named
 * {@code variables/<name>[/<JSON pointer>]} like the variable it stands for. Names, enum values,
 * numbers and the rest of the syntax are not values: the parser has already held them to the
 * grammar. Each definition is walked once (fragments are not expanded).
 */
final class DocumentValues {

    private final ValueSink sink;

    private DocumentValues(ValueSink sink) {
        this.sink = sink;
    }

    static void emit(Document document, ValueSink sink) throws LimitExceededException {
        new DocumentValues(sink).document(document);
    }

    private void document(Document document) throws LimitExceededException {
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition operation) {
                for (VariableDefinition variable : operation.getVariableDefinitions()) {
                    StringBuilder pointer = new StringBuilder("variables");
                    JsonBodyParser.appendPointerToken(pointer, variable.getName());
                    defaultValue(variable.getDefaultValue(), pointer);
                }
                directives(operation.getDirectives());
                selections(operation.getSelectionSet());
            } else if (definition instanceof FragmentDefinition fragment) {
                directives(fragment.getDirectives());
                selections(fragment.getSelectionSet());
            }
        }
    }

    private void selections(SelectionSet set) throws LimitExceededException {
        if (set == null) {
            return;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                arguments(field.getName(), field.getArguments());
                directives(field.getDirectives());
                selections(field.getSelectionSet());
            } else if (selection instanceof InlineFragment fragment) {
                directives(fragment.getDirectives());
                selections(fragment.getSelectionSet());
            } else if (selection instanceof FragmentSpread spread) {
                directives(spread.getDirectives());
            }
        }
    }

    private void directives(List<Directive> directives) throws LimitExceededException {
        for (Directive directive : directives) {
            arguments("@" + directive.getName(), directive.getArguments());
        }
    }

    private void arguments(String owner, List<Argument> arguments) throws LimitExceededException {
        for (Argument argument : arguments) {
            argumentValue(argument.getValue(), "argument:" + owner + "." + argument.getName());
        }
    }

    private void argumentValue(Value<?> value, String name) throws LimitExceededException {
        if (value instanceof StringValue string) {
            add(name, string.getValue());
        } else if (value instanceof ArrayValue array) {
            for (Value<?> item : array.getValues()) {
                argumentValue(item, name);
            }
        } else if (value instanceof ObjectValue object) {
            for (ObjectField field : object.getObjectFields()) {
                argumentValue(field.getValue(), name + "." + field.getName());
            }
        }
    }

    private void defaultValue(Value<?> value, StringBuilder pointer) throws LimitExceededException {
        if (value instanceof StringValue string) {
            add(pointer.toString(), string.getValue());
        } else if (value instanceof ArrayValue array) {
            List<Value> items = array.getValues();
            for (int i = 0; i < items.size(); i++) {
                int length = pointer.length();
                pointer.append('/').append(i);
                defaultValue(items.get(i), pointer);
                pointer.setLength(length);
            }
        } else if (value instanceof ObjectValue object) {
            for (ObjectField field : object.getObjectFields()) {
                int length = pointer.length();
                JsonBodyParser.appendPointerToken(pointer, field.getName());
                defaultValue(field.getValue(), pointer);
                pointer.setLength(length);
            }
        }
    }

    private void add(String name, String text) throws LimitExceededException {
        DecodedText decoded = DecodedText.scanned(text);
        sink.accept(new RequestValue(Location.value(Source.GRAPHQL, name), text, text, decoded.flags()));
    }
}
