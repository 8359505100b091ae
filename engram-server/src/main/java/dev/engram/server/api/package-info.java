/** The REST API's route groups: knowledge, memory, the blend, key management. */
package dev.engram.server.api;
