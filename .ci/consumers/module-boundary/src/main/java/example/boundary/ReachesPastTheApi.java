package example.boundary;

import io.dsn.internal.protocol.WireTime;

/** Uses a public type of an internal package; on the module path javac refuses the import. */
final class ReachesPastTheApi {

    private ReachesPastTheApi() {
    }

    static Class<?> internal() {
        return WireTime.class;
    }
}
