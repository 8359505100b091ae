/**
 * One view of Engram for the framework adapters (engram-langchain4j, engram-spring-ai): {@link
 * dev.engram.bridge.Knowledge}, {@link dev.engram.bridge.Memory} and {@link
 * dev.engram.bridge.Sessions}, each implemented once over an embedded {@link dev.engram.Engram} and
 * once over {@link dev.engram.client.EngramClient} against {@code engram serve}. {@link
 * dev.engram.bridge.Engine} holds the three; every adapter is written once over it.
 */
package dev.engram.bridge;
