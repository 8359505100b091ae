/**
 * Engram as an HTTP service: {@link dev.engram.server.EngramServer} on Javalin, the {@link
 * dev.engram.server.ServerEngine} it serves, and its {@link dev.engram.server.ServerConfig}.
 */
package dev.engram.server;
