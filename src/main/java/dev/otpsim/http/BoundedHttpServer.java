package dev.otpsim.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTP/1.1 server under both of otpsim's HTTP sides (the reference target and the carrier
 * gateway), on Netty, such that no client can freeze it:
 * <ul>
 *   <li>Connections are read by a few event-loop threads that never wait for a client: a
 *       connection stalled mid-headers, mid-body, in a chunk size or sending garbage holds a few
 *       kilobytes of buffer, not a thread.</li>
 *   <li>Every connection has a deadline ({@link HttpLimits}): a request must arrive complete within
 *       {@code requestTimeout} and be answered within the same time, a kept-alive connection may sit idle
 *       {@code idleTimeout}; then it is closed (408 first when part of a request had arrived).</li>
 *   <li>Connections are counted in all and per client address; one too many is answered 503 and
 *       closed. Headers and body are bounded (431/414, 413) while they are read.</li>
 *   <li>Back-pressure: a connection is not read while its request is being handled, so a client
 *       pipelining requests waits for its answers instead of queueing work; requests are handled
 *       on a pool of {@code handlerThreads}, whose queue cannot outgrow the connection limit.</li>
 * </ul>
 * The JDK's {@code com.sun.net.httpserver} was replaced because its limits are JVM-wide system
 * properties read once when the class loads, it reads a request's headers on a handler thread (so
 * stalled clients exhaust the pool), and it leaked a descriptor for each connection closed
 * between two header lines.
 *
 * <pre>{@code
 * BoundedHttpServer server = BoundedHttpServer.start("otp-target", new InetSocketAddress("127.0.0.1", 0),
 *         HttpLimits.defaults(16 * 1024), 4,
 *         request -> BoundedHttpServer.Response.of(200, "application/json", "{}".getBytes(UTF_8)),
 *         (status, error, message) -> BoundedHttpServer.Response.of(status, "application/json", ...));
 * URI base = server.uri();   // http://127.0.0.1:<port>
 * server.close();
 * }</pre>
 */
public final class BoundedHttpServer implements AutoCloseable {
    private static final int MAX_INITIAL_LINE_BYTES = 8 * 1024;

    /** Answers one request; runs on a handler thread, may block briefly; a RuntimeException becomes a 500. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request);
    }

    /**
     * The server's own answers (too large, timed out, malformed, too many connections, a handler
     * failure) in the shape of the server's contract.
     */
    @FunctionalInterface
    public interface Refusals {
        /**
         * @param status  the HTTP status
         * @param error   a short machine-readable word, e.g. {@code too_large}
         * @param message what happened, for a person
         */
        Response answer(int status, String error, String message);
    }

    /** One complete request: method, target, headers and body. */
    public static final class Request {
        private final String method;
        private final URI uri;
        private final HttpHeaders headers;
        private final byte[] body;
        private final InetSocketAddress client;

        Request(String method, URI uri, HttpHeaders headers, byte[] body, InetSocketAddress client) {
            this.method = method;
            this.uri = uri;
            this.headers = headers;
            this.body = body;
            this.client = client;
        }

        public String method() {
            return method;
        }

        /** The request target as sent. */
        public URI uri() {
            return uri;
        }

        /** The decoded path, e.g. {@code /handsets/+15550001} for {@code /handsets/%2B15550001}. */
        public String path() {
            return uri.getPath();
        }

        /** The first value of a header (name case-insensitive), or null. */
        public String header(String name) {
            return headers.get(name);
        }

        public byte[] body() {
            return body;
        }

        public InetSocketAddress client() {
            return client;
        }
    }

    /** An answer: status, content type, body and any further headers. */
    public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        public Response {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }

        public static Response of(int status, String contentType, byte[] body) {
            return new Response(status, contentType, body, Map.of());
        }

