package io.dsn.sample.web;

import io.dsn.sample.node.LocalState;
import io.dsn.sample.node.NodeView;
import io.dsn.sample.node.NodeViews;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Writes this node's own state, the only state it may write: {@code PUT /api/state/{key}} with the
 * value as the plain-text body, {@code DELETE /api/state/{key}}. Both answer this node's view with
 * its new state.
 */
@RestController
@RequestMapping("/api/state")
class StateController {

    static final int MAX_KEY_LENGTH = 200;

    private final LocalState state;
    private final NodeViews views;

    StateController(LocalState state, NodeViews views) {
        this.state = state;
        this.views = views;
    }

    @PutMapping(path = "/{key}", consumes = MediaType.ALL_VALUE)
    NodeView put(@PathVariable String key, @RequestBody(required = false) String value) {
        state.update(Map.of(checked(key), value == null ? "" : value));
        return self();
    }

    @DeleteMapping("/{key}")
    NodeView delete(@PathVariable String key) {
        state.remove(checked(key));
        return self();
    }

    private NodeView self() {
        return views.find(views.selfId()).orElseThrow();
    }

    private static String checked(String key) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a key must be 1 to " + MAX_KEY_LENGTH + " characters and not blank");
        }
        return key;
    }
}
