/**
 * The HTTP layer: routes and calls, strict JSON, RFC 9457 problem details, the access log and
 * request metrics.
 */
package dev.engram.server.http;
