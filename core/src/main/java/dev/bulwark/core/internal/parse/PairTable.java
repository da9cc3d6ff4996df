package dev.bulwark.core.internal.parse;

/**
 * A fixed table of recent entries shared by every thread, without locks: each hash has a pair of
 * slots, and a new entry takes a free slot of its pair or moves the one in its own slot to the other,
 * so that entries sent once push out at most one entry each. Entries must be immutable (final fields),
 * so that a reader racing a writer sees a complete entry or another one; a lost update only costs
 * making an entry again.
 *
 * @param <T> the entries
 */
public final class PairTable<T> {

    private final Object[] slots;
    private final int shift;

    /** A table of {@code size} slots, a power of two. */
    public PairTable(int size) {
        if (Integer.bitCount(size) != 1 || size < 2) {
            throw new IllegalArgumentException("size must be a power of two: " + size);
        }
        this.slots = new Object[size];
        this.shift = Integer.SIZE - Integer.numberOfTrailingZeros(size);
    }

    /**
     * The first slot of the pair of {@code hash}: its high bits after a multiplication by the golden
     * ratio, so that hashes that differ by one (the elements of an array) fall into different pairs.
     * The other slot of the pair is {@code slot ^ 1}.
     */
    public int slot(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }

    @SuppressWarnings("unchecked")
    public T at(int slot) {
        return (T) slots[slot];
    }

    /** Keeps {@code entry} in the pair of {@code slot}, and returns it. */
    public T keep(int slot, T entry) {
        if (slots[slot] != null) {
            if (slots[slot ^ 1] == null) {
                slot ^= 1;
            } else {
                slots[slot ^ 1] = slots[slot];
            }
        }
        slots[slot] = entry;
        return entry;
    }
}
