package io.dsn.sample.web;

import io.dsn.sample.node.NodeView;
import io.dsn.sample.node.NodeViews;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Every node of the network as this node sees it: a local read, never a request to a peer. */
@RestController
@RequestMapping("/api/nodes")
class NodesController {

    private final NodeViews views;

    NodesController(NodeViews views) {
        this.views = views;
    }

    /** This node first, then its peers by id. */
    @GetMapping
    List<NodeView> nodes() {
        return views.all();
    }

    @GetMapping("/{id}")
    NodeView node(@PathVariable String id) {
        return views.find(id).orElseThrow(() -> new UnknownNodeException(id));
    }
}
