package io.dsn.sample.web;

import java.time.Instant;

/**
 * The JSON body of every error the REST API answers.
 *
 * @param status the HTTP status code
 * @param error the status' reason phrase
 * @param message what went wrong, for a person
 * @param path the request path
 * @param timestamp when it happened
 */
public record ApiError(int status, String error, String message, String path, Instant timestamp) {
}
