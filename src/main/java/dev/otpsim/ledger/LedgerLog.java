package dev.otpsim.ledger;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ledger.csv}: every event of the run, one line each, streamed to disk so memory holds
 * only aggregates and a killed run keeps what happened up to the last flush.
 * Columns: {@code simMs,event,address,channel,code,detail}.
 */
public final class LedgerLog implements AutoCloseable {
    private final BufferedWriter out;
    // The Gatling engine closes the log after its carriers, gateway and target have stopped, so
    // nothing arrives late; an event that still comes after close (any other owner's ordering
    // mistake) is dropped rather than thrown on a carrier's actor thread.
    private boolean closed;

    public LedgerLog(Path file) {
        try {
            out = Files.newBufferedWriter(file);
            out.write("simMs,event,address,channel,code,detail\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A log that writes nothing (tests, the gateway alone). */
    public static LedgerLog none() {
        return new LedgerLog();
    }

    private LedgerLog() {
        out = null;
    }

    /** Whether events are written anywhere: when not, callers may skip building their detail. */
    public boolean writes() {
        return out != null;
    }

    /** An event whose detail is a message id: formatted only when it is written. */
    public void event(long simMillis, String event, String address, String channel, String code, long messageId) {
        if (out != null) {
            event(simMillis, event, address, channel, code, Long.toString(messageId));
        }
    }

    public void event(long simMillis, String event, String address, String channel, String code, String detail) {
        if (out == null) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                out.write(Long.toString(simMillis));
                out.write(',');
                out.write(event);
                out.write(',');
                out.write(address == null ? "" : address);
                out.write(',');
                out.write(channel == null ? "" : channel);
                out.write(',');
                out.write(code == null ? "" : code);
                out.write(',');
                out.write(detail == null ? "" : detail);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public synchronized void flush() {
        if (out != null && !closed) {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (out != null && !closed) {
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
