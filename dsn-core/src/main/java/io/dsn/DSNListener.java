package io.dsn;

/**
 * Hears about the network. Called on a thread of the node's own event dispatcher, never on a
 * protocol thread, one event at a time and in the order the node saw them. A listener that
 * throws is logged and the node goes on; a listener that blocks delays only later events.
 */
@FunctionalInterface
public interface DSNListener {

    void onEvent(DSNEvent event);
}
