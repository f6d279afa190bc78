/**
 * DSN core: the Distributed State Network's node as a plain Java library. Only the API is exported
 * ({@code io.dsn}, {@code io.dsn.transport}, {@code io.dsn.runtime}); the packages under
 * {@code io.dsn.internal} are not readable by other modules.
 */
module io.dsn.core {
    exports io.dsn;
    exports io.dsn.transport;
    exports io.dsn.runtime;

    requires org.bouncycastle.provider;
    requires org.slf4j;
    requires tools.jackson.core;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.resolver;
    requires io.netty.transport;
    requires static transitive org.jspecify;
}
