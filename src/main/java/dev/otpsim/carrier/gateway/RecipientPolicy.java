package dev.otpsim.carrier.gateway;

/** What the gateway does with a recipient no simulated person owns. */
public enum RecipientPolicy {
    /**
     * A run with simulated people: the message is carried, and the carrier reports it as sent to
     * an unknown recipient instead of delivering it.
     */
    KNOWN_ONLY,
    /** The gateway served alone: every address gets a handset on its first message. */
    REGISTER_ANY
}
