/**
 * The web console: its static assets served at {@code /} from the jar, and the few read-only
 * routes it needs that the REST API had no answer for (a tenant's overview, the messages a memory
 * came from). Every route here is tenant-scoped like the rest of {@code /v1}.
 */
package dev.engram.server.console;
