package io.dsn.sample.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/events}: server-sent events about the network ({@code snapshot}, {@code joined},
 * {@code state-changed}, {@code left}, {@code heartbeat}), each with a JSON payload.
 */
@RestController
class EventStreamController {

    private final EventBroadcaster broadcaster;

    EventStreamController(EventBroadcaster broadcaster) {
        this.broadcaster = broadcaster;
    }

    @GetMapping(path = "/api/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events() {
        return broadcaster.subscribe();
    }
}
