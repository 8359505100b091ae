/** API keys: tenant keys and the admin key, stored hashed, compared in constant time. */
package dev.engram.server.auth;
