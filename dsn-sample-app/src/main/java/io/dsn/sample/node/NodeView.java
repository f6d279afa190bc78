package io.dsn.sample.node;

import io.dsn.sample.sensor.Reading;

import java.time.Instant;
import java.util.Map;

/**
 * One node as the REST API and the event stream show it.
 *
 * @param id the node's id
 * @param address the address it is reached at
 * @param port its DSN port
 * @param self whether it is the node serving this API
 * @param state its latest state
 * @param reading the temperature reading in that state, typed or plain (see {@link NodeReadings}); null when it has none
 * @param lastUpdate the node's own timestamp of that state (null until a state arrived)
 * @param lastHeardFrom when this node last heard from it (null for this node itself)
 * @param status {@value #SELF} for this node, {@value #LIVE} for a peer heard from recently,
 *               {@value #STALE} for one that has been silent for a while but is not dropped yet
 */
public record NodeView(String id, String address, int port, boolean self, Map<String, String> state,
                       Reading reading, Instant lastUpdate, Instant lastHeardFrom, String status) {

    public static final String SELF = "self";
    public static final String LIVE = "live";
    public static final String STALE = "stale";
}
