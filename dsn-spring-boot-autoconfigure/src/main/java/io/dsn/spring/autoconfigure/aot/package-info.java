/**
 * Ahead-of-time (Spring AOT, GraalVM native image) support: the runtime hints for what DSN loads
 * reflectively that Spring does not hint by itself. What Spring already covers and what an
 * application hints for its own typed values: {@code docs/aot.md}.
 */
@NullMarked
package io.dsn.spring.autoconfigure.aot;

import org.jspecify.annotations.NullMarked;
