/**
 * The load bench of a running server ({@code engram bench server}): operations that clients run
 * against it through engram-client, the mix they are drawn from, the run that times them, the
 * corpus it loads first, and a server in a child JVM when none is named.
 */
package dev.engram.cli.load;
