/** A module that reaches past dsn-core's API: it must not compile. */
module example.boundary {
    requires io.dsn.core;
}
