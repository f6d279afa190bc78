package io.dsn.spring.autoconfigure.aot;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

import java.util.List;

/**
 * The Netty channel handlers of dsn-core's HTTP transport ({@code io.dsn.transport}), registered
 * for reflection. When a handler joins a pipeline, Netty's {@code ChannelHandlerMask} looks up each
 * of its public event methods ({@code getMethod("channelRead", ...)}) to see which ones are marked
 * {@code @Skip}; in a native image that lookup needs the type's methods registered. Netty ships
 * the same metadata for its own handlers ({@code META-INF/native-image/io.netty/netty-transport/
 * generated/handlers/reflect-config.json}, "queryAllPublicMethods"), not for ours.
 *
 * <p>Named, not referenced: the handlers are package-private, and the anonymous
 * {@code ChannelInitializer}s are handlers too.
 */
public final class DSNTransportRuntimeHints implements RuntimeHintsRegistrar {

    /** Every {@code ChannelHandler} of {@code io.dsn.transport} (a test checks that none is missing). */
    static final List<String> CHANNEL_HANDLERS = List.of(
            "io.dsn.transport.AnswerReader",
            "io.dsn.transport.BoundedRequestReader",
            "io.dsn.transport.ConnectionLimiter",
            "io.dsn.transport.RequestDeadlines",
            "io.dsn.transport.RequestServer",
            "io.dsn.transport.HttpSender$1",
            "io.dsn.transport.HttpTransport$1");

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        // Since Spring Framework 7 a registered type implies introspection of its methods, which is
        // all that ChannelHandlerMask does (it never invokes them reflectively).
        CHANNEL_HANDLERS.forEach(handler -> hints.reflection().registerType(TypeReference.of(handler)));
    }
}
