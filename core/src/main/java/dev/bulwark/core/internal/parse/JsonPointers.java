package dev.bulwark.core.internal.parse;

import dev.bulwark.core.DecodingFlag;
import dev.bulwark.core.Location;
import dev.bulwark.core.Source;
import dev.bulwark.core.internal.decode.DecodedText;
import java.util.Set;

/**
 * The JSON pointers of recent documents, each with its two locations, so that a document of a
 * shape seen before reuses them instead of building a pointer string and two locations per
 * member. Requests to one endpoint repeat their shape ({@code /items/0/sku}, {@code /items/1/sku},
 * ...), and a reused pointer also keeps its string hash: whatever hashes or compares the names of
 * a request's values (the clean-value cache of the deny rules) finds it computed, and the same
 * string where it kept one.
 *
 * <p>A pointer is found from its parent and its last token, without reading the pointer: a member
 * by the parent's pointer (the same string, by identity) and its key, an array element by the
 * parent's pointer and its index. What a pointer is depends on nothing but the document, so one
 * table serves every parser and configuration. Before the key is hashed, the slot of the pointer
 * that followed the previous one last time is tried: a document of a shape seen before then reads
 * one slot per key and hashes none of its keys (new strings each time, whose hash is not known).
 *
 * <p>Bounded: {@value #SLOTS} slots, each holding one pointer of at most {@value #MAX_INTERNED}
 * characters, its key and the parent's pointer it was found under: at most 384 characters of text
 * a slot, 3 MiB in all. A pointer that does not fit is made as before and not kept; a new
 * pointer takes one of the two slots of its pair and moves the other out, so that many keys sent
 * once (or crafted to share a pair) only cost what building their pointers costs anyway. No body
 * is kept: keys are strings of their own, not views of it.
 *
 * <p>Thread-safe without locks: the slots are a {@link PairTable} of nodes whose fields are final,
 * but for each node's hint of the slot that follows, an int taken only when its pointer is the one
 * asked for.
 */
final class JsonPointers {

    /** Slots of the table, a power of two: room for the pointers of many document shapes. */
    static final int SLOTS = 4096;
    /** Longest pointer kept, in characters; longer ones are built for each document. */
    static final int MAX_INTERNED = 128;

    /**
     * Pointers of one document looked up here, at most; the rest are built as they come. An API
     * body has tens of them, and the many of a large document would only push out those of the
     * small ones, costing each of its own a lookup in memory spread wide instead of a string.
     */
    static final int PER_DOCUMENT = 512;

    /** The whole document: the empty pointer. */
    static final Node ROOT = new Node(null, null, -1, 0, "");

    private static final PairTable<Node> TABLE = new PairTable<>(SLOTS);

    private JsonPointers() {
    }

    /**
     * The pointer of member {@code key} of the object at {@code parent}, looked up here when
     * {@code lookUp}, else built.
     */
    static Node member(Node parent, String key, boolean lookUp, Node previous) {
        if (!lookUp) {
            return new Node(parent.pointer, key, -1, 0, memberPointer(parent.pointer, key));
        }
        Node hint = following(previous);
        if (hint != null && hint.isMemberOf(parent, key)) {
            return hint;
        }
        return follow(previous, member(parent, key));
    }

    private static Node member(Node parent, String key) {
        int hash = parent.hash * 31 + key.hashCode();
        int slot = TABLE.slot(hash);
        Node found = TABLE.at(slot);
        if (found == null || !found.isMember(parent, key, hash)) {
            found = TABLE.at(slot ^ 1);
            if (found == null || !found.isMember(parent, key, hash)) {
                return keep(slot, new Node(parent.pointer, key, -1, hash, memberPointer(parent.pointer, key)));
            }
        }
        return found;
    }

    /**
     * The pointer of element {@code index} of the array at {@code parent}, looked up here when
     * {@code lookUp}, else built.
     */
    static Node element(Node parent, int index, boolean lookUp, Node previous) {
        if (!lookUp) {
            return new Node(parent.pointer, null, index, 0, parent.pointer + '/' + index);
        }
        Node hint = following(previous);
        if (hint != null && hint.isElementOf(parent, index)) {
            return hint;
        }
        return follow(previous, element(parent, index));
    }