        public Response withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Response(status, contentType, body, h);
        }
    }

    private final HttpLimits limits;
    private final Handler handler;
    private final Refusals refusals;
    private final EventLoopGroup loops;
    private final ThreadPoolExecutor handlers;
    private final Gate gate;
    private final LongAdder refusedConnections = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Channel listener;

    private BoundedHttpServer(String name, HttpLimits limits, int handlerThreads, Handler handler, Refusals refusals) {
        this.limits = limits;
        this.handler = handler;
        this.refusals = refusals;
        this.gate = new Gate(limits.maxConnections(), limits.maxConnectionsPerClient());
        int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        this.loops = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory(name + "-io", true),
                NioIoHandler.newFactory());
        AtomicInteger n = new AtomicInteger();
        // At most one request per connection is in flight (the connection is not read meanwhile),
        // so the queue never needs more room than there are connections.
        this.handlers = new ThreadPoolExecutor(handlerThreads, handlerThreads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(limits.maxConnections()), r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Binds {@code address} (port 0 picks a free one) and starts serving.
     *
     * @param name           names the threads, e.g. {@code otp-target}
     * @param handlerThreads threads that run {@code handler}
     * @throws IOException when the address cannot be bound (e.g. {@link java.net.BindException}); nothing is left running
     */
    public static BoundedHttpServer start(String name, InetSocketAddress address, HttpLimits limits, int handlerThreads,
                                          Handler handler, Refusals refusals) throws IOException {
        if (handlerThreads < 1) {
            throw new IllegalArgumentException("handlerThreads must be at least 1, got " + handlerThreads);
        }
        BoundedHttpServer server = new BoundedHttpServer(name, Objects.requireNonNull(limits, "limits"), handlerThreads,
                Objects.requireNonNull(handler, "handler"), Objects.requireNonNull(refusals, "refusals"));
        ChannelFuture bound = new ServerBootstrap()
                .group(server.loops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                // Small JSON answers must not wait for the client's delayed ACK (about 40 ms on Linux).
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(server.new Connection())
                .bind(address)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            server.close();
            Throwable cause = bound.cause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot listen on " + address + ": " + cause, cause);
        }
        server.listener = bound.channel();
        return server;
    }

    /** The bound address (with the ephemeral port when started with port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** {@code http://host:port}, for clients. */
    public URI uri() {
        String h = address().getAddress().getHostAddress();
        return URI.create("http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port());
    }

    /** Connections open now. */
    public int openConnections() {
        return gate.total();
    }

    /** Connections answered 503 and closed because of a connection limit, since the start. */
    public long refusedConnections() {
        return refusedConnections.sum();
    }

    /** Connections closed because a request did not arrive, or its answer was not taken, in time. */
    public long timedOutConnections() {
        return timedOut.sum();
    }

    /** Stops listening, closes every connection and stops the handler threads; waits a few seconds at most. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (listener != null) {
            listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        // Handlers first: one finishing now still has an event loop to write its answer on.
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    // ---- one connection ------------------------------------------------------------------------

    /** Admits or refuses a new connection and builds its pipeline. */
    private final class Connection extends ChannelInitializer<SocketChannel> {
        @Override
        protected void initChannel(SocketChannel ch) {
            InetAddress client = ch.remoteAddress().getAddress();
            String refusal = gate.admit(client);
            ChannelPipeline p = ch.pipeline();
            if (refusal != null) {
                refusedConnections.increment();
                p.addLast(new HttpResponseEncoder(), new Refuse(refusal));
                return;
            }
            ch.closeFuture().addListener(f -> gate.release(client));
            Deadline deadline = new Deadline();
            p.addLast("deadline", deadline);
            p.addLast("codec", new HttpServerCodec(new HttpDecoderConfig()
                    .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                    .setMaxHeaderSize(limits.maxHeaderBytes())));
            p.addLast("aggregate", new Aggregator(deadline));
            // With reading paused while a request is handled, pipelined requests already decoded wait here.
            p.addLast("flow", new FlowControlHandler());
            p.addLast("dispatch", new Dispatch(deadline));
        }
    }

    /** Answers a connection over a limit with 503 and closes it. */
    private final class Refuse extends ChannelInboundHandlerAdapter {
        private final String why;

        Refuse(String why) {
            this.why = why;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(netty(refusals.answer(503, "too_many_connections", why).withHeader("Retry-After", "1"), false))
                    .addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            io.netty.util.ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /**
     * The connection's one timer: reading a request (from its first byte; from the opening for the
     * first), answering it, or waiting idle between requests. First in the pipeline, so it sees
     * every byte as it arrives.
     */
    private final class Deadline extends ChannelInboundHandlerAdapter {
        private static final int READING = 0;
        private static final int ANSWERING = 1;
        private static final int IDLE = 2;

        private ChannelHandlerContext ctx;
        private int state = READING;
        private boolean partial;
        private ScheduledFuture<?> timer;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            arm(limits.requestTimeout());
            super.channelActive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof io.netty.buffer.ByteBuf b && b.isReadable()) {
                if (state == IDLE) {
                    state = READING;
                    arm(limits.requestTimeout());
                }
                partial = true;
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            cancel();
            super.channelInactive(ctx);
        }

        /** A request is complete: its answer is due within the request timeout. */
        void requestComplete() {
            state = ANSWERING;
            partial = false;
            arm(limits.requestTimeout());
        }

        /** The answer went out on a connection kept alive. */
        void answered() {
            state = IDLE;
            partial = false;
            arm(limits.idleTimeout());
        }

        private void arm(Duration after) {
            cancel();
            timer = ctx.executor().schedule(this::expire, after.toNanos(), TimeUnit.NANOSECONDS);
        }

        private void cancel() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        private void expire() {
            timer = null;
            Channel ch = ctx.channel();
            if (!ch.isActive()) {
                return;
            }
            timedOut.increment();
            if (state == READING && partial) {
                // Through the whole pipeline, so the codec encodes it.
                ch.writeAndFlush(netty(refusals.answer(408, "request_timeout", "the request did not arrive complete within "
                        + show(limits.requestTimeout())), false)).addListener(ChannelFutureListener.CLOSE);
            } else {
                ch.close();
            }
        }
    }

    /** Bounds the body while it is read and answers 413 in the server's own words. */
    private final class Aggregator extends HttpObjectAggregator {
        private final Deadline deadline;

        Aggregator(Deadline deadline) {
            super(limits.maxBodyBytes());
            this.deadline = deadline;
        }

        private Response tooLarge() {
            return refusals.answer(413, "too_large", "request bodies are limited to " + limits.maxBodyBytes() + " bytes");
        }

        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
            if (answer instanceof FullHttpResponse r && r.status().code() == 413) {
                r.release();
                return netty(tooLarge(), true);
            }
            return answer;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
            if (!(oversized instanceof HttpRequest)) {
                super.handleOversizedMessage(ctx, oversized);
                return;
            }
            // As Netty does: once the body is under way, or nothing keeps the connection, close after
            // answering; otherwise the rest of the body is read and dropped, under the deadline.
            boolean close = oversized instanceof FullHttpMessage
                    || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
            ctx.writeAndFlush(netty(tooLarge(), !close)).addListener((ChannelFuture f) -> {
                if (close || !f.isSuccess()) {
                    ctx.close();
                } else {
                    deadline.answered();
                }
            });
        }
    }

    /** Hands each complete request to a handler thread and writes its answer. */
    private final class Dispatch extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Deadline deadline;

        Dispatch(Deadline deadline) {
            this.deadline = deadline;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
            deadline.requestComplete();
            ctx.channel().config().setAutoRead(false);
            if (msg.decoderResult().isFailure()) {
                answer(ctx, malformed(msg.decoderResult().cause()), false);
                return;
            }
            boolean keepAlive = HttpUtil.isKeepAlive(msg);
            URI uri;
            try {
                uri = new URI(msg.uri());
            } catch (URISyntaxException e) {
                answer(ctx, refusals.answer(400, "bad_request", "malformed request target: " + e.getMessage()), keepAlive);
                return;
            }
            if (uri.getPath() == null) {
                answer(ctx, refusals.answer(400, "bad_request", "the request target has no path: " + msg.uri()), keepAlive);
                return;
            }
            Request request = new Request(msg.method().name(), uri, msg.headers(), ByteBufUtil.getBytes(msg.content()),
                    (InetSocketAddress) ctx.channel().remoteAddress());
            try {
                handlers.execute(() -> answer(ctx, handle(request), keepAlive));
            } catch (RejectedExecutionException e) {
                answer(ctx, refusals.answer(503, "overloaded", "the server is shutting down or overloaded; try again")
                        .withHeader("Retry-After", "1"), false);
            }
        }

        private Response handle(Request request) {
            try {
                return handler.handle(request);
            } catch (RuntimeException e) {
                // A bug must cost one request, not the server.
                return refusals.answer(500, "internal", e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
        }

        private Response malformed(Throwable cause) {
            if (cause instanceof TooLongHttpLineException) {
                return refusals.answer(414, "bad_request", "request line longer than " + MAX_INITIAL_LINE_BYTES + " bytes");
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return refusals.answer(431, "bad_request", "headers larger than " + limits.maxHeaderBytes() + " bytes");
            }
            return refusals.answer(400, "bad_request", "malformed HTTP request: " + cause.getMessage());
        }

        /** Writes the answer; then reads the next request on this connection, or closes it. */
        private void answer(ChannelHandlerContext ctx, Response response, boolean keepAlive) {
            ctx.writeAndFlush(netty(response, keepAlive)).addListener((ChannelFuture f) -> {
                if (!keepAlive || !f.isSuccess()) {
                    ctx.close();
                    return;
                }
                deadline.answered();
                f.channel().config().setAutoRead(true);
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A reset or a broken pipe: the client is gone, and so is its connection.
            ctx.close();
        }
    }

    private static FullHttpResponse netty(Response r, boolean keepAlive) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                Unpooled.wrappedBuffer(r.body()));
        HttpHeaders h = out.headers();
        h.set(HttpHeaderNames.DATE, DateFormatter.format(new Date()));
        h.set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        r.headers().forEach(h::set);
        if (!keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return out;
    }

    private static String show(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Open connections, in all and per client address. */
    private static final class Gate {
        private final int max;
        private final int maxPerClient;
        private final Map<InetAddress, Integer> perClient = new HashMap<>();
        private int total;

        Gate(int max, int maxPerClient) {
            this.max = max;
            this.maxPerClient = maxPerClient;
        }

        /** Null when admitted, else why not. */
        synchronized String admit(InetAddress client) {
            if (total >= max) {
                return "the server has " + max + " connections open, its limit";
            }
            int mine = perClient.getOrDefault(client, 0);
            if (mine >= maxPerClient) {
                return "your address " + client.getHostAddress() + " has " + maxPerClient + " connections open, the limit per client";
            }
            perClient.put(client, mine + 1);
            total++;
            return null;
        }

        synchronized void release(InetAddress client) {
            total--;
            perClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
        }

        synchronized int total() {
            return total;
        }
    }
}
