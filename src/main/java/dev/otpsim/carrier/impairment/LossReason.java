package dev.otpsim.carrier.impairment;

/** Why a carrier never delivered a message. */
public enum LossReason {
    /** Random or bursty (Gilbert–Elliott) loss. */
    LOSS,
    /** Sent during an outage window in {@code drop} mode. */
    OUTAGE,
    /** Arrived when the capacity queue was full (drop-tail). */
    QUEUE_FULL,
    /** The handset stayed out of coverage past the store-and-forward validity period. */
    EXPIRED_UNREACHABLE;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