    /**
     * Notes the slot of {@code next} as the one that follows {@code previous}, unless it is noted
     * already: documents of one shape then find each pointer from the one before it.
     */
    private static Node follow(Node previous, Node next) {
        if (previous != null) {
            int slot = TABLE.slot(next.hash);
            slot = TABLE.at(slot) == next ? slot : TABLE.at(slot ^ 1) == next ? slot ^ 1 : -1;
            if (previous.followingSlot != slot) {
                previous.followingSlot = slot;
            }
        }
        return next;
    }

    /** The pointer in the slot noted after {@code previous}, or null: a hint, which may have moved on. */
    private static Node following(Node previous) {
        int slot = previous == null ? -1 : previous.followingSlot;
        return slot < 0 ? null : TABLE.at(slot);
    }

    private static Node element(Node parent, int index) {
        int hash = parent.hash * 31 + index + 1;
        int slot = TABLE.slot(hash);
        Node found = TABLE.at(slot);
        if (found == null || !found.isElement(parent, index, hash)) {
            found = TABLE.at(slot ^ 1);
            if (found == null || !found.isElement(parent, index, hash)) {
                return keep(slot, new Node(parent.pointer, null, index, hash, parent.pointer + '/' + index));
            }
        }
        return found;
    }

    /** {@code parent}/{@code key}, the key escaped as RFC 6901 says; most keys need no escape and no builder. */
    private static String memberPointer(String parent, String key) {
        if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
            return parent + '/' + key;
        }
        StringBuilder pointer = new StringBuilder(parent.length() + key.length() + 8).append(parent);
        JsonBodyParser.appendPointerToken(pointer, key);
        return pointer.toString();
    }

    private static Node keep(int slot, Node node) {
        return node.pointer.length() <= MAX_INTERNED ? TABLE.keep(slot, node) : node;
    }

    /**
     * Whether a pointer {@code tokenLength} characters longer than {@code parent}'s, after its
     * slash, may be kept: one that may not is not worth a lookup, which could only miss.
     */
    static boolean mayKeep(Node parent, int tokenLength) {
        return parent.pointer.length() + 1 + tokenLength <= MAX_INTERNED;
    }

    /**
     * One pointer. Members are told apart from elements by {@code key}, {@code null} for an element.
     */
    static final class Node {
        /** The parent's pointer, compared by identity; {@code null} for the root. */
        private final String parentPointer;
        /**
         * The key of a member, {@code null} for an array element. A parser gives this string as the
         * key's value rather than the one it just read: equal, and the same from document to
         * document, so that later comparisons of it answer on identity.
         */
        final String key;
        /** The decoding flags of {@link #key} (control characters), worked out once. */
        final Set<DecodingFlag> keyFlags;
        private final int index;
        private final int hash;
        final String pointer;
        /** Where the key of the member at this pointer sits; {@code null} for an array element. */
        final Location nameLocation;
        /** Where the value at this pointer sits. */
        final Location valueLocation;
        /**
         * The slot of the pointer looked up right after this one in the last document that had
         * both, or -1: a hint, read and written without locks, that a lost or stale write or a
         * pointer since moved out only makes miss. A slot, not the pointer, so that no pointer
         * the table let go of is kept alive by another.
         */
        int followingSlot = -1;

        private Node(String parentPointer, String key, int index, int hash, String pointer) {
            this.parentPointer = parentPointer;
            this.key = key;
            this.keyFlags = key == null ? Set.of() : DecodedText.controlCharacterFlags(key);
            this.index = index;
            this.hash = hash;
            this.pointer = pointer;
            this.nameLocation = key == null ? null : Location.name(Source.JSON, pointer);
            this.valueLocation = Location.value(Source.JSON, pointer);
        }

        private boolean isMember(Node parent, String memberKey, int memberHash) {
            return hash == memberHash && isMemberOf(parent, memberKey);
        }

        private boolean isMemberOf(Node parent, String memberKey) {
            return parentPointer == parent.pointer && memberKey.equals(key);
        }

        private boolean isElement(Node parent, int elementIndex, int elementHash) {
            return hash == elementHash && isElementOf(parent, elementIndex);
        }

        private boolean isElementOf(Node parent, int elementIndex) {
            return parentPointer == parent.pointer && key == null && index == elementIndex;
        }
    }
}
