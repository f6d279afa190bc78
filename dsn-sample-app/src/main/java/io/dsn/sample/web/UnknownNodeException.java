package io.dsn.sample.web;

/** A request named a node this node does not know. */
class UnknownNodeException extends RuntimeException {

    UnknownNodeException(String nodeId) {
        super("No node '" + nodeId + "' in this node's view of the network");
    }
}
