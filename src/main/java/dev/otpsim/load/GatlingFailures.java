package dev.otpsim.load;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.otpsim.http.NoAnswer;
import dev.otpsim.run.TargetTraffic;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Tells {@link TargetTraffic} why Gatling's requests got no usable answer. Gatling hands a journey
 * no trace of a failed request (no status, no message), but reports each one to its log, with the
 * request's name and the failure ("...ConnectException: Connection refused: /127.0.0.1:9000",
 * "Request timeout ... after 10000 ms", "status.find.lt(500), but actually found 503"). While a
 * run goes, this listens to that report — and only to it: it is attached to Gatling's response
 * logger alone, not printed, and the logger's former level is restored afterwards.
 *
 * <pre>{@code
 * try (GatlingFailures failures = GatlingFailures.attach(traffic)) {
 *     GatlingLauncher.run(...);
 * }
 * }</pre>
 */
public final class GatlingFailures extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    /**
     * Where Gatling 3.16 reports a failed request, at debug level. This one logger only: debug on its
     * package would also switch on Gatling's HTTP tracing (decided once per JVM, from the
     * {@code HttpTracing} logger), which keeps every request's body for dumps.
     */
    static final String LOGGER = "io.gatling.http.engine.response.DefaultStatsProcessor";
    /** Its message pattern; arguments: request name, user id, failure. */
    static final String FAILED = "Request '{}' failed for user {}: {}";
    /** OtpSimulation's request names, as the kinds TargetTraffic counts; warm-up requests are not the run's. */
    static final Map<String, String> REQUESTS = Map.of("send code", TargetTraffic.SEND,
            "verify code", TargetTraffic.VERIFY);

    private final TargetTraffic traffic;
    private final Logger logger;
    private final Level levelBefore;
    private final boolean additiveBefore;

    private GatlingFailures(TargetTraffic traffic, Logger logger) {
        this.traffic = traffic;
        this.logger = logger;
        this.levelBefore = logger == null ? null : logger.getLevel();
        this.additiveBefore = logger == null || logger.isAdditive();
    }

    /**
     * Starts listening; without Logback (another SLF4J binding) reasons are simply not told, and
     * the run counts its unanswered requests as {@link NoAnswer#UNREPORTED}.
     */
    public static GatlingFailures attach(TargetTraffic traffic) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new GatlingFailures(traffic, null);
        }
        Logger logger = context.getLogger(LOGGER);
        GatlingFailures f = new GatlingFailures(traffic, logger);
        f.setContext(context);
        f.setName("otpsim-gatling-failures");
        f.start();
        logger.addAppender(f);
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false); // Gatling's debug output stays out of the console
        return f;
    }

    @Override
    protected void append(ILoggingEvent e) {
        Object[] args = e.getArgumentArray();
        if (FAILED.equals(e.getMessage()) && args != null && args.length == 3) {
            String request = REQUESTS.get(String.valueOf(args[0]));
            if (request != null) {
                traffic.noAnswer(request, NoAnswer.reason(String.valueOf(args[2])));
            }
        } else if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
            // What the console would have shown without this listener.
            ((LoggerContext) getContext()).getLogger(Logger.ROOT_LOGGER_NAME).callAppenders(e);
        }
    }

    @Override
    public void close() {
        if (logger != null) {
            logger.detachAppender(this);
            logger.setLevel(levelBefore);
            logger.setAdditive(additiveBefore);
        }
        stop();
    }
}
