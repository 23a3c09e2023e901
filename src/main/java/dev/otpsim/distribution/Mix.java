package dev.otpsim.distribution;

/** Bit mixing for deriving independent seeds and per-address draws from one run seed. */
public final class Mix {
    private Mix() {
    }

    /** The 64-bit finalizer of MurmurHash3: every input bit affects every output bit. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
