/**
 * A typed Java client of Engram's HTTP API ({@code engram serve}): {@link dev.engram.client.EngramClient}
 * and the records it sends and receives, on the JDK HttpClient and Jackson only.
 */
package dev.engram.client;
