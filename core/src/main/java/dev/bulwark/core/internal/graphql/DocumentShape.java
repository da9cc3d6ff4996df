package dev.bulwark.core.internal.graphql;

import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The measures of a document that its limits are judged by, with fragments expanded.
 *
 * @param operations operation definitions in the document
 * @param depth deepest field nesting over all operations, a root field being 1
 * @param aliases aliased fields over all operations
 * @param rootFields most fields directly under one operation
 * @param fields most fields in one operation
 * @param directives most directives on one node (field, fragment spread, inline fragment, operation)
 * @param introspection whether a field named {@code __schema} or {@code __type} is selected anywhere
 * @param mutation whether the document defines a mutation
 * @param subscription whether the document defines a subscription
 * @param fragmentCycle whether a fragment spreads itself, directly or through others
 */
record DocumentShape(int operations, long depth, long aliases, long rootFields, long fields, int directives,
        boolean introspection, boolean mutation, boolean subscription, boolean fragmentCycle) {

    /** Measures {@code document}. */
    static DocumentShape of(Document document) {
        return new Measure(document).run();
    }

    /** What a selection set holds, fragments expanded. */
    private record Counts(long depth, long fields, long aliases, long topFields) {
        static final Counts NONE = new Counts(0, 0, 0, 0);
    }

    private static final class Measure {
        private final Map<String, FragmentDefinition> fragments = new HashMap<>();
        private final Map<String, Counts> measured = new HashMap<>();
        private final Set<String> visiting = new HashSet<>();
        private final List<Definition> definitions;
        private int directives;
        private boolean introspection;
        private boolean cycle;

        Measure(Document document) {
            this.definitions = document.getDefinitions();
            for (Definition<?> definition : definitions) {
                if (definition instanceof FragmentDefinition fragment) {
                    fragments.putIfAbsent(fragment.getName(), fragment);
                }
            }
        }

        DocumentShape run() {
            int operations = 0;
            long depth = 0;
            long aliases = 0;
            long rootFields = 0;
            long fields = 0;
            boolean mutation = false;
            boolean subscription = false;
            for (Definition<?> definition : definitions) {
                if (definition instanceof OperationDefinition operation) {
                    operations++;
                    mutation |= operation.getOperation() == OperationDefinition.Operation.MUTATION;
                    subscription |= operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION;
                    directives(operation.getDirectives());
                    Counts counts = selections(operation.getSelectionSet());
                    depth = Math.max(depth, counts.depth());
                    aliases = add(aliases, counts.aliases());
                    rootFields = Math.max(rootFields, counts.topFields());
                    fields = Math.max(fields, counts.fields());
                } else if (definition instanceof FragmentDefinition fragment) {
                    // Measured even when no operation spreads it: its cycles and introspection count too.
                    fragment(fragment.getName());
                    directives(fragment.getDirectives());
                }
            }
            return new DocumentShape(operations, depth, aliases, rootFields, fields, directives, introspection, mutation,
                    subscription, cycle);
        }

        private Counts selections(SelectionSet set) {
            if (set == null) {
                return Counts.NONE;
            }
            long depth = 0;
            long fields = 0;
            long aliases = 0;
            long topFields = 0;
            for (Selection<?> selection : set.getSelections()) {
                Counts inner;
                if (selection instanceof Field field) {
                    directives(field.getDirectives());
                    String name = field.getName();
                    introspection |= name.equals("__schema") || name.equals("__type");
                    Counts child = selections(field.getSelectionSet());
                    inner = new Counts(add(child.depth(), 1), add(child.fields(), 1),
                            add(child.aliases(), field.getAlias() != null ? 1 : 0), 1);
                } else if (selection instanceof InlineFragment fragment) {
                    directives(fragment.getDirectives());
                    inner = selections(fragment.getSelectionSet());
                } else if (selection instanceof FragmentSpread spread) {
                    directives(spread.getDirectives());
                    inner = fragment(spread.getName());
                } else {
                    inner = Counts.NONE;
                }
                depth = Math.max(depth, inner.depth());
                fields = add(fields, inner.fields());
                aliases = add(aliases, inner.aliases());
                topFields = add(topFields, inner.topFields());
            }
            return new Counts(depth, fields, aliases, topFields);
        }

        /** A fragment's counts, measured once; an unknown fragment adds nothing, a cycle is noted. */
        private Counts fragment(String name) {
            Counts known = measured.get(name);
            if (known != null) {
                return known;
            }
            FragmentDefinition fragment = fragments.get(name);
            if (fragment == null) {
                return Counts.NONE;
            }
            if (!visiting.add(name)) {
                cycle = true;
                return Counts.NONE;
            }
            Counts counts = selections(fragment.getSelectionSet());
            visiting.remove(name);
            measured.put(name, counts);
            return counts;
        }

        private void directives(List<Directive> list) {
            directives = Math.max(directives, list.size());
        }

        /** Adds without overflowing: a fragment spread many times can stand for more fields than a long holds. */
        private static long add(long a, long b) {
            long sum = a + b;
            return sum < 0 ? Long.MAX_VALUE : sum;
        }
    }
}
