package dev.otpsim.run;

import dev.otpsim.http.NoAnswer;
import dev.otpsim.person.TargetAnswer;
import dev.otpsim.target.TargetProtocol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * The requests people sent to the target, and those that got no usable answer, by reason
 * ({@code connection refused}, {@code no answer within the request timeout}, {@code answered 503}...).
 * A run whose every journey ended in error names its cause from these: "connection refused at
 * http://127.0.0.1:9000 for 50 of 50 sends".
 *
 * <pre>{@code
 * TargetTraffic traffic = new TargetTraffic();
 * TargetProtocol counted = traffic.counting(protocol);   // what the people speak through
 * traffic.noAnswer(TargetTraffic.SEND, NoAnswer.REFUSED); // told by whoever saw the failure
 * traffic.snapshot().describe(protocol.baseUrl());        // "connection refused at ... for 1 of 1 send"
 * }</pre>
 *
 * <p>Answers are counted where the protocol maps them (every answer passes there, status -1 when
 * none came); reasons come from whoever saw the failure (Gatling's failure report, or the JDK
 * client). Unanswered requests without a reported reason are counted as {@link NoAnswer#UNREPORTED}.
 */
public final class TargetTraffic {
    public static final String SEND = "send";
    public static final String VERIFY = "verify";

    private final ConcurrentHashMap<String, LongAdder> asked = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> unanswered = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>> reasons = new ConcurrentHashMap<>();

    /** {@code protocol}, counting every answer it maps and those that never came. */
    public TargetProtocol counting(TargetProtocol protocol) {
        return new Counting(protocol);
    }

    /** A request of kind {@code request} ({@link #SEND}, {@link #VERIFY}) got no usable answer, for {@code reason}. */
    public void noAnswer(String request, String reason) {
        reasons.computeIfAbsent(request, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    void answered(String request, int status) {
        asked.computeIfAbsent(request, k -> new LongAdder()).increment();
        if (status < 0) {
            unanswered.computeIfAbsent(request, k -> new LongAdder()).increment();
        }
    }

    /** The counts so far. */
    public Snapshot snapshot() {
        Map<String, Long> a = new LinkedHashMap<>();
        Map<String, Map<String, Long>> r = new LinkedHashMap<>();
        for (String request : List.of(SEND, VERIFY)) {
            long n = sum(asked.get(request));
            long none = sum(unanswered.get(request));
            a.put(request, n);
            Map<String, Long> why = new LinkedHashMap<>();
            ConcurrentHashMap<String, LongAdder> told = reasons.get(request);
            long explained = 0;
            if (told != null) {
                List<Map.Entry<String, LongAdder>> byCount = new ArrayList<>(told.entrySet());
                byCount.sort(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> -e.getValue().sum())
                        .thenComparing(Map.Entry::getKey));
                for (Map.Entry<String, LongAdder> e : byCount) {
                    // Never more reasons than unanswered requests: Gatling also reports requests it cut off at the
                    // run's end, whose answer no journey read.
                    long c = Math.min(e.getValue().sum(), Math.max(0, none - explained));
                    if (c > 0) {
                        why.put(e.getKey(), c);
                        explained += c;
                    }
                }
            }
            if (none > explained) {
                why.put(NoAnswer.UNREPORTED, none - explained);
            }
            r.put(request, why);
        }
        return new Snapshot(a, r);
    }

    private static long sum(LongAdder a) {
        return a == null ? 0 : a.sum();
    }

    /**
     * @param asked      requests whose answer (or its absence) reached the person, by kind
     * @param unanswered of those, the ones with no usable answer, by kind and reason (most frequent first)
     */
    public record Snapshot(Map<String, Long> asked, Map<String, Map<String, Long>> unanswered) {
        /** No traffic seen (an engine with no HTTP). */
        public static final Snapshot NONE = new Snapshot(Map.of(), Map.of());

        /** Requests of this kind with no usable answer. */
        public long unanswered(String request) {
            return unanswered.getOrDefault(request, Map.of()).values().stream().mapToLong(Long::longValue).sum();
        }

        /**
         * The unanswered requests in words, e.g. "connection refused at http://127.0.0.1:9000 for 50 of 50
         * sends"; empty when every request was answered.
         */
        public String describe(String target) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, Map<String, Long>> kind : unanswered.entrySet()) {
                long of = asked.getOrDefault(kind.getKey(), 0L);
                for (Map.Entry<String, Long> why : kind.getValue().entrySet()) {
                    String noun = kind.getKey().equals(VERIFY) ? "verification" : kind.getKey();
                    parts.add(why.getKey() + " at " + target + " for " + String.format(Locale.ROOT, "%,d of %,d %s",
                            why.getValue(), of, of == 1 ? noun : noun + "s"));
                }
            }
            return String.join("; ", parts);
        }
    }

    /** Counts each answer the people's protocol maps (status -1: none came), then maps it as the protocol does. */
    private final class Counting implements TargetProtocol {
        private final TargetProtocol p;

        Counting(TargetProtocol p) {
            this.p = p;
        }

        @Override
        public String baseUrl() {
            return p.baseUrl();
        }

        @Override
        public Request send() {
            return p.send();
        }

        @Override
        public Request verify() {
            return p.verify();
        }

        @Override
        public Set<String> headersRead() {
            return p.headersRead();
        }

        @Override
        public TargetAnswer sendAnswer(int status, String body) {
            answered(SEND, status);
            return p.sendAnswer(status, body);
        }

        @Override
        public TargetAnswer verifyAnswer(int status, String body) {
            answered(VERIFY, status);
            return p.verifyAnswer(status, body);
        }

        @Override
        public TargetAnswer sendAnswer(int status, String body, UnaryOperator<String> header) {
            answered(SEND, status);
            return p.sendAnswer(status, body, header);
        }

        @Override
        public TargetAnswer verifyAnswer(int status, String body, UnaryOperator<String> header) {
            answered(VERIFY, status);
            return p.verifyAnswer(status, body, header);
        }
    }
}
