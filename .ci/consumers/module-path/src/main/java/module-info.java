/** An application module that uses DSN through the packages dsn-core exports, and nothing else. */
module example.modules {
    requires io.dsn.core;
}
